package dev.dorisccr.examples;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A progress listener exporting metrics: the engine tells {@link MetricsListener} every status
 * change, binlog applied, target txn and copy; the program prints the series once the job has
 * replicated a few inserts. Run it with {@code java dev.dorisccr.examples.ListenerMetrics}.
 */
public final class ListenerMetrics {
    private ListenerMetrics() {}

    /** Copies an empty table, then replicates three inserts with the listener attached; answers it. */
    public static MetricsListener run(Path home, Duration timeout) throws InterruptedException {
        MetricsListener metrics = new MetricsListener();
        try (FakeDorisCluster src = FakeDorisCluster.builder().name("source").build().start();
                FakeDorisCluster dst = FakeDorisCluster.builder().name("target").build().start()) {
            src.sql("CREATE DATABASE app PROPERTIES (\"binlog.enable\" = \"true\")");
            src.sql("CREATE TABLE app.events (id INT NOT NULL, kind VARCHAR(10)) DUPLICATE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 1");
            try (CcrEngine engine = CcrEngine.builder().sqliteStore(home.resolve("ccr.db")).listener(metrics).build()) {
                engine.start();
                engine.create(new JobSpec("app_job",
                        new JobEndpoint(ClusterSpec.of("127.0.0.1", src.mysqlPort(), src.masterThriftPort(), src.user(),
                                src.password()), "app", ""),
                        new JobEndpoint(ClusterSpec.of("127.0.0.1", dst.mysqlPort(), dst.masterThriftPort(), dst.user(),
                                dst.password()), "app", ""),
                        JobOptions.DEFAULTS));
                awaitCaughtUp(engine, timeout); // the full copy of the (empty) table is done
                for (int i = 1; i <= 3; i++) {
                    src.sql("INSERT INTO app.events VALUES (" + i + ", 'click')");
                }
                awaitCaughtUp(engine, timeout); // three binlogs replayed
            }
        }
        return metrics;
    }

    private static void awaitCaughtUp(CcrEngine engine, Duration timeout) throws InterruptedException {
        if (!engine.awaitCaughtUp("app_job", timeout)) {
            throw new IllegalStateException("not caught up in " + timeout + ": " + engine.status("app_job"));
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run(Files.createTempDirectory("ccr-metrics-"), Duration.ofMinutes(2)).scrape());
    }
}
