package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimTxn;
import dev.dorisccr.testkit.replication.ReplicationAssertions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills the syncer at every checkpoint of a scenario (full sync, then a workload: {@link #STEPS}, one statement
 * at a time with upserts, a light schema change, a finished schema change that goes through a partial sync,
 * truncate, partition DDL; or {@link #BURSTS} of upserts with DDL between them), at pipeline depth 1 and 4 (the
 * bursts at depth 4 also with parallel table commits; ParallelTableCommitsE2ETest kills at every commit), in
 * two ways: right after the checkpoint is stored but before its command runs, and right before it is stored
 * (its command never ran, the previous one did). Each time a new syncer takes the job over from the store, and
 * the run must end with the target equal to the source (rows, schema, partitions), no ingest label committed
 * twice and no txn of the job left open (every early txn of a pipeline committed once or aborted).
 */
class CrashAtEveryCheckpointE2ETest {
    @TempDir Path dir;

    /** Where the syncer dies relative to the {@code at}-th progress write. */
    enum Moment { AFTER_WRITE, INSTEAD_OF_WRITE }

    /** The job's store: counts progress writes and dies at one of them (the syncer is gone with it). */
    static final class DyingStore implements MetadataStore {
        private final MetadataStore real;
        private final int at;
        private final Moment moment;
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean dead = new AtomicBoolean();

        DyingStore(MetadataStore real, int at, Moment moment) {
            this.real = real;
            this.at = at;
            this.moment = moment;
        }

        private CcrException gone() {
            return new CcrException(ErrorCode.LEASE_LOST, "the syncer process died (test)");
        }

        @SuppressWarnings("unchecked")
        private <T> T guarded(Class<T> type, T target) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
                if (dead.get()) {
                    throw gone();
                }
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }

        @Override
        public JobStore jobs() {
            return guarded(JobStore.class, real.jobs());
        }

        @Override
        public LeaseStore leases() {
            return guarded(LeaseStore.class, real.leases());
        }

        @Override
        public ProgressStore progress() {
            ProgressStore p = real.progress();
            return new ProgressStore() {
                @Override
                public Optional<ProgressRecord> get(String jobName) {
                    if (dead.get()) {
                        throw gone();
                    }
                    return p.get(jobName);
                }

                @Override
                public void put(String jobName, String progress, long fencingToken) {
                    if (dead.get()) {
                        throw gone();
                    }
                    int n = writes.incrementAndGet();
                    if (n == at) {
                        if (moment == Moment.AFTER_WRITE) {
                            p.put(jobName, progress, fencingToken);
                        }
                        dead.set(true);
                        throw gone();
                    }
                    p.put(jobName, progress, fencingToken);
                }
            };
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /**
     * One statement at a time (each binlog handled in its own turn): upserts, a light schema change, a finished
     * schema change that goes through a partial sync, partition DDL, truncate.
     */
    private static final String[][] STEPS = {
        {"INSERT INTO shop.users VALUES (2, 'bob')"},
        {"INSERT INTO shop.events VALUES (2, 'login')"},
        {"ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\""},
        {"INSERT INTO shop.users VALUES (3, 'cid', 30)"},
        {"ALTER TABLE shop.users MODIFY COLUMN name VARCHAR(64)"},
        {"INSERT INTO shop.events VALUES (3, 'logout')"},
        {"INSERT INTO shop.users VALUES (4, 'dan', 40)"},
        {"ALTER TABLE shop.events ADD PARTITION p2 VALUES LESS THAN (\"200\")"},
        {"INSERT INTO shop.events VALUES (150, 'late')"},
        {"TRUNCATE TABLE shop.events PARTITION (p1)"},
        {"INSERT INTO shop.events VALUES (5, 'after truncate')"},
    };

    /**
     * Bursts of upserts into both tables (a burst lands in one fetch: with a pipeline its upserts are in flight
     * together, the same keys written more than once), with DDL between the bursts.
     */
    private static final String[][] BURSTS = {
        {"INSERT INTO shop.users VALUES (2, 'bob')", "INSERT INTO shop.events VALUES (2, 'login')",
            "INSERT INTO shop.users VALUES (1, 'ann, again')", "INSERT INTO shop.events VALUES (3, 'click')",
            "INSERT INTO shop.users VALUES (2, 'bob, again')", "INSERT INTO shop.users VALUES (3, 'cid')"},
        {"ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\""},
        {"INSERT INTO shop.users VALUES (4, 'dan', 40)", "INSERT INTO shop.events VALUES (4, 'logout')",
            "INSERT INTO shop.users VALUES (1, 'ann, third', 31)", "INSERT INTO shop.events VALUES (5, 'open')"},
        {"TRUNCATE TABLE shop.events PARTITION (p1)"},
        {"INSERT INTO shop.events VALUES (6, 'after truncate')", "INSERT INTO shop.users VALUES (5, 'eve', 50)",
            "INSERT INTO shop.events VALUES (7, 'last')"},
    };

    /**
     * A case: a workload at a pipeline depth, and the fewest checkpoints it must make (so that a scenario that
     * stops checkpointing fails rather than passing with few crashes).
     */
    record Case(String name, String[][] workload, int pipelineDepth, int minWrites, boolean parallelCommits) {
        Case(String name, String[][] workload, int pipelineDepth, int minWrites) {
            this(name, workload, pipelineDepth, minWrites, false);
        }

        @Override
        public String toString() {
            return name + " at pipeline depth " + pipelineDepth + (parallelCommits ? " with parallel table commits" : "");
        }
    }

    /**
     * Before the merge of PipelinedCrashE2ETest into this class: the steps at the default depth (4; one binlog per
     * fetch, so one upsert in flight) and the bursts at depth 4. Added: the bursts at depth 1 (several upserts per
     * fetch, applied one at a time). The steps at depth 1 would repeat the steps at depth 4.
     */
    static Stream<Case> cases() {
        return Stream.of(new Case("steps", STEPS, 4, 21), new Case("bursts", BURSTS, 4, 16),
                new Case("bursts", BURSTS, 1, 16), new Case("bursts", BURSTS, 4, 16, true));
    }

    /** Runs the scenario; the first syncer sees its store through {@code dying} (at 0: never dies). */
    private void scenario(Path home, Case c, DyingStore[] dying, int at, Moment moment) throws Exception {
        Files.createDirectories(home);
        UnaryOperator<CcrEngine.Builder> depth = b -> b.pipelineDepth(c.pipelineDepth())
                .parallelTableCommits(c.parallelCommits());
        try (E2eHarness h = new E2eHarness(home, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), s -> dying[0] = new DyingStore(s, at, moment),
                JobListener.NONE, depth)) {
            h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
            h.src.sql("CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("CREATE TABLE shop.events (id INT NOT NULL, what VARCHAR(20)) DUPLICATE KEY(id)"
                    + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"100\")) DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("INSERT INTO shop.users VALUES (1, 'ann')");
            h.src.sql("INSERT INTO shop.events VALUES (1, 'open')");
            h.dst.sql("CREATE DATABASE shop");
            h.create(h.createBody("j", "shop", "", "shop", ""));
            Runnable slice = () -> h.runRestartingOnDeath(30, () -> dying[0].dead.get());
            slice.run();
            for (String[] burst : c.workload()) {
                for (String sql : burst) {
                    h.src.sql(sql);
                }
                slice.run(); // the burst's binlogs are fetched together, then handled before the next burst
            }
            h.run(Duration.ofMinutes(3));

            String where = c + ", crash " + moment + " at progress write " + at;
            assertThat(dying[0].dead.get() || at == 0).as(where + ": the syncer died").isTrue();
            assertThat(h.dst.rows("shop", "users")).as(where).containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "users"));
            assertThat(h.dst.rows("shop", "events")).as(where).containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "events"));
            assertThat(h.dst.tables("shop")).as(where).containsExactlyInAnyOrder("users", "events");
            assertThat(h.dst.tableDef("shop", "users").columns()).as(where)
                    .isEqualTo(h.src.tableDef("shop", "users").columns());
            try {
                ReplicationAssertions.assertDatabaseReplicated(h.src, "shop", h.dst, "shop"); // schema, partitions
            } catch (AssertionError e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            Set<String> labels = new HashSet<>();
            for (SimTxn t : h.dst.txns()) {
                if (!t.label().startsWith("ccrj-")) {
                    continue;
                }
                if (t.state() == SimTxn.State.VISIBLE) {
                    assertThat(labels.add(t.label())).as(where + ": label %s committed twice", t.label()).isTrue();
                }
                assertThat(t.state()).as(where + ": txn %s (%s) left open", t.id(), t.label())
                        .isNotEqualTo(SimTxn.State.PREPARE);
            }
            assertThat(h.syncer.lag("j").lag()).as(where).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCheckpointIsASafePlaceToDie(Case c) throws Exception {
        DyingStore[] dying = new DyingStore[1];
        Path home = dir.resolve(c.name() + "-" + c.pipelineDepth() + (c.parallelCommits() ? "-parallel" : ""));
        scenario(home.resolve("calibration"), c, dying, 0, Moment.AFTER_WRITE);
        int writes = dying[0].writes.get();
        System.out.println(c + ": the scenario checkpoints " + writes + " times; crashing at each, both ways");
        assertThat(writes).isGreaterThanOrEqualTo(c.minWrites());
        List<String> failures = new ArrayList<>();
        for (int at = 1; at <= writes; at++) {
            for (Moment m : Moment.values()) {
                try {
                    scenario(home.resolve(at + "-" + m), c, dying, at, m);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
