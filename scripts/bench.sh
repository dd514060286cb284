#!/usr/bin/env bash
# Runs a benchmark of ccr-bench (docs/benchmarks.md):
#   scripts/bench.sh apply [-Dbench.binlogs=100 -Dbench.rounds=3 -Dbench.delays=0,1,5 -Dbench.tablets=1,8,32]
#   scripts/bench.sh decode [JMH options, e.g. -f 1 -wi 3 -i 5]
#   scripts/bench.sh scale [-Dbench.idleSeconds=30 -Dbench.trickle=300 -Dbench.delayMs=1] [N, default 1000]
#   scripts/bench.sh fullsync [-Dbench.tables=20 -Dbench.tablets=16 -Dbench.backupMs=2000 -Dbench.restoreMs=3000 -Dbench.modes=adaptive,go]
#   scripts/bench.sh lag [-Dbench.dense=60 -Dbench.sparse=15 -Dbench.warmUp=3 -Dbench.delayMs=1 -Dbench.idleSeconds=60 -Dbench.seed=17]
#   scripts/bench.sh ddl [JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"; shift || true
mvn -B -ntp -q -Pquick -pl ccr-bench -am package -DskipTests
cp="ccr-bench/target/classes:$(cat ccr-bench/target/classpath.txt)"
case "$what" in
  apply)  exec java -Dlogback.configurationFile=ccr-bench/src/main/resources/logback.xml "$@" -cp "$cp" dev.dorisccr.bench.ApplyBench ;;
  scale)  props=(); while [ $# -gt 0 ] && [[ "$1" == -D* ]]; do props+=("$1"); shift; done
          exec java -Dlogback.configurationFile=ccr-bench/src/main/resources/logback.xml "${props[@]}" -cp "$cp" dev.dorisccr.bench.ScaleBench "$@" ;;
  decode) exec java -cp "$cp" org.openjdk.jmh.Main "dev.dorisccr.bench.DecodeBenchmark" "$@" ;;
  fullsync) exec java -Dlogback.configurationFile=ccr-bench/src/main/resources/logback.xml "$@" -cp "$cp" dev.dorisccr.bench.FullSyncBench ;;
  lag)    exec java -Dlogback.configurationFile=ccr-bench/src/main/resources/logback.xml "$@" -cp "$cp" dev.dorisccr.bench.LagBench ;;
  ddl)    exec java -Dlogback.configurationFile=ccr-bench/src/main/resources/logback.xml -cp "$cp" org.openjdk.jmh.Main "dev.dorisccr.bench.DdlBenchmark" "$@" ;;
  *) echo "usage: $0 apply|decode|scale|fullsync|lag|ddl [options]" >&2; exit 2 ;;
esac
