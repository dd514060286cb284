package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.server.e2e.CrashAtEveryCheckpointE2ETest.DyingStore;
import dev.dorisccr.server.e2e.CrashAtEveryCheckpointE2ETest.Moment;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimTxn;
import dev.dorisccr.testkit.replication.ReplicationAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel table commits (issue 17) through the production wiring: a db job of four tables, pipeline
 * depth 4, {@code parallelTableCommits} on, writers interleaving the tables in seeded random order.
 * Each run ends with the target equal to the source for every table (rows, schema, partitions), no
 * ingest label committed twice, no txn of the job left open, and, read from the target's txn table,
 * every table's upserts committed in source order while some upserts did commit ahead of an earlier
 * one of another table (the mode was at work). The crash test kills the syncer right after each
 * commit the target answers (early or not), restarts it and checks the same.
 */
class ParallelTableCommitsE2ETest {
    private static final String[] TABLES = {"t0", "t1", "t2", "t3"};
    @TempDir Path dir;

    private static E2eHarness harness(Path home, DyingStore[] dying) {
        return new E2eHarness(home, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2),
                s -> dying == null ? s : (dying[0] = new DyingStore(s, 0, Moment.AFTER_WRITE)), JobListener.NONE,
                b -> b.pipelineDepth(4).parallelTableCommits(true));
    }

    private static void setUp(E2eHarness h) {
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.t0 (id INT NOT NULL, v VARCHAR(20)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("CREATE TABLE shop.t1 (id INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(id)"
                + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"1000\")) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("CREATE TABLE shop.t2 (id INT NOT NULL, v VARCHAR(20)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.src.sql("CREATE TABLE shop.t3 (id INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2");
        for (String t : TABLES) {
            h.src.sql("INSERT INTO shop." + t + " VALUES (0, 'seed')");
        }
        h.dst.sql("CREATE DATABASE shop");
        h.create(h.createBody("j", "shop", "", "shop", ""));
    }

    /** A burst of {@code n} single-row inserts over the tables, in an order from {@code random}; keys overwrite. */
    private static List<String> burst(Random random, int n, int round) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String t = TABLES[random.nextInt(TABLES.length)];
            int key = random.nextInt(6);
            out.add("INSERT INTO shop." + t + " VALUES (" + key + ", 'r" + round + "-" + i + "')");
        }
        return out;
    }

    private static long seqOf(String label) {
        return Long.parseLong(label.substring(label.lastIndexOf(':') + 1));
    }

    /** Equality, exactly-once and the commit order rule; returns how many commits came ahead of an earlier upsert. */
    private static int assertReplicatedOnceInTableOrder(E2eHarness h, String where) {
        for (String t : TABLES) {
            assertThat(h.dst.rows("shop", t)).as(where + ": rows of " + t)
                    .containsExactlyInAnyOrderElementsOf(h.src.rows("shop", t));
        }
        try {
            ReplicationAssertions.assertDatabaseReplicated(h.src, "shop", h.dst, "shop"); // schema, partitions
        } catch (AssertionError e) {
            throw new AssertionError(where + ": " + e.getMessage(), e);
        }
        List<SimTxn> committed = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (SimTxn t : h.dst.txns()) {
            if (!t.label().startsWith("ccrj-")) {
                continue;
            }
            assertThat(t.state()).as(where + ": txn %s (%s) left open", t.id(), t.label())
                    .isNotEqualTo(SimTxn.State.PREPARE);
            if (t.state() == SimTxn.State.VISIBLE) {
                assertThat(labels.add(t.label())).as(where + ": label %s committed twice", t.label()).isTrue();
                committed.add(t);
            }
        }
        int ahead = 0;
        for (SimTxn a : committed) {
            for (SimTxn b : committed) {
                if (seqOf(a.label()) < seqOf(b.label()) && a.commitOrder() > b.commitOrder()) {
                    assertThat(a.tableIds()).as(where + ": %s committed after %s, which shares a table", a, b)
                            .doesNotContainAnyElementsOf(b.tableIds());
                    ahead++;
                }
            }
        }
        assertThat(h.syncer.lag("j").lag()).as(where).isZero();
        return ahead;
    }

    @Test
    void interleavedWritersOverFourTablesEndEqualWithEveryLabelCommittedOnceAndEveryTableInOrder() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String where = "seed " + seed;
        try (E2eHarness h = harness(dir.resolve("e2e"), null)) {
            setUp(h);
            h.run(Duration.ofMinutes(1));
            for (int round = 0; round < 6; round++) {
                for (String sql : burst(random, 12, round)) {
                    h.src.sql(sql);
                }
                if (round == 2) {
                    h.src.sql("ALTER TABLE shop.t1 ADD PARTITION p2 VALUES LESS THAN (\"2000\")");
                    h.src.sql("INSERT INTO shop.t1 VALUES (1500, 'in p2')");
                }
                h.run(Duration.ofSeconds(20));
            }
            h.run(Duration.ofMinutes(1));
            int ahead = assertReplicatedOnceInTableOrder(h, where);
            System.out.println(where + ": " + ahead + " pairs of upserts committed out of source order (other tables)");
            assertThat(ahead).as(where + ": some upsert committed ahead of an earlier one of another table").isPositive();
        }
    }

    /** The crash scenario: the first syncer is killed right after the target answered its {@code at}-th commit. */
    /** Returns the upserts committed and the pairs committed out of source order. */
    private int[] crashScenario(Path home, int at) throws Exception {
        Files.createDirectories(home);
        DyingStore[] dying = new DyingStore[1];
        Random random = new Random(17);
        try (E2eHarness h = harness(home, dying)) {
            AtomicBoolean armed = new AtomicBoolean(at > 0);
            h.dst.faults().after("commitTxn", () -> {
                long commits = h.dst.txns().stream().filter(t -> t.label().startsWith("ccrj-")
                        && t.state() != SimTxn.State.PREPARE && t.state() != SimTxn.State.ABORTED).count();
                if (commits >= at && armed.getAndSet(false)) {
                    dying[0].dead.set(true); // the syncer dies with this answer on the wire
                }
            });
            setUp(h);
            Runnable slice = () -> h.runRestartingOnDeath(20, () -> dying[0].dead.get());
            slice.run();
            for (int round = 0; round < 3; round++) {
                for (String sql : burst(random, 8, round)) {
                    h.src.sql(sql);
                }
                if (round == 1) {
                    h.src.sql("ALTER TABLE shop.t0 ADD COLUMN extra INT DEFAULT \"0\"");
                }
                slice.run();
            }
            h.run(Duration.ofMinutes(2));
            String where = "crash right after commit " + at;
            assertThat(at == 0 || dying[0].dead.get()).as(where + ": the syncer died").isTrue();
            int ahead = assertReplicatedOnceInTableOrder(h, where);
            int commits = (int) h.dst.txns().stream().filter(t -> t.label().startsWith("ccrj-")
                    && t.state() == SimTxn.State.VISIBLE).count();
            return new int[] {commits, ahead};
        }
    }

    @Test
    void everyCommitIsASafePlaceToDie() throws Exception {
        int[] calibration = crashScenario(dir.resolve("calibration"), 0);
        int commits = calibration[0];
        System.out.println("parallel table commits: the scenario commits " + commits + " upserts (" + calibration[1]
                + " pairs out of source order); crashing after each");
        assertThat(commits).isGreaterThanOrEqualTo(20);
        assertThat(calibration[1]).as("upserts committed ahead of earlier ones of other tables").isPositive();
        List<String> failures = new ArrayList<>();
        for (int at = 1; at <= commits; at++) {
            try {
                crashScenario(dir.resolve("at-" + at), at);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }
}
