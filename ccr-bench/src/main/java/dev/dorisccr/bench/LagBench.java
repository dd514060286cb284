package dev.dorisccr.bench;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimBinlog;
import dev.dorisccr.testkit.doris.SimTxn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The trickle lag benchmark of issue 17, in real time: one table job per mode, each on its own pair
 * of in-process simulated clusters (1 BE each) and its own engine built with {@link
 * CcrEngine#builder()} and the serve defaults (SQLite store, Thrift and JDBC clients), with a delay
 * {@code d} = {@code bench.delayMs} (default 1) on every Thrift call of both clusters' FEs and BEs
 * once the job is incremental. Modes, side by side in one run (the same inserts at the same
 * moments): {@code probe} (the default: the shared binlog probe, one {@code SHOW PROC '/binlog'}
 * per 250 ms for a cluster this small), {@code probe500} (the probe every 500 ms, the default before
 * and what a cluster of 1,000 binlog databases gets, {@code -binlog_probe_interval 500ms}) and
 * {@code off} (no probe: the job's own adaptive polls).
 *
 * <p>A trickle of one-row inserts with seeded random gaps ({@code bench.seed}, default 17):
 * {@code bench.dense} (default 60) with gaps in [0.2, 2) s, then {@code bench.sparse} (default 15) in
 * [2, 10) s, as {@code PollingMeasurement} draws them, after {@code bench.warmUp} (default 3) inserts
 * 0.5 to 1 s apart that are not measured (the job's first upserts: its caches, its connections to the
 * BEs, the JIT). Lag per insert = the target transaction's
 * finish time minus the source binlog's commit time (both the simulators' clocks, this machine's).
 * Then an idle window of {@code bench.idleSeconds} (default 60): getBinlog calls and {@code SHOW
 * PROC '/binlog'} reads per minute at each source FE. Also printed: lag p90, the engine's apply time
 * per upsert (first step to applied, {@code JobListener.binlogApplied}'s {@code took}; the rest of a
 * lag is the wait for the fetch and the fetch) and the three largest lags. Ends by comparing each target table with its
 * source (rows, columns, partitions); a difference is printed loudly and exits 1. Run with {@code
 * scripts/bench.sh lag} (docs/benchmarks.md).
 */
public final class LagBench {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String DB = "lag";
    private static final String TABLE = "t";

    /** One mode: its clusters, engine and what was counted. */
    private static final class Lane {
        final String mode;
        final FakeDorisCluster src;
        final FakeDorisCluster dst;
        final CcrEngine engine;
        final AtomicBoolean incremental = new AtomicBoolean();
        /** Upsert commit seq -> the engine's apply time (first step to applied), ms. */
        final Map<Long, Long> applyMs = new ConcurrentHashMap<>();
        List<Long> dense = List.of();
        List<Long> sparse = List.of();
        List<Long> denseApply = List.of();
        List<Long> sparseApply = List.of();
        String denseTop = "";
        String sparseTop = "";
        long trickleProcs;
        long trickleFetches;
        double idleFetchesPerMinute;
        double idleProcsPerMinute;

        Lane(String mode, BinlogProbeSettings probe, Path dir) {
            this.mode = mode;
            src = FakeDorisCluster.builder().name("lag-src-" + mode).backends(1).build().start();
            dst = FakeDorisCluster.builder().name("lag-dst-" + mode).backends(1).build().start();
            src.sql("CREATE DATABASE " + DB + " PROPERTIES (\"binlog.enable\" = \"true\")");
            src.sql("CREATE TABLE " + DB + "." + TABLE + " (id INT NOT NULL, v BIGINT) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 4 PROPERTIES (\"replication_num\" = \"1\","
                    + " \"binlog.enable\" = \"true\")");
            src.sql("INSERT INTO " + DB + "." + TABLE + " VALUES (1, 1), (2, 2), (3, 3)");
            dst.sql("CREATE DATABASE " + DB);
            JobListener listener = new JobListener() {
                @Override
                public void checkpointed(String job, SyncProgress progress) {
                    if (progress.syncState().isIncremental()) {
                        incremental.set(true);
                    }
                }

                @Override
                public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs,
                        Duration took) {
                    if (typeCode == 0) {
                        applyMs.put(commitSeq, took.toMillis());
                    }
                }
            };
            engine = CcrEngine.builder().sqliteStore(dir.resolve(mode + ".db")).identity("127.0.0.1:1919" + mode.length())
                    .binlogProbe(probe).listener(listener).build();
            engine.start();
            engine.create(new JobSpec("lag_" + mode, new JobEndpoint(BenchSupport.spec(src), DB, TABLE),
                    new JobEndpoint(BenchSupport.spec(dst), DB, TABLE), JobOptions.DEFAULTS));
        }

        long lastSeq() {
            List<SimBinlog> b = src.binlogs(DB, TABLE);
            return b.isEmpty() ? 0 : b.get(b.size() - 1).commitSeq();
        }

        /** Apply times (ms) of the upserts after {@code fromSeq}, in commit order (-1 when not told). */
        List<Long> applies(long fromSeq) {
            List<Long> out = new ArrayList<>();
            for (SimBinlog b : src.binlogs(DB, TABLE)) {
                if (b.type() == SimBinlog.UPSERT && b.commitSeq() > fromSeq) {
                    out.add(applyMs.getOrDefault(b.commitSeq(), -1L));
                }
            }
            return out;
        }

        /** Lags (ms) of the upserts after {@code fromSeq} in commit order, or null while one is not applied yet. */
        List<Long> lags(long fromSeq) {
            Map<Long, Long> targetCommit = new HashMap<>();
            for (SimTxn t : dst.txns()) {
                if (t.label().startsWith("ccrj-")
                        && (t.state() == SimTxn.State.VISIBLE || t.state() == SimTxn.State.COMMITTED)) {
                    targetCommit.put(Long.parseLong(t.label().substring(t.label().lastIndexOf(':') + 1)), t.finishMs());
                }
            }
            List<Long> lags = new ArrayList<>();
            for (SimBinlog b : src.binlogs(DB, TABLE)) {
                if (b.type() == SimBinlog.UPSERT && b.commitSeq() > fromSeq) {
                    Long at = targetCommit.get(b.commitSeq());
                    if (at == null) {
                        return null;
                    }
                    lags.add(at - b.timestamp());
                }
            }
            return lags;
        }

        void close() {
            engine.close();
            src.close();
            dst.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int dense = Integer.getInteger("bench.dense", 60);
        int sparse = Integer.getInteger("bench.sparse", 15);
        Duration d = Duration.ofMillis(Long.getLong("bench.delayMs", 1));
        int idleSeconds = Integer.getInteger("bench.idleSeconds", 60);
        int warmUp = Integer.getInteger("bench.warmUp", 3);
        long seed = Long.getLong("bench.seed", 17);
        Path dir = Files.createTempDirectory("ccr-lag-bench");
        System.out.printf(Locale.ROOT, "LagBench: %s, %d cpus, Java %s, d = %d ms, %d + %d inserts after %d"
                + " not measured, seed %d%n", java.time.Instant.now(), Runtime.getRuntime().availableProcessors(),
                Runtime.version(), d.toMillis(), dense, sparse, warmUp, seed);
        List<Lane> lanes = new ArrayList<>();
        try {
            lanes.add(new Lane("probe", BinlogProbeSettings.DEFAULTS, dir));
            lanes.add(new Lane("probe500", BinlogProbeSettings.DEFAULTS.withInterval(Duration.ofMillis(500)), dir));
            lanes.add(new Lane("off", BinlogProbeSettings.DISABLED, dir));
            BenchSupport.await("every job incremental", WAIT, () -> lanes.stream().allMatch(l -> l.incremental.get()));
            for (Lane l : lanes) {
                BenchSupport.delayEveryThriftCall(l.src, d);
                BenchSupport.delayEveryThriftCall(l.dst, d);
            }
            BenchSupport.pause(Duration.ofSeconds(5)); // the bursts after the full sync end
            Random random = new Random(seed);
            int[] next = {1000};
            if (warmUp > 0) { // the job's first upserts (its caches, connections to the BEs, JIT), not measured
                trickle(lanes, new Random(seed + 1), warmUp, 500, 1_000, next, null);
            }
            trickle(lanes, random, dense, 200, 2_000, next, true);
            trickle(lanes, random, sparse, 2_000, 10_000, next, false);

            BenchSupport.pause(Duration.ofSeconds(10)); // the adaptive polls after the last binlog end
            Map<Lane, long[]> before = new HashMap<>();
            for (Lane l : lanes) {
                before.put(l, new long[] {l.src.faults().calls("getBinlog"), l.src.binlogProcReads()});
            }
            long idleFrom = System.nanoTime();
            BenchSupport.pause(Duration.ofSeconds(idleSeconds));
            double minutes = (System.nanoTime() - idleFrom) / 60e9;
            for (Lane l : lanes) {
                l.idleFetchesPerMinute = (l.src.faults().calls("getBinlog") - before.get(l)[0]) / minutes;
                l.idleProcsPerMinute = (l.src.binlogProcReads() - before.get(l)[1]) / minutes;
            }
            List<String> differences = new ArrayList<>();
            for (Lane l : lanes) {
                BenchSupport.delayEveryThriftCall(l.src, Duration.ZERO);
                BenchSupport.delayEveryThriftCall(l.dst, Duration.ZERO);
                for (String diff : BenchSupport.differences(l.src, DB, l.dst, DB, TABLE)) {
                    differences.add(l.mode + ": " + diff);
                }
            }
            BenchSupport.failIfDifferent("LagBench", differences);
            System.out.println(report(lanes, d, dense, sparse, idleSeconds));
        } finally {
            lanes.forEach(Lane::close);
        }
    }

    /** {@code n} one-row inserts into every lane's source at the same moments, gaps in [minMs, maxMs). */
    private static void trickle(List<Lane> lanes, Random random, int n, int minMs, int maxMs, int[] next,
            Boolean dense) {
        Map<Lane, Long> from = new HashMap<>();
        Map<Lane, long[]> counts = new HashMap<>();
        for (Lane l : lanes) {
            from.put(l, l.lastSeq());
            counts.put(l, new long[] {l.src.binlogProcReads(), l.src.faults().calls("getBinlog")});
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            BenchSupport.pause(Duration.ofMillis(minMs + random.nextInt(maxMs - minMs)));
            int id = next[0]++;
            for (Lane l : lanes) {
                l.src.sql("INSERT INTO " + DB + "." + TABLE + " VALUES (" + id + ", " + i + ")");
            }
        }
        BenchSupport.await("every trickled binlog applied", WAIT,
                () -> lanes.stream().allMatch(l -> l.lags(from.get(l)) != null));
        double minutes = (System.nanoTime() - t0) / 60e9;
        if (dense == null) { // the warm-up
            return;
        }
        for (Lane l : lanes) {
            List<Long> lags = l.lags(from.get(l));
            List<Long> applies = l.applies(from.get(l));
            String top = top(lags, applies);
            if (dense) {
                l.dense = lags;
                l.denseApply = applies;
                l.denseTop = top;
                l.trickleProcs = Math.round((l.src.binlogProcReads() - counts.get(l)[0]) / minutes);
                l.trickleFetches = Math.round((l.src.faults().calls("getBinlog") - counts.get(l)[1]) / minutes);
            } else {
                l.sparse = lags;
                l.sparseApply = applies;
                l.sparseTop = top;
            }
        }
    }

    /** The three largest lags: insert number (from 1), lag and apply ms. */
    private static String top(List<Long> lags, List<Long> applies) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lags.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(lags.get(b), lags.get(a)));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, order.size()); i++) {
            int k = order.get(i);
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "#%d %d ms (apply %d)", k + 1, lags.get(k),
                    applies.get(k)));
        }
        return sb.toString();
    }

    private static String report(List<Lane> lanes, Duration d, int dense, int sparse, int idleSeconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-9s | %-30s | %-30s | %-24s | %-26s%n", "mode",
                "gaps 0.2-2 s: p50 / p99 / max", "gaps 2-10 s: p50 / p99 / max", "idle getBinlog, PROC /min",
                "dense trickle getBinlog, PROC /min"));
        for (Lane l : lanes) {
            out.append(String.format(Locale.ROOT, "%-9s | %6d / %6d / %6d ms (n %3d) | %6d / %6d / %6d ms (n %3d) | %8.1f, %8.1f"
                    + "         | %8d, %8d%n", l.mode, BenchSupport.pct(l.dense, 50), BenchSupport.pct(l.dense, 99),
                    BenchSupport.pct(l.dense, 100), l.dense.size(), BenchSupport.pct(l.sparse, 50),
                    BenchSupport.pct(l.sparse, 99), BenchSupport.pct(l.sparse, 100), l.sparse.size(),
                    l.idleFetchesPerMinute, l.idleProcsPerMinute, l.trickleFetches, l.trickleProcs));
        }
        out.append(String.format(Locale.ROOT, "%-9s | %-40s | %-40s | %s%n", "mode", "dense: lag p90, apply p50 / p99 ms",
                "sparse: lag p90, apply p50 / p99 ms", "largest lags, dense; sparse (insert #, lag, apply)"));
        for (Lane l : lanes) {
            out.append(String.format(Locale.ROOT, "%-9s | %6d, %6d / %6d                         | %6d, %6d / %6d"
                    + "                         | %s; %s%n", l.mode, BenchSupport.pct(l.dense, 90),
                    BenchSupport.pct(l.denseApply, 50), BenchSupport.pct(l.denseApply, 99), BenchSupport.pct(l.sparse, 90),
                    BenchSupport.pct(l.sparseApply, 50), BenchSupport.pct(l.sparseApply, 99), l.denseTop, l.sparseTop));
        }
        out.append(String.format(Locale.ROOT, "lag = target txn finish - source binlog commit; d = %d ms on every Thrift"
                + " call; idle window %d s; goal p99 <= 500 ms with idle getBinlog <= 20/min per job.%n"
                + "target checked: each mode's table has the source's rows, columns and partitions.%n", d.toMillis(),
                idleSeconds));
        return out.toString();
    }
}
