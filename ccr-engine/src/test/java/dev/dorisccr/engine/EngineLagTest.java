package dev.dorisccr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.replication.ReplicationAssertions;
import dev.dorisccr.testkit.store.InMemoryMetadataStore;
import dev.dorisccr.testkit.time.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's lag gauges and its shared lag sample, on manual time over two simulated clusters:
 * many readers of status, lag and the gauges cost at most one source FE call per job per 10 s, a
 * caught-up job none, and the gauges follow the lag.
 */
class EngineLagTest {
    private static final String JOB = "shop_job";

    private final ManualScheduler time = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FakeDorisCluster src;
    private FakeDorisCluster dst;
    private InMemoryMetadataStore store;
    private CcrEngine engine;

    @BeforeEach
    void start() {
        src = FakeDorisCluster.builder().name("source").backends(1).clock(time).build().start();
        dst = FakeDorisCluster.builder().name("target").backends(1).clock(time).build().start();
        src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        src.sql("CREATE TABLE shop.orders (id INT NOT NULL, item VARCHAR(20)) UNIQUE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2");
        src.sql("INSERT INTO shop.orders VALUES (1, 'tea'), (2, 'cake')");
        store = new InMemoryMetadataStore(time);
        engine = CcrEngine.builder().store(store).clock(time).scheduler(time).meterRegistry(registry).build();
        engine.start();
        engine.create(new JobSpec(JOB, new JobEndpoint(spec(src), "shop", "orders"),
                new JobEndpoint(spec(dst), "shop", "orders"), JobOptions.DEFAULTS));
        time.runFor(Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() {
        engine.close(Duration.ZERO);
        store.close();
        dst.close();
        src.close();
    }

    private static ClusterSpec spec(FakeDorisCluster c) {
        return ClusterSpec.of("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(), c.password());
    }

    private double gauge(String name) {
        return registry.get(name).tag("job", JOB).gauge().value();
    }

    private long feLagCalls() {
        return src.faults().calls("getBinlogLag");
    }

    /** Ten readers of status and the gauges every second for {@code d}. */
    private void readEverySecond(Duration d) {
        for (long s = 0; s < d.toSeconds(); s++) {
            for (int reader = 0; reader < 10; reader++) {
                engine.status(JOB);
                gauge("ccr.job.lag.binlogs");
            }
            time.runFor(Duration.ofSeconds(1));
        }
    }

    @Test
    void aCaughtUpJobCostsNoFeCallHoweverManyRead() {
        assertThat(engine.status(JOB).caughtUp()).isTrue();
        long before = feLagCalls();
        readEverySecond(Duration.ofMinutes(1));
        assertThat(engine.status(JOB).caughtUp()).isTrue();
        System.out.printf("EngineLagTest: caught-up job, 600 status reads + 600 gauge reads + 6 lag rounds in 60 s:"
                + " %d getBinlogLag calls%n", feLagCalls() - before);
        assertThat(feLagCalls()).as("600 status reads and six lag rounds of a caught-up job").isEqualTo(before);
        assertThat(gauge("ccr.job.lag.binlogs")).isZero();
        assertThat(gauge("ccr.job.lag.seconds")).isZero();
    }

    @Test
    void aJobBehindCostsAtMostOneFeCallPerIntervalAndTheGaugesFollowTheLag() {
        engine.pause(JOB);
        src.sql("INSERT INTO shop.orders VALUES (3, 'jam')");
        src.sql("INSERT INTO shop.orders VALUES (4, 'bun')");
        long before = feLagCalls();
        readEverySecond(Duration.ofMinutes(1));
        for (int reader = 0; reader < 10; reader++) {
            assertThat(engine.jobs().lag(JOB).lag()).isEqualTo(2);
        }
        System.out.printf("EngineLagTest: paused job behind, 600 status reads + 600 gauge reads + 6 lag rounds"
                + " + 10 lag reads in 60 s: %d getBinlogLag calls%n", feLagCalls() - before);
        assertThat(feLagCalls() - before).as("one minute of 10 readers a second: one call per 10 s at most")
                .isBetween(1L, 7L);
        assertThat(engine.status(JOB).caughtUp()).isFalse();
        assertThat(gauge("ccr.job.lag.binlogs")).isEqualTo(2);
        assertThat(gauge("ccr.job.lag.seconds")).isGreaterThanOrEqualTo(50);

        engine.resume(JOB);
        time.runFor(Duration.ofMinutes(1));
        assertThat(gauge("ccr.job.lag.binlogs")).isZero();
        assertThat(gauge("ccr.job.lag.seconds")).isZero();
        assertThat(engine.status(JOB).caughtUp()).isTrue();
        ReplicationAssertions.assertTableReplicated(src, "shop", "orders", dst, "shop", "orders");
    }
}
