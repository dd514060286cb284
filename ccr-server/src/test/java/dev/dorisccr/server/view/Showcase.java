package dev.dorisccr.server.view;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.job.SyncType;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.List;

/**
 * Seven jobs, one per kind of state the page must show (caught up, incremental, full sync,
 * backing off, failed, paused, stopped with an unreachable source), sampled over a few rounds so
 * that lag charts and histories have content. One job's name and error carry markup.
 */
final class Showcase {
    static final String HOSTILE = "<script>alert('name')</script>";
    static final String HOSTILE_ERROR = "unsupported DDL: ALTER TABLE t ADD <script>alert(\"x\")</script> & more";
    static final List<String> NAMES = List.of(HOSTILE, "archive", "clicks_alias", "events_tbl", "lost", "orders_db",
            "payments");

    final ScriptedJobService jobs = new ScriptedJobService();
    final ManualScheduler time = new ManualScheduler();
    final StatusSampler sampler;

    Showcase() {
        long now = time.millis();
        long s = now / 1000;
        jobs.db("orders_db", "orders").observed(ObservedState.CAUGHT_UP, "", now - 3_600_000)
                .state(SyncState.DB_INCREMENTAL_SYNC, SubSyncState.DONE).fullSync("new job", s - 3 * 3600).lag(0, 0);
        jobs.table("events_tbl", "events").observed(ObservedState.INCREMENTAL, "", now - 600_000)
                .state(ScriptedJobService.incremental(SyncType.TABLE_SYNC), SubSyncState.INGEST_BINLOG)
                .fullSync("new job", s - 86_400).lag(180, 42);
        jobs.alias("clicks_alias", "clicks", "clicks_copy").observed(ObservedState.FULL_SYNC, "WaitRestoreDone", now - 95_000)
                .state(SyncState.TABLE_FULL_SYNC, SubSyncState.WAIT_RESTORE_DONE)
                .fullSync("binlog expired: commit seq 42 is older than the oldest binlog 1,000", s - 95).lag(1_250, 700);
        jobs.table("payments", "payments").observed(ObservedState.INCREMENTAL, "", now - 30_000)
                .state(ScriptedJobService.incremental(SyncType.TABLE_SYNC), SubSyncState.BEGIN_TRANSACTION)
                .fullSync("new job", s - 7 * 86_400).lag(35, 20)
                .error(ErrorCode.DORIS_CONNECTION_FAILED, "connect to fe-dst.example:9030: Connection refused",
                        "BeginTxn", 5_012, now - 120_000, now - 5_000, 4, List.of("wait (retried by itself)", "pause"))
                .backingOff(4, now + 40_000);
        jobs.table(HOSTILE, "t").observed(ObservedState.FAILED, "", now - 900_000)
                .state(ScriptedJobService.incremental(SyncType.TABLE_SYNC), SubSyncState.DONE)
                .fullSync("new job", s - 2 * 86_400).lag(3, 900)
                .error(ErrorCode.DORIS_UNSUPPORTED, HOSTILE_ERROR, "ReplayDdl", 77, now - 900_000, now - 900_000, 1,
                        List.of("resume (try again)", "job_skip_binlog (skip the binlog)", "force_fullsync (copy again)"));
        jobs.db("archive", "archive").observed(ObservedState.PAUSED, "", now - 86_400_000)
                .state(SyncState.DB_INCREMENTAL_SYNC, SubSyncState.DONE).fullSync("new job", s - 30 * 86_400).lag(5_400, 86_400)
                .desired(DesiredState.PAUSED)
                .verified(new dev.dorisccr.core.job.VerificationSummary(now - 3_600_000, "DIFFERS", 2, 11, 1, 0,
                        List.of("orders partition p1: 2 row(s) on the source, 1 on the target <b>")));
        jobs.jobs.get("archive").journal = List.of(
                new dev.dorisccr.core.spi.JournalEntry("archive", 5_013, "UPSERT", List.of("orders"),
                        dev.dorisccr.core.spi.JournalOutcome.APPLIED, "", 42, "ccrj-archive-5013", 9_001, "",
                        java.time.Instant.ofEpochMilli(now - 60_000)),
                new dev.dorisccr.core.spi.JournalEntry("archive", 5_012, "ALTER_JOB", List.of("orders"),
                        dev.dorisccr.core.spi.JournalOutcome.SKIPPED, "skipped by the operator <i>", 0, "", -1, "",
                        java.time.Instant.ofEpochMilli(now - 120_000)));
        jobs.jobs.get(HOSTILE).journal = List.of(new dev.dorisccr.core.spi.JournalEntry(HOSTILE, 77, "ALTER_JOB",
                List.of("<b>t</b>"), dev.dorisccr.core.spi.JournalOutcome.FAILED, HOSTILE_ERROR, 0, "", -1,
                "DORIS_UNSUPPORTED", java.time.Instant.ofEpochMilli(now - 900_000)));
        ScriptedJobService.Job lost = jobs.table("lost", "gone").observed(ObservedState.STOPPED, "", now - 50_000);
        lost.state(ScriptedJobService.incremental(SyncType.TABLE_SYNC), SubSyncState.DONE);
        lost.lagFailure = new CcrException(ErrorCode.DORIS_CONNECTION_FAILED,
                "source FE fe-src.example:9020 unreachable");
        sampler = new StatusSampler(jobs, time, time, Duration.ofSeconds(10), 60, 50);
    }

    /** Starts the sampler and runs {@code rounds} rounds, moving the incremental job's lag each time. */
    Showcase sample(int rounds) {
        sampler.start();
        for (int i = 0; i < rounds; i++) {
            long wave = Math.round(90 + 80 * Math.sin(i / 3.0));
            jobs.jobs.get("events_tbl").lag(wave, wave / 4);
            jobs.jobs.get("clicks_alias").lag(1_250 + 40L * i, 700 + 10L * i);
            jobs.jobs.get("payments").backingOff(4, time.millis() + 50_000);
            time.runFor(Duration.ofSeconds(10));
        }
        return this;
    }
}
