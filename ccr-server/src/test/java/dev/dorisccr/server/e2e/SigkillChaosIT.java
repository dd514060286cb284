package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syncer as a separate JVM on a SQLite store, SIGKILLed at seeded random moments while a
 * writer keeps changing the source (inserts, updates, deletes, ADD PARTITION, ADD COLUMN, CREATE
 * TABLE) and forced full syncs come in; each kill is followed by a restart on the same store. At the
 * end every table of the table job and of the db job must equal its source exactly: no row missing,
 * extra or duplicated (the writer's rows are unique), same columns and partitions. The simulated
 * clusters run in this JVM on the real clock.
 *
 * <p>Seed {@code -Dccr.chaos.seed} (default: the current time, printed), kills {@code
 * -Dccr.chaos.kills} (default 30). Figures go to stdout on lines starting {@code CHAOS-FIGURES
 * sigkill}. Runs in the {@code -Pchaos} profile ({@code .ci/run} calls it).
 */
@Tag("chaos")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SigkillChaosIT {
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(3);

    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Waits until {@code job} runs on the (re)started syncer: it took the job's lease back. */
    private static void awaitRunning(SyncerProcess syncer, String job) {
        await().atMost(READY_LIMIT).pollInterval(Duration.ofMillis(50)).pollInSameThread().until(() -> syncer
                .post("/job_status", "{\"name\": \"" + job + "\"}").body().contains("\"success\":true"));
    }

    @Test
    void sigkillsAtRandomMomentsLoseAndDuplicateNothing() throws Exception {
        long seed = Long.getLong("ccr.chaos.seed", System.currentTimeMillis());
        int kills = Integer.getInteger("ccr.chaos.kills", 30);
        System.out.println("CHAOS sigkill seed=" + seed + " kills=" + kills + " (rerun with -Dccr.chaos.seed="
                + seed + ")");
        Random r = new Random(seed);
        long started = System.nanoTime();

        String srcPassword = "src-pw-" + Long.toHexString(seed);
        String dstPassword = "dst-pw-" + Long.toHexString(~seed);
        FakeDorisCluster src = FakeDorisCluster.builder().name("src").backends(2).seed(seed)
                .credentials("root", srcPassword).build().start();
        open.add(src);
        FakeDorisCluster dst = FakeDorisCluster.builder().name("dst").backends(2).seed(seed + 1)
                .credentials("root", dstPassword).build().start();
        open.add(dst);

        ChaosWriter writer = new ChaosWriter(src, new Random(r.nextLong()));
        writer.setUp(dst);
        SyncerProcess syncer = new SyncerProcess(dir.resolve("syncer"));
        open.add(syncer);

        syncer.start();
        syncer.awaitReady(READY_LIMIT);
        for (String[] job : List.of(new String[] {"chaos_table", ChaosWriter.TABLE_DB, ChaosWriter.TABLE},
                new String[] {"chaos_db", ChaosWriter.DB, ""})) {
            String body = "{\"name\": \"" + job[0] + "\", \"src\": " + src.createCcrEndpoint(job[1], job[2])
                    + ", \"dest\": " + dst.createCcrEndpoint(job[1], job[2]) + "}";
            HttpResponse<String> created = syncer.post("/create_ccr", body);
            assertThat(created.body()).as("create %s, seed %d", job[0], seed).contains("\"success\":true");
        }

        ScheduledExecutorService writing = Executors.newSingleThreadScheduledExecutor();
        open.add(writing::shutdownNow);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        writing.scheduleWithFixedDelay(() -> {
            try {
                writer.step();
            } catch (RuntimeException | AssertionError e) {
                writerFailure.compareAndSet(null, e);
                throw e;
            }
        }, 0, 80, TimeUnit.MILLISECONDS);

        List<Long> readyMs = new ArrayList<>();
        List<Long> runningMs = new ArrayList<>();
        int killsBeforeReady = 0;
        int forced = 0;
        for (int kill = 1; kill <= kills; kill++) {
            if (r.nextInt(4) == 0) {
                // a kill during start-up: the store may be opened, the leases taken, the job half-started
                syncer.runFor(Duration.ofMillis(50 + r.nextInt(1500)));
                killsBeforeReady++;
            } else {
                syncer.awaitReady(READY_LIMIT);
                readyMs.add(syncer.sinceStartMs());
                awaitRunning(syncer, "chaos_table");
                awaitRunning(syncer, "chaos_db");
                runningMs.add(syncer.sinceStartMs());
                if (kill % 10 == 3 || r.nextInt(8) == 0) {
                    String job = (forced % 2 == 0) ? "chaos_table" : "chaos_db";
                    // just after a start the lease may be back while the job's runner is not yet: retried
                    await().atMost(READY_LIMIT).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() ->
                            syncer.post("/force_fullsync", "{\"name\": \"" + job + "\"}").body()
                                    .contains("\"success\":true"));
                    forced++;
                }
                syncer.runFor(Duration.ofMillis(200 + r.nextInt(2300)));
            }
            assertThat(writerFailure.get()).as("the writer failed, seed %d", seed).isNull();
            syncer.kill();
            syncer.start();
        }
        writing.shutdown();
        assertThat(writing.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writerFailure.get()).as("the writer failed, seed %d", seed).isNull();

        syncer.awaitReady(READY_LIMIT);
        TableCompare[] last = new TableCompare[1];
        await().atMost(CATCH_UP_LIMIT).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                .until(() -> (last[0] = TableCompare.of(src, dst, writer.tables())).equal());
        long catchUpMs = syncer.sinceStartMs();

        Map<String, String> status = new HashMap<>();
        for (String job : List.of("chaos_table", "chaos_db")) {
            status.put(job, syncer.post("/job_status", "{\"name\": \"" + job + "\"}").body());
        }
        syncer.close();
        TableCompare c = last[0];
        readyMs.sort(Long::compare);
        runningMs.sort(Long::compare);
        System.out.println("CHAOS-FIGURES sigkill seed=" + seed + " kills=" + kills + " kills_during_startup="
                + killsBeforeReady + " starts=" + syncer.starts() + " forced_full_syncs=" + forced);
        System.out.println("CHAOS-FIGURES sigkill writer " + writer.figures());
        System.out.println("CHAOS-FIGURES sigkill tables_compared=" + c.tables() + " rows_compared=" + c.rows()
                + " missing=" + c.missing() + " extra=" + c.extra() + " duplicated=" + c.duplicated()
                + " schema_or_partition_mismatches=" + c.shapeMismatches());
        System.out.println("CHAOS-FIGURES sigkill ready_ms min=" + readyMs.get(0) + " median="
                + readyMs.get(readyMs.size() / 2) + " max=" + readyMs.get(readyMs.size() - 1));
        System.out.println("CHAOS-FIGURES sigkill jobs_running_after_start_ms min=" + runningMs.get(0) + " median="
                + runningMs.get(runningMs.size() / 2) + " max=" + runningMs.get(runningMs.size() - 1)
                + " final_catch_up_ms="
                + catchUpMs + " wall_ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        System.out.println("CHAOS-FIGURES sigkill secret_scan files=" + SecretScan.filesUnder(syncer.home())
                + " (logs, process output, ccr.db, ccr.key)");

        assertThat(c.missing() + c.extra() + c.duplicated() + c.shapeMismatches()).as("seed %d: %s", seed, c)
                .isZero();
        assertThat(status.values()).as("seed %d", seed).allSatisfy(s -> assertThat(s).contains("\"success\":true")
                .doesNotContain("FAILED"));
        SecretScan secrets = SecretScan.of(srcPassword, dstPassword, src.token(), dst.token());
        secrets.assertNoneIn("the job_status answers", String.join("\n", status.values()));
        secrets.assertNoneIn(syncer.home());
    }
}
