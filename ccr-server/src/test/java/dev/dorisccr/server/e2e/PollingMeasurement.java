package dev.dorisccr.server.e2e;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimBinlog;
import dev.dorisccr.testkit.doris.SimTxn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test (no assertions; surefire runs it only when named): fixed against
 * adaptive pacing against adaptive with the shared binlog probe in one run, over the simulator on manual time with production wiring. Prints
 * trickle lag p50/p99 (source binlog timestamp to target txn finish, virtual time), getBinlog
 * calls (and probe reads) per idle minute, and full sync time against the simulated backup + restore time.
 *
 * <pre>mvn -B -ntp -q -Pquick -pl ccr-server -am test -Dtest=PollingMeasurement -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class PollingMeasurement {
    private static final String JOB = "poll_job";

    @TempDir Path dir;

    private record Figures(String name, long shortFullSyncMs, long longFullSyncMs, List<Long> denseLags,
            List<Long> sparseLags, double idleFetchesPerMinute, double idleProbesPerMinute) {}

    /** How the job is paced: fixed 3 s, adaptive on its own, or adaptive with the shared binlog probe. */
    private enum Mode {
        FIXED, ADAPTIVE, PROBE
    }

    @Test
    void fixedVersusAdaptive() throws Exception {
        List<Figures> all = new ArrayList<>();
        all.add(measure("fixed", Mode.FIXED));
        all.add(measure("adaptive", Mode.ADAPTIVE));
        all.add(measure("probe", Mode.PROBE));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-9s | %-28s | %-28s | %-22s | %-20s | %-24s | %-24s%n", "pacing",
                "full sync 2 s + 3 s (ratio)", "full sync 20 s + 40 s (ratio)", "idle getBinlog / min",
                "idle SHOW PROC / min", "trickle 0.2-2 s p50/p99", "trickle 2-10 s p50/p99"));
        for (Figures f : all) {
            out.append(String.format(Locale.ROOT, "%-9s | %9.2f s (%.3fx)          | %9.2f s (%.3fx)           | %-22.1f"
                    + " | %-20.1f | %6d ms / %6d ms       | %6d ms / %6d ms%n", f.name(),
                    f.shortFullSyncMs() / 1000.0, f.shortFullSyncMs() / 5000.0, f.longFullSyncMs() / 1000.0,
                    f.longFullSyncMs() / 60000.0, f.idleFetchesPerMinute(), f.idleProbesPerMinute(),
                    pct(f.denseLags(), 50), pct(f.denseLags(), 99), pct(f.sparseLags(), 50), pct(f.sparseLags(), 99)));
        }
        System.out.println("PollingMeasurement (virtual time, one run)\n" + out);
    }

    private Figures measure(String name, Mode adaptive) throws Exception {
        long shortSync = fullSync(adaptive, name + "-short", Duration.ofSeconds(2), Duration.ofSeconds(3));
        long longSync;
        List<Long> dense;
        List<Long> sparse;
        double idle;
        double probes;
        Path d = Files.createDirectories(dir.resolve(name + "-long"));
        try (E2eHarness h = harness(d, adaptive)) {
            h.src.setSnapshotJobDuration(Duration.ofSeconds(20), Duration.ZERO);
            h.dst.setSnapshotJobDuration(Duration.ZERO, Duration.ofSeconds(40));
            longSync = createAndWaitIncremental(h);
            h.run(Duration.ofSeconds(30));
            Random random = new Random(17);
            dense = trickle(h, random, 100, 200, 2_000);
            h.run(Duration.ofSeconds(30));
            sparse = trickle(h, random, 40, 2_000, 10_000);
            h.run(Duration.ofMinutes(1)); // the burst after the last binlog is over
            long before = h.src.faults().calls("getBinlog");
            long probesBefore = h.src.binlogProcReads();
            h.run(Duration.ofMinutes(10));
            idle = (h.src.faults().calls("getBinlog") - before) / 10.0;
            probes = (h.src.binlogProcReads() - probesBefore) / 10.0;
        }
        return new Figures(name, shortSync, longSync, dense, sparse, idle, probes);
    }

    private long fullSync(Mode adaptive, String name, Duration backup, Duration restore) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        try (E2eHarness h = harness(d, adaptive)) {
            h.src.setSnapshotJobDuration(backup, Duration.ZERO);
            h.dst.setSnapshotJobDuration(Duration.ZERO, restore);
            return createAndWaitIncremental(h);
        }
    }

    private static E2eHarness harness(Path d, Mode mode) {
        E2eHarness h = new E2eHarness(d, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), s -> s, JobListener.NONE,
                b -> b.adaptivePolling(mode != Mode.FIXED)
                        .binlogProbe(mode == Mode.PROBE ? BinlogProbeSettings.DEFAULTS : BinlogProbeSettings.DISABLED));
        h.src.sql("CREATE DATABASE m PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE m.t (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4"
                + " PROPERTIES (\"replication_num\" = \"1\")");
        h.src.sql("INSERT INTO m.t VALUES (1, 1), (2, 2), (3, 3)");
        h.dst.sql("CREATE DATABASE m_copy");
        return h;
    }

    /** Virtual ms from the create call until the job is incremental (the full sync is done). */
    private static long createAndWaitIncremental(E2eHarness h) {
        long start = h.time.millis();
        h.create(h.createBody(JOB, "m", "t", "m_copy", "t"));
        for (int i = 0; i < 1_000_000; i++) {
            h.run(Duration.ofMillis(10));
            if (h.syncer.status(JOB).progressState() == SyncState.TABLE_INCREMENTAL_SYNC) {
                return h.time.millis() - start;
            }
        }
        throw new IllegalStateException("full sync did not finish");
    }

    /** {@code n} inserts with gaps drawn from [minMs, maxMs); the lag of each, source commit to target commit. */
    private static List<Long> trickle(E2eHarness h, Random random, int n, int minMs, int maxMs) {
        long fromSeq = lastSeq(h);
        for (int i = 0; i < n; i++) {
            h.run(Duration.ofMillis(minMs + random.nextInt(maxMs - minMs)));
            h.src.sql("INSERT INTO m.t VALUES (" + (100 + i) + ", " + i + ")");
        }
        h.run(Duration.ofSeconds(15));
        Map<Long, Long> targetCommit = new HashMap<>();
        for (SimTxn t : h.dst.txns()) {
            if (t.label().startsWith("ccrj-") && (t.state() == SimTxn.State.VISIBLE || t.state() == SimTxn.State.COMMITTED)) {
                targetCommit.put(Long.parseLong(t.label().substring(t.label().lastIndexOf(':') + 1)), t.finishMs());
            }
        }
        List<Long> lags = new ArrayList<>();
        for (SimBinlog b : h.src.binlogs("m", "t")) {
            if (b.type() == SimBinlog.UPSERT && b.commitSeq() > fromSeq) {
                Long at = targetCommit.get(b.commitSeq());
                if (at == null) {
                    throw new IllegalStateException("binlog " + b.commitSeq() + " not applied");
                }
                lags.add(at - b.timestamp());
            }
        }
        return lags;
    }

    private static long lastSeq(E2eHarness h) {
        List<SimBinlog> b = h.src.binlogs("m", "t");
        return b.isEmpty() ? 0 : b.get(b.size() - 1).commitSeq();
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
