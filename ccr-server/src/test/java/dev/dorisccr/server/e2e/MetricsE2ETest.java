package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.service.LagSampler;
import dev.dorisccr.engine.internal.metrics.MeteredMetadataStore;
import dev.dorisccr.server.metrics.PrometheusText;
import dev.dorisccr.server.metrics.ServerMetrics;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} end to end: a table job over two simulated clusters, the Syncer built with the
 * metrics listener and a metered store, the lag measured by the engine's lag round; the scrape is read with
 * the text format rules and its per-job series checked against the job's own state.
 */
class MetricsE2ETest {
    private static final String JOB = "orders_job";

    @TempDir Path dir;
    private final ServerMetrics metrics = new ServerMetrics(java.time.Clock.systemUTC());
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2),
                s -> new MeteredMetadataStore(s, metrics.registry()), metrics.jobs());
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.orders (id INT NOT NULL, city VARCHAR(20), amount BIGINT SUM DEFAULT \"0\")"
                + " AGGREGATE KEY(id, city) DISTRIBUTED BY HASH(id) BUCKETS 3 PROPERTIES (\"replication_num\" = \"1\")");
        h.src.sql("INSERT INTO shop.orders VALUES (1, 'paris', 10), (2, 'rome', 20)");
        h.dst.sql("CREATE DATABASE shop_copy");
        h.create(h.createBody(JOB, "shop", "orders", "shop_copy", "orders"));
        h.run(Duration.ofMinutes(2));
        h.src.sql("INSERT INTO shop.orders VALUES (3, 'oslo', 5)");
        h.src.sql("ALTER TABLE shop.orders SET (\"comment\" = \"orders\")");
        h.src.sql("INSERT INTO shop.orders VALUES (1, 'paris', 5), (4, 'lima', 7)");
        h.run(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            h.close();
        } finally {
            metrics.close();
        }
    }

    @Test
    void aCaughtUpJobShowsItsSeriesWithTheJobsOwnNumbers() {
        PrometheusText m = PrometheusText.parse(metrics.scrape());
        var progress = h.syncer.progress(JOB);

        assertThat(m.value("ccr_job_binlogs_applied_total", "job", JOB, "type", "upsert")).isGreaterThanOrEqualTo(2);
        assertThat(m.value("ccr_job_committed_commit_seq", "job", JOB)).isEqualTo(progress.prevCommitSeq());
        assertThat(m.value("ccr_job_status", "job", JOB, "state", "caught_up")).isEqualTo(1);
        assertThat(m.find("ccr_job_status", "job", JOB)).hasSize(8)
                .filteredOn(s -> s.value() == 1).hasSize(1);
        assertThat(m.value("ccr_job_lag_binlogs", "job", JOB)).isZero();
        assertThat(m.value("ccr_job_lag_seconds", "job", JOB)).isZero();
        assertThat(m.value("ccr_job_txns_total", "job", JOB, "outcome", "committed")).isGreaterThanOrEqualTo(2);
        assertThat(m.value("ccr_job_ingest_seconds_count", "job", JOB)).isGreaterThanOrEqualTo(2);
        assertThat(m.value("ccr_job_ingest_tablets_total", "job", JOB)).isPositive();
        assertThat(m.value("ccr_job_syncs_total", "job", JOB, "kind", "full", "reason", "new_job")).isEqualTo(1);
        assertThat(m.value("ccr_job_sync_seconds_count", "job", JOB, "kind", "full")).isEqualTo(1);
        assertThat(m.find("ccr_job_errors_total", "job", JOB)).isEmpty();
        assertThat(m.type("ccr_job_ingest_seconds")).contains("histogram");

        // the Go syncer's names, as its dashboard queries them
        assertThat(m.value("ccr_job_running_total")).isEqualTo(1);
        assertThat(m.value("ccr_job_running_sync_state", "name", JOB)).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC.code());
        assertThat(m.value("ccr_job_running_sub_sync_state", "name", JOB)).isEqualTo(-1);
        assertThat(m.value("ccr_job_running_lag_total", "name", JOB)).isZero();
        assertThat(m.value("ccr_binlog_commit_seq", "name", JOB)).isEqualTo(progress.commitSeq());
        assertThat(m.value("ccr_handle_binlog_total", "name", JOB)).isGreaterThanOrEqualTo(3);
        assertThat(m.value("ccr_handle_binlog_duration_seconds_count", "name", JOB)).isGreaterThanOrEqualTo(3);
        assertThat(m.value("ccr_job_progress_persist_total", "name", JOB)).isPositive();
        assertThat(m.type("ccr_job_running_lag_total")).contains("gauge");

        // process
        assertThat(m.value("ccr_store_write_seconds_count", "op", "progress_put", "outcome", "ok")).isPositive();
        assertThat(m.find("jvm_memory_used_bytes")).isNotEmpty();
        assertThat(m.find("process_uptime_seconds")).isNotEmpty();
    }

    @Test
    void aVerificationShowsItsOutcomeAndTime() {
        PrometheusText before = PrometheusText.parse(metrics.scrape());
        assertThat(before.value("ccr_job_verification_timestamp_seconds", "job", JOB)).isNaN();
        var report = h.syncer.verify(JOB, dev.dorisccr.core.verify.VerifyRequest.all(), attempt -> h.run(Duration.ofSeconds(5)));
        assertThat(report.outcome()).isEqualTo(dev.dorisccr.core.verify.VerifyOutcome.EQUAL);

        PrometheusText m = PrometheusText.parse(metrics.scrape());
        assertThat(m.value("ccr_job_verification_outcome", "job", JOB, "outcome", "equal")).isEqualTo(1);
        assertThat(m.value("ccr_job_verification_outcome", "job", JOB, "outcome", "differs")).isZero();
        assertThat(m.value("ccr_job_verification_timestamp_seconds", "job", JOB)).isEqualTo(report.finishedAtMs() / 1000.0);
    }

    @Test
    void theLagPollMeasuresAJobThatFallsBehind() {
        h.syncer.pause(JOB);
        h.src.sql("INSERT INTO shop.orders VALUES (5, 'kyiv', 1)");
        h.src.sql("INSERT INTO shop.orders VALUES (6, 'baku', 2)");
        h.run(LagSampler.DEFAULT_INTERVAL.plusSeconds(1)); // one engine lag round, the job paused and behind

        PrometheusText behind = PrometheusText.parse(metrics.scrape());
        assertThat(behind.value("ccr_job_status", "job", JOB, "state", "paused")).isEqualTo(1);
        assertThat(behind.value("ccr_job_lag_binlogs", "job", JOB)).isEqualTo(2);
        assertThat(behind.value("ccr_job_running_lag_total", "name", JOB)).isEqualTo(2);
        assertThat(behind.value("ccr_job_lag_seconds", "job", JOB)).isGreaterThanOrEqualTo(0);
        assertThat(behind.value("ccr_job_running_total")).isZero();

        h.syncer.resume(JOB);
        h.run(Duration.ofMinutes(1));

        PrometheusText after = PrometheusText.parse(metrics.scrape());
        assertThat(after.value("ccr_job_lag_binlogs", "job", JOB)).isZero();
        assertThat(after.value("ccr_job_committed_commit_seq", "job", JOB))
                .isEqualTo(h.syncer.progress(JOB).prevCommitSeq());
    }

    @Test
    void aFailedStepIsCountedByCodeAndTheStatusSaysFailed() {
        h.dst.sql("ALTER TABLE shop_copy.orders ADD COLUMN w BIGINT SUM DEFAULT \"0\"");
        h.src.sql("ALTER TABLE shop.orders RENAME COLUMN amount w");
        h.run(Duration.ofMinutes(1));

        PrometheusText m = PrometheusText.parse(metrics.scrape());
        assertThat(h.syncer.status(JOB).observed()).satisfies(o -> assertThat(o.state().name()).as(o.toString())
                .isEqualTo("FAILED"));
        assertThat(m.value("ccr_job_status", "job", JOB, "state", "failed")).isEqualTo(1);
        assertThat(m.find("ccr_job_errors_total", "job", JOB)).isNotEmpty().allMatch(s -> s.value() >= 1);
        assertThat(m.find("ccr_error_total")).isNotEmpty();
        h.skipConvergenceCheck(); // the target's hand-made column keeps it apart on purpose
    }

    @Test
    void aDeletedJobLeavesNoSeries() {
        h.syncer.delete(JOB);

        PrometheusText m = PrometheusText.parse(metrics.scrape());
        assertThat(m.samples()).noneMatch(s -> JOB.equals(s.labels().get("job")) || JOB.equals(s.labels().get("name")));
        assertThat(m.value("ccr_job_running_total")).isZero();
    }
}
