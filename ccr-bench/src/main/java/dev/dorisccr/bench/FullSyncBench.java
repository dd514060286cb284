package dev.dorisccr.bench;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.FakeDorisCluster.SnapshotJobTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The full sync benchmark of issue 17, in real time on the production wiring: an engine built with
 * {@link CcrEngine#builder()} and the serve defaults (SQLite store, Thrift and JDBC clients, the
 * shared binlog probe), over two in-process simulated clusters of 3 BEs. Scenarios: a db job of
 * {@code bench.tables} tables (default 20) of {@code bench.tablets} tablets each (default 16), and
 * a table job of one such table; each with the simulator's natural backup and restore (one state
 * per SHOW poll) and with given durations ({@code bench.backupMs}, default 2000, {@code
 * bench.restoreMs}, default 3000: {@link FakeDorisCluster#setSnapshotJobDuration}). Each scenario
 * runs in every mode of {@code bench.modes} (default {@code adaptive,go}: {@code adaptive} is the
 * serve default, {@code go} the Go syncer's fixed 3 s polls, {@code JobMachine.Config.DEFAULTS
 * .fixed()} through {@code adaptivePolling(false)}), each run on fresh clusters and a fresh store.
 *
 * <p>Printed per run: the syncer's time from {@code create} to the checkpoint that makes the job
 * incremental; the cluster's own backup + restore time (CreateTime to FinishedTime of its BACKUP
 * and RESTORE jobs, {@link FakeDorisCluster#snapshotJobs}); their ratio; and where the rest went:
 * create to the backup's start, backup finish to the restore's start (getSnapshot, the job info
 * rewrite, restoreSnapshot), restore finish to incremental. Ends each run by comparing every target
 * table with its source (rows, columns, partitions); a difference is printed loudly and exits 1.
 * Run with {@code scripts/bench.sh fullsync} (docs/benchmarks.md).
 */
public final class FullSyncBench {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String DB = "fs";
    private static final String DB_COPY = "fs_copy";

    private record Scenario(String name, boolean db, int tables, int tablets, Duration backup, Duration restore) {}

    private record Figures(Scenario scenario, String mode, long syncerMs, long backupMs, long restoreMs,
            long toBackupMs, long betweenMs, long afterRestoreMs, int backups, int restores) {
        long clusterMs() {
            return backupMs + restoreMs;
        }
    }

    public static void main(String[] args) throws Exception {
        int tables = Integer.getInteger("bench.tables", 20);
        int tablets = Integer.getInteger("bench.tablets", 16);
        Duration backup = Duration.ofMillis(Long.getLong("bench.backupMs", 2000));
        Duration restore = Duration.ofMillis(Long.getLong("bench.restoreMs", 3000));
        List<String> modes = List.of(System.getProperty("bench.modes", "adaptive,go").split(","));
        List<Scenario> scenarios = List.of(
                new Scenario("db " + tables + "x" + tablets + ", natural", true, tables, tablets, Duration.ZERO,
                        Duration.ZERO),
                new Scenario("db " + tables + "x" + tablets + ", B " + backup.toMillis() + " + R " + restore.toMillis()
                        + " ms", true, tables, tablets, backup, restore),
                new Scenario("table 1x" + tablets + ", natural", false, 1, tablets, Duration.ZERO, Duration.ZERO),
                new Scenario("table 1x" + tablets + ", B " + backup.toMillis() + " + R " + restore.toMillis() + " ms",
                        false, 1, tablets, backup, restore));
        Path dir = Files.createTempDirectory("ccr-fullsync-bench");
        System.out.printf(Locale.ROOT, "FullSyncBench: %s, %d cpus, Java %s; modes %s%n", java.time.Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), modes);
        // a warm-up run (JIT, class loading), not reported
        run(new Scenario("warm-up", true, 2, 2, Duration.ZERO, Duration.ZERO), "adaptive", dir.resolve("warm-up"));
        List<Figures> all = new ArrayList<>();
        int i = 0;
        for (Scenario s : scenarios) {
            for (String mode : modes) {
                Figures f = run(s, mode, dir.resolve("run" + i++));
                System.err.printf(Locale.ROOT, "%s, %s: syncer %d ms, cluster %d ms%n", s.name(), mode, f.syncerMs(),
                        f.clusterMs());
                all.add(f);
            }
        }
        System.out.println(report(all));
    }

    private static Figures run(Scenario s, String mode, Path dir) throws Exception {
        Files.createDirectories(dir);
        if (!mode.equals("adaptive") && !mode.equals("go")) {
            throw new IllegalArgumentException("bench.modes: unknown mode " + mode + " (adaptive or go)");
        }
        try (FakeDorisCluster src = FakeDorisCluster.builder().name("fs-src").backends(3).build().start();
                FakeDorisCluster dst = FakeDorisCluster.builder().name("fs-dst").backends(3).build().start()) {
            src.sql("CREATE DATABASE " + DB + " PROPERTIES (\"binlog.enable\" = \"true\")");
            List<String> names = new ArrayList<>();
            for (int t = 0; t < s.tables(); t++) {
                String name = "t" + t;
                names.add(name);
                src.sql("CREATE TABLE " + DB + "." + name + " (k INT NOT NULL, v BIGINT, s VARCHAR(20)) UNIQUE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS " + s.tablets() + " PROPERTIES (\"replication_num\" = \"1\","
                        + " \"binlog.enable\" = \"true\")");
                StringBuilder insert = new StringBuilder("INSERT INTO " + DB + "." + name + " VALUES ");
                for (int r = 0; r < 4 * s.tablets(); r++) {
                    insert.append(r == 0 ? "" : ", ").append("(").append(r).append(", ").append(r * 7L + t)
                            .append(", 'r").append(r).append("')");
                }
                src.sql(insert.toString());
            }
            dst.sql("CREATE DATABASE " + DB_COPY);
            src.setSnapshotJobDuration(s.backup(), Duration.ZERO);
            dst.setSnapshotJobDuration(Duration.ZERO, s.restore());
            AtomicLong incrementalAt = new AtomicLong();
            JobListener listener = new JobListener() {
                @Override
                public void checkpointed(String job, SyncProgress progress) {
                    if (progress.syncState().isIncremental()) {
                        incrementalAt.compareAndSet(0, System.currentTimeMillis());
                    }
                }
            };
            String table = s.db() ? "" : names.get(0);
            JobSpec spec = new JobSpec("fullsync", new JobEndpoint(BenchSupport.spec(src), DB, table),
                    new JobEndpoint(BenchSupport.spec(dst), DB_COPY, table), JobOptions.DEFAULTS);
            long start;
            try (CcrEngine engine = CcrEngine.builder().sqliteStore(dir.resolve("ccr.db")).identity("127.0.0.1:19191")
                    .adaptivePolling(mode.equals("adaptive")).listener(listener).build()) {
                engine.start();
                start = System.currentTimeMillis();
                engine.create(spec);
                BenchSupport.await("the job in incremental sync", WAIT, () -> incrementalAt.get() != 0);
            }
            List<String> differences = new ArrayList<>();
            for (String name : names) {
                differences.addAll(BenchSupport.differences(src, DB, dst, DB_COPY, name));
            }
            BenchSupport.failIfDifferent("FullSyncBench " + s.name() + ", " + mode, differences);
            List<SnapshotJobTimes> backups = src.snapshotJobs().stream().filter(j -> j.kind().equals("BACKUP")).toList();
            List<SnapshotJobTimes> restores = dst.snapshotJobs().stream().filter(j -> j.kind().equals("RESTORE")).toList();
            if (backups.isEmpty() || restores.isEmpty()) {
                throw new IllegalStateException("no backup or restore ran: " + backups + " " + restores);
            }
            long backupMs = backups.stream().mapToLong(SnapshotJobTimes::durationMs).sum();
            long restoreMs = restores.stream().mapToLong(SnapshotJobTimes::durationMs).sum();
            SnapshotJobTimes lastBackup = backups.get(backups.size() - 1);
            SnapshotJobTimes lastRestore = restores.get(restores.size() - 1);
            return new Figures(s, mode, incrementalAt.get() - start, backupMs, restoreMs,
                    backups.get(0).createMs() - start, lastRestore.createMs() - lastBackup.finishMs(),
                    incrementalAt.get() - lastRestore.finishMs(), backups.size(), restores.size());
        }
    }

    private static String report(List<Figures> all) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-30s | %-8s | %9s | %21s | %7s | %8s | %14s | %s%n", "scenario",
                "mode", "syncer ms", "cluster B + R ms", "ratio", "waste ms", "given: ratio",
                "create->backup, backup->restore, restore->incremental ms (backups, restores)"));
        for (Figures f : all) {
            long given = f.scenario().backup().plus(f.scenario().restore()).toMillis();
            out.append(String.format(Locale.ROOT, "%-30s | %-8s | %9d | %6d + %6d = %6d | %6.3fx | %8d | %14s | %d, %d, %d"
                    + " (%d, %d)%n", f.scenario().name(), f.mode(), f.syncerMs(), f.backupMs(), f.restoreMs(),
                    f.clusterMs(), f.syncerMs() / (double) Math.max(1, f.clusterMs()), f.syncerMs() - f.clusterMs(),
                    given == 0 ? "-" : String.format(Locale.ROOT, "%d: %.3fx", given, f.syncerMs() / (double) given),
                    f.toBackupMs(), f.betweenMs(), f.afterRestoreMs(), f.backups(), f.restores()));
        }
        out.append("ratio = syncer (create to incremental) / cluster (backup + restore, CreateTime to FinishedTime);"
                + " goal <= 1.10x. waste = syncer - cluster. given = the durations set on the simulator (B + R),"
                + " syncer / given.\n"
                + "The simulator moves a backup or restore one state per SHOW poll (the last state also waits for the"
                + " given duration), so its CreateTime-to-FinishedTime includes the syncer's poll gaps.\n");
        return out.toString();
    }
}
