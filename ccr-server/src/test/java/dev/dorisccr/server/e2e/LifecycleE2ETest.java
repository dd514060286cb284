package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.server.metrics.PrometheusText;
import dev.dorisccr.server.metrics.ServerMetrics;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each failure class shows in the observed status, in one log line for the job and in the
 * job's status metric, and the job goes on by itself when it can (issue 14).
 */
class LifecycleE2ETest {
    @TempDir Path dir;
    private E2eHarness h;
    private final LogCapture logs = new LogCapture();
    private final ServerMetrics metrics = new ServerMetrics(java.time.Clock.systemUTC());

    private void start(java.util.function.UnaryOperator<MetadataStore> store) {
        h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), store, metrics.jobs());
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("INSERT INTO d1.t VALUES (1, 1)");
        h.dst.sql("CREATE DATABASE d1");
    }

    @AfterEach
    void stop() throws Exception {
        logs.close();
        try {
            if (h != null) {
                h.close();
            }
        } finally {
            metrics.close();
        }
    }

    private double statusGauge(String state) {
        return PrometheusText.parse(metrics.scrape()).value("ccr_job_status", "job", "j", "state", state);
    }

    private ObservedStatus observed() {
        return h.syncer.status("j").observed();
    }

    @Test
    void aTargetThatRefusesConnectionsIsBackingOffWithTheReasonAndALogLineThenRecovers() {
        start(s -> s);
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);

        h.dst.stopFrontend();
        h.src.sql("INSERT INTO d1.t VALUES (2, 2)");
        h.run(Duration.ofSeconds(20));
        ObservedStatus s = observed();
        assertThat(s.state()).isEqualTo(ObservedState.BACKING_OFF);
        assertThat(s.error()).hasValueSatisfying(e -> {
            assertThat(e.code().retriable()).as(e.toString()).isTrue();
            assertThat(e.count()).isGreaterThanOrEqualTo(1);
            assertThat(e.commitSeq()).isPositive();
        });
        assertThat(s.nextRetryAtMs()).isPositive();
        assertThat(h.syncer.status("j").caughtUp()).isFalse();
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN [j] ").contains("failed", "retrying in"));
        assertThat(statusGauge("backing_off")).isEqualTo(1);
        assertThat(PrometheusText.parse(metrics.scrape()).find("ccr_job_errors_total", "job", "j")).isNotEmpty();

        h.dst.startFrontend();
        h.run(Duration.ofMinutes(3));
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        assertThat(observed().error()).isEmpty();
        h.assertSameTable("d1", "t", "d1", "t");
    }

    @Test
    void aFailureRetryingCannotFixStopsTheJobSaysWhatToDoAndSkipGoesOn() {
        start(s -> s);
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.dst.sql("ALTER TABLE d1.t ADD COLUMN w INT");
        h.src.sql("ALTER TABLE d1.t RENAME COLUMN v w"); // the target already has w: Doris refuses
        h.run(Duration.ofMinutes(2));
        ObservedStatus s = observed();
        assertThat(s.state()).isEqualTo(ObservedState.FAILED);
        JobError e = s.error().orElseThrow();
        assertThat(e.code().retriable()).as(e.toString()).isFalse();
        assertThat(e.message()).contains("Duplicate column");
        assertThat(e.step()).isEqualTo("ApplyBinlog");
        assertThat(e.actions()).anyMatch(a -> a.startsWith("job_skip_binlog"));
        assertThat(e.count()).as("not retried").isEqualTo(1);
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("ERROR [j] ").contains("stopped retrying"));
        assertThat(statusGauge("failed")).isEqualTo(1);
        int failuresBefore = e.count();
        h.run(Duration.ofMinutes(10));
        assertThat(observed().error().orElseThrow().count()).as("still not retried").isEqualTo(failuresBefore);

        h.syncer.skipBinlog("j", dev.dorisccr.core.syncer.SkipBy.SILENCE, e.commitSeq());
        h.dst.sql("ALTER TABLE d1.t DROP COLUMN v");
        h.run(Duration.ofMinutes(1));
        assertThat(observed().state()).isIn(ObservedState.CAUGHT_UP, ObservedState.INCREMENTAL);
        assertThat(observed().error()).isEmpty();
        h.skipConvergenceCheck(); // the skipped rename left the target's column apart on purpose
    }

    @Test
    void aStoreThatThrowsSomethingUnexpectedNeverStallsTheJobSilently() {
        AtomicInteger failNext = new AtomicInteger();
        start(store -> failingProgress(store, failNext));
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        failNext.set(2);
        h.src.sql("INSERT INTO d1.t VALUES (2, 2)");
        for (int i = 0; i < 40 && observed().error().isEmpty(); i++) {
            h.run(Duration.ofMillis(250)); // until the next poll picks the insert up and its checkpoint fails
        }
        assertThat(observed().error()).hasValueSatisfying(e -> assertThat(e.message()).contains("disk on fire"));
        assertThat(observed().state()).isEqualTo(ObservedState.BACKING_OFF);
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN [j] ").contains("checkpoint failed"));
        assertThat(statusGauge("backing_off")).isEqualTo(1);
        h.run(Duration.ofMinutes(3));
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        h.assertSameTable("d1", "t", "d1", "t");
    }

    @Test
    void theStatusSurvivesARestartOfTheSyncer() {
        start(s -> s);
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.dst.sql("ALTER TABLE d1.t ADD COLUMN w INT");
        h.src.sql("ALTER TABLE d1.t RENAME COLUMN v w");
        h.run(Duration.ofMinutes(2));
        assertThat(observed().state()).isEqualTo(ObservedState.FAILED);
        h.crashSyncer();
        h.startSyncer("127.0.0.1:9191");
        h.run(Duration.ofMinutes(1));
        assertThat(observed().error()).hasValueSatisfying(e -> assertThat(e.message()).contains("Duplicate column"));
        h.skipConvergenceCheck();
    }

    @Test
    void binlogsCollectedWhilePausedReplanACopyThatIsLoggedCountedAndShown() {
        start(s -> s);
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.syncer.pause("j");
        assertThat(observed().state()).isEqualTo(ObservedState.PAUSED);
        assertThat(statusGauge("paused")).isEqualTo(1);
        h.src.sql("INSERT INTO d1.t VALUES (2, 2)");
        h.src.expireBinlogsNow();
        h.syncer.resume("j");
        for (int i = 0; i < 40 && !h.syncer.status("j").progressState().isFullSync(); i++) {
            h.run(Duration.ofMillis(100));
        }
        assertThat(observed().state()).isEqualTo(ObservedState.FULL_SYNC);
        h.run(Duration.ofMinutes(3));
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("INFO [j] ")
                .contains("full sync starts (binlog_collected)"));
        assertThat(PrometheusText.parse(metrics.scrape()).value("ccr_job_syncs_total", "job", "j", "kind", "full",
                "reason", "binlog_collected")).isEqualTo(1);
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        h.assertSameTable("d1", "t", "d1", "t");
    }

    @Test
    void everyOperatorActionIsLoggedOnceForTheJob() {
        start(s -> s);
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.syncer.pause("j");
        h.syncer.resume("j");
        h.run(Duration.ofSeconds(10));
        h.syncer.forceFullSync("j");
        h.syncer.updateSkipError("j", true);
        h.syncer.updateHostMapping("j", java.util.Map.of("10.0.0.1", "127.0.0.1"), java.util.Map.of());
        h.run(Duration.ofMinutes(2));
        h.syncer.desync("j");
        h.syncer.delete("j");
        assertThat(logs.lines().stream().filter(l -> l.contains("by the operator"))).allMatch(l -> l.startsWith("INFO [j] "))
                .anyMatch(l -> l.contains("paused")).anyMatch(l -> l.contains("resumed"))
                .anyMatch(l -> l.contains("asked for a full sync")).anyMatch(l -> l.contains("skip_error set to true"))
                .anyMatch(l -> l.contains("host mapping updated")).anyMatch(l -> l.contains("desynced"));
        assertThat(logs.lines()).anyMatch(l -> l.contains("job j deleted")).anyMatch(l -> l.contains("job j created"));
    }

    @Test
    void aJobWhoseStartFailsIsRetriedWithBackOffAndShowsIt() {
        AtomicInteger failReads = new AtomicInteger();
        start(store -> failingProgressReads(store, failReads));
        failReads.set(3); // the job's first starts cannot read its progress
        h.create(h.createBody("j", "d1", "t", "d1", "t"));
        h.run(Duration.ofSeconds(1));
        ObservedStatus s = observed();
        assertThat(s.state()).isEqualTo(ObservedState.BACKING_OFF);
        assertThat(s.detail()).isEqualTo("start");
        assertThat(s.error()).hasValueSatisfying(e -> assertThat(e.message()).contains("store hiccup"));
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("ERROR [j] ").contains("cannot start", "retrying in"));
        h.run(Duration.ofMinutes(3));
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        h.assertSameTable("d1", "t", "d1", "t");
    }

    private static MetadataStore failingProgress(MetadataStore store, AtomicInteger failNext) {
        return failingProgress(store, "put", failNext, "disk on fire");
    }

    private static MetadataStore failingProgressReads(MetadataStore store, AtomicInteger failNext) {
        return failingProgress(store, "get", failNext, "store hiccup");
    }

    /** A store whose progress {@code method} throws an unchecked, uncoded exception {@code failNext} times. */
    private static MetadataStore failingProgress(MetadataStore store, String method, AtomicInteger failNext,
            String message) {
        ProgressStore failing = proxy(ProgressStore.class, store.progress(), (m, args) -> {
            if (m.getName().equals(method) && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException(message);
            }
            return null;
        });
        return proxy(MetadataStore.class, store, (m, args) -> m.getName().equals("progress") ? failing : null);
    }

    /** {@code target} seen through {@code before}: a non-null answer replaces the call. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target,
            java.util.function.BiFunction<java.lang.reflect.Method, Object[], Object> before) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            Object answer = before.apply(m, args);
            if (answer != null) {
                return answer;
            }
            try {
                return m.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException x) {
                throw x.getCause();
            }
        });
    }
}
