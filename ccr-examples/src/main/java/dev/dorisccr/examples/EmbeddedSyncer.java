package dev.dorisccr.examples;

import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.job.JobMachine;
import dev.dorisccr.core.job.JobSpecJson;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.store.MetadataStore;
import dev.dorisccr.core.sync.DorisClusterOperations;
import dev.dorisccr.core.syncer.Syncer;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.thrift.ThriftClusterConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Embedding the engine in a Java program: a {@link Syncer} over a SQLite store, the Thrift/JDBC
 * cluster connector and a scheduler, replicating a database between two simulated Doris clusters
 * (point the job at real FEs instead). Run it with {@code java dev.dorisccr.examples.EmbeddedSyncer}.
 */
public final class EmbeddedSyncer {
    private EmbeddedSyncer() {}

    /** The engine waits only through a {@link Scheduler}; a scheduled executor is one. */
    static Scheduler scheduler(ScheduledExecutorService pool) {
        return (task, delay) -> {
            ScheduledFuture<?> f = pool.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }

    /** Replicates a small database and answers the target's rows once the job is caught up. */
    public static List<List<String>> run(Path home, Duration timeout) throws Exception {
        try (FakeDorisCluster src = FakeDorisCluster.builder().name("source").backends(2).build().start();
                FakeDorisCluster dst = FakeDorisCluster.builder().name("target").backends(2).build().start()) {
            src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
            src.sql("CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2");
            src.sql("INSERT INTO shop.users VALUES (1, 'ann'), (2, 'bob')");

            ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
            ExecutorService ingest = Executors.newFixedThreadPool(4);
            try (MetadataStore store = Stores.open(StoreConfig.builder(StoreKind.SQLITE3)
                            .sqlitePath(home.resolve("ccr.db")).build());
                    ThriftClusterConnector connector = new ThriftClusterConnector(Duration.ofSeconds(5),
                            Duration.ofSeconds(30))) {
                DorisClusterOperations clusters = new DorisClusterOperations(connector, ingest, 4, Duration.ofMinutes(5),
                        Clock.systemUTC());
                // "127.0.0.1:1": the syncer's identity in the store (host:port, even with no HTTP server)
                try (Syncer syncer = new Syncer(store, clusters, scheduler(timers), Clock.systemUTC(), "127.0.0.1:1",
                        HaSettings.defaults(), JobMachine.Config.DEFAULTS)) {
                    syncer.start();
                    syncer.create(JobSpecJson.parseCreateRequest("{\"name\": \"shop_job\", \"src\": " + src.createCcrEndpoint("shop", "")
                            + ", \"dest\": " + dst.createCcrEndpoint("shop", "") + "}"));
                    src.sql("INSERT INTO shop.users VALUES (3, 'cid')");
                    awaitCaughtUp(syncer, timers, timeout);
                    return dst.rows("shop", "users");
                }
            } finally {
                timers.shutdownNow();
                ingest.shutdownNow();
            }
        }
    }

    /** Waits, on the scheduler, until {@code JobStatus.caughtUp()}; fails after {@code timeout}. */
    private static void awaitCaughtUp(Syncer syncer, ScheduledExecutorService timers, Duration timeout) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> poll = timers.scheduleWithFixedDelay(() -> {
            if (syncer.status("shop_job").caughtUp()) {
                done.complete(null);
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            poll.cancel(false);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("ccr-embedded-");
        System.out.println("target rows: " + run(home, Duration.ofMinutes(2)));
    }
}
