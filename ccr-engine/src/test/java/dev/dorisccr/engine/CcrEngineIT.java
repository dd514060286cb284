package dev.dorisccr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import dev.dorisccr.thrift.gen.TStatusCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over two simulated Doris clusters (real Thrift, MySQL protocol and BE HTTP) and SQLite. */
class CcrEngineIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String JOB = "shop_job";

    @TempDir Path dir;
    private FakeDorisCluster src;
    private FakeDorisCluster dst;
    private final List<CcrEngine> engines = new ArrayList<>();
    /** What the listener heard, in order: "applied <seq>", "committed", "closed" (the test's marker). */
    private final Queue<String> events = new ConcurrentLinkedQueue<>();

    private final JobListener recorder = new JobListener() {
        @Override
        public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs, Duration took) {
            events.add("applied " + commitSeq);
        }

        @Override
        public void txnFinished(String job, TxnOutcome outcome) {
            events.add(outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
    };

    @BeforeEach
    void clusters() {
        src = FakeDorisCluster.builder().name("source").backends(2).build().start();
        dst = FakeDorisCluster.builder().name("target").backends(2).build().start();
        src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        // DUPLICATE KEY: a row ingested twice would show twice
        src.sql("CREATE TABLE shop.orders (id INT NOT NULL, item VARCHAR(20)) DUPLICATE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2");
        src.sql("INSERT INTO shop.orders VALUES (1, 'tea'), (2, 'cake')");
    }

    @AfterEach
    void stop() {
        engines.forEach(e -> e.close(Duration.ZERO));
        dst.close();
        src.close();
    }

    private CcrEngine engine() {
        return engine(b -> { });
    }

    private CcrEngine engine(java.util.function.Consumer<CcrEngine.Builder> more) {
        CcrEngine.Builder b = CcrEngine.builder().sqliteStore(dir.resolve("ccr.db")).pollInterval(Duration.ofMillis(200))
                .listener(recorder);
        more.accept(b);
        CcrEngine e = b.build();
        engines.add(e);
        e.start();
        return e;
    }

    private static ClusterSpec spec(FakeDorisCluster c) {
        return ClusterSpec.of("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(), c.password());
    }

    private JobSpec job() {
        return new JobSpec(JOB, new JobEndpoint(spec(src), "shop", ""), new JobEndpoint(spec(dst), "shop", ""),
                JobOptions.DEFAULTS);
    }

    private void assertTargetEqualsSource() {
        assertThat(sorted(dst.rows("shop", "orders"))).isEqualTo(sorted(src.rows("shop", "orders")));
        assertThat(dst.tableDef("shop", "orders").columns()).isEqualTo(src.tableDef("shop", "orders").columns());
        assertThat(dst.partitions("shop", "orders")).isEqualTo(src.partitions("shop", "orders"));
    }

    private static List<String> sorted(List<List<String>> rows) {
        List<String> out = new ArrayList<>(rows.stream().map(r -> String.join("|", r)).toList());
        Collections.sort(out);
        return out;
    }

    @Test
    void replicatesADatabaseAndAwaitsCaughtUpWithoutAskingTheFe() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CcrEngine engine = engine(b -> b.meterRegistry(registry));
        assertThat(engine.identity()).matches("embedded-\\d+-[0-9a-f]{8}\\.[A-Za-z0-9.-]+:0");
        assertThat(engine.health().state()).isEqualTo(EngineHealth.State.HEALTHY);

        engine.create(job());
        src.sql("INSERT INTO shop.orders VALUES (3, 'jam')");
        assertThat(engine.awaitCaughtUp(JOB, WAIT)).isTrue();
        assertTargetEqualsSource();
        assertThat(dst.rows("shop", "orders")).hasSize(3);

        // caught up, then a new row: awaitCaughtUp waits for a fetch after the call, so the row is there
        long lagCallsBefore = src.faults().calls("getBinlogLag");
        src.sql("INSERT INTO shop.orders VALUES (4, 'bun')");
        assertThat(engine.awaitCaughtUp(JOB, WAIT)).isTrue();
        assertThat(dst.rows("shop", "orders")).hasSize(4);
        // awaitCaughtUp asks the FE nothing; the engine's lag round (every 10 s, for the registry) may
        // have measured once while the row was in flight, never more in this short window
        assertThat(src.faults().calls("getBinlogLag")).isBetween(lagCallsBefore, lagCallsBefore + 1);
        assertThat(engine.health().isHealthy()).isTrue();
        // the meters the server exports, in the embedder's registry: at least the insert after the copy
        double applied = registry.find("ccr.job.binlogs.applied").tag("job", JOB).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
        assertThat(applied).isGreaterThanOrEqualTo(1.0);
        assertThat(registry.find("ccr.store.write").timers()).isNotEmpty();
    }

    @Test
    void closeWaitsForTheStepInProgressAndANewEngineOnTheSameStoreNeitherLosesNorDuplicates() throws Exception {
        CcrEngine first = engine();
        first.create(job());
        assertThat(first.awaitCaughtUp(JOB, WAIT)).isTrue();

        // the next commit on the target takes 1.5 s: close while it is in progress
        dst.faults().add("commitTxn", 1.0, 1, new RpcFaults.Fault.Delay(Duration.ofMillis(1500)));
        long commits = dst.faults().calls("commitTxn");
        src.sql("INSERT INTO shop.orders VALUES (5, 'pie')");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> dst.faults().calls("commitTxn") > commits);
        assertThat(first.close(Duration.ofSeconds(30))).isTrue();
        events.add("closed");

        // the commit in progress finished, was applied and checkpointed before close returned
        List<String> heard = List.copyOf(events);
        assertThat(heard.subList(0, heard.indexOf("closed"))).contains("committed");
        assertThat(heard.get(heard.indexOf("closed") - 1)).startsWith("applied ");
        assertThat(first.health().state()).isEqualTo(EngineHealth.State.STOPPED);
        assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class);

        CcrEngine second = engine();
        src.sql("INSERT INTO shop.orders VALUES (6, 'nut')");
        assertThat(second.awaitCaughtUp(JOB, WAIT)).isTrue();
        assertThat(dst.rows("shop", "orders")).hasSize(4);
        assertTargetEqualsSource();
        // resumed from the checkpoint: the binlog committed before the close is not begun again
        assertThat(List.copyOf(events).subList(heard.size(), events.size())).doesNotContain("label_existed");
    }

    @Test
    void aStepStillRunningAtTheTimeoutIsReplayedIdempotentlyByTheNextEngine() throws Exception {
        CcrEngine first = engine();
        first.create(job());
        assertThat(first.awaitCaughtUp(JOB, WAIT)).isTrue();

        dst.faults().add("commitTxn", 1.0, 1, new RpcFaults.Fault.Delay(Duration.ofSeconds(2)));
        long commits = dst.faults().calls("commitTxn");
        src.sql("INSERT INTO shop.orders VALUES (7, 'fig')");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> dst.faults().calls("commitTxn") > commits);
        assertThat(first.close(Duration.ofMillis(100))).isFalse();

        CcrEngine second = engine();
        assertThat(second.awaitCaughtUp(JOB, WAIT)).isTrue();
        assertThat(dst.rows("shop", "orders")).hasSize(3);
        assertTargetEqualsSource();
    }

    @Test
    void healthNamesAJobThatKeepsFailing() throws Exception {
        CcrEngine engine = engine();
        engine.create(job());
        assertThat(engine.awaitCaughtUp(JOB, WAIT)).isTrue();

        dst.faults().add("beginTxn", 1.0, -1, new RpcFaults.Fault.Status(TStatusCode.INTERNAL_ERROR, "disk full"));
        src.sql("INSERT INTO shop.orders VALUES (8, 'oat')");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> engine.health().state() == EngineHealth.State.DEGRADED);
        assertThat(engine.health().reasons()).anySatisfy(r -> assertThat(r).contains("job " + JOB).contains("disk full"));

        dst.faults().clear();
        assertThat(engine.awaitCaughtUp(JOB, WAIT)).isTrue();
        assertThat(engine.health().isHealthy()).isTrue();
        assertTargetEqualsSource();
    }

    @Test
    void awaitCaughtUpOfAnUnknownJobFailsAtOnce() {
        CcrEngine engine = engine();
        assertThatThrownBy(() -> engine.awaitCaughtUp("nope", WAIT))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_NOT_FOUND));
    }
}
