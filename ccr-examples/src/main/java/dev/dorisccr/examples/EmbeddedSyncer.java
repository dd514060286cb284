package dev.dorisccr.examples;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.replication.ReplicaComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Embedding the engine in a Java program: one {@link CcrEngine} over a SQLite file replicates a
 * database between two simulated Doris clusters (point the {@link ClusterSpec}s at real FEs
 * instead). Only the public API: {@code dev.dorisccr.engine}, {@code dev.dorisccr.core.job},
 * {@code dev.dorisccr.core.spi}. Run it with {@code java dev.dorisccr.examples.EmbeddedSyncer}.
 */
public final class EmbeddedSyncer {
    private EmbeddedSyncer() {}

    /** Replicates a small database; once the job is caught up, checks the target is a replica and answers its rows. */
    public static List<List<String>> run(Path home, Duration timeout) throws InterruptedException {
        try (FakeDorisCluster src = FakeDorisCluster.builder().name("source").backends(2).build().start();
                FakeDorisCluster dst = FakeDorisCluster.builder().name("target").backends(2).build().start()) {
            src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
            src.sql("CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2");
            src.sql("INSERT INTO shop.users VALUES (1, 'ann'), (2, 'bob')");

            // the engine owns its threads, its cluster clients and (opened from a path) the store
            try (CcrEngine engine = CcrEngine.builder().sqliteStore(home.resolve("ccr.db")).build()) {
                engine.start();
                ClusterSpec source = ClusterSpec.of("127.0.0.1", src.mysqlPort(), src.masterThriftPort(), src.user(),
                        src.password());
                ClusterSpec target = ClusterSpec.of("127.0.0.1", dst.mysqlPort(), dst.masterThriftPort(), dst.user(),
                        dst.password());
                engine.create(new JobSpec("shop_job", new JobEndpoint(source, "shop", ""),
                        new JobEndpoint(target, "shop", ""), JobOptions.DEFAULTS));
                src.sql("INSERT INTO shop.users VALUES (3, 'cid')");
                if (!engine.awaitCaughtUp("shop_job", timeout)) {
                    throw new IllegalStateException("not caught up in " + timeout + ": " + engine.status("shop_job"));
                }
                // the target is a replica: rows, schema, partitions and is_being_synced, as the test kit compares them
                ReplicaComparison replica = ReplicaComparison.database(src, "shop", dst, "shop");
                if (!replica.holds()) {
                    throw new IllegalStateException("the target differs from the source: " + replica.differences());
                }
                return dst.rows("shop", "users");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("ccr-embedded-");
        System.out.println("target rows: " + run(home, Duration.ofMinutes(2)));
    }
}
