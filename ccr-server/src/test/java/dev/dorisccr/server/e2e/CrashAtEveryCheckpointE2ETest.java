package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.testkit.doris.SimTxn;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the syncer at every checkpoint of one scenario (full sync, upserts, a light schema
 * change, a finished schema change that goes through a partial sync, truncate, partition DDL),
 * in two ways: right after the checkpoint is stored but before its command runs, and right
 * before it is stored (its command never ran, the previous one did). Each time a new syncer takes
 * the job over from the store, and the run must end with identical tables and no ingest txn
 * committed twice.
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

    /** The scenario, the first syncer's store wrapped; answers the harness after the last step. */
    private static final String[] WORKLOAD = {
        "INSERT INTO shop.users VALUES (2, 'bob')",
        "INSERT INTO shop.events VALUES (2, 'login')",
        "ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\"",
        "INSERT INTO shop.users VALUES (3, 'cid', 30)",
        "ALTER TABLE shop.users MODIFY COLUMN name VARCHAR(64)",
        "INSERT INTO shop.events VALUES (3, 'logout')",
        "INSERT INTO shop.users VALUES (4, 'dan', 40)",
        "ALTER TABLE shop.events ADD PARTITION p2 VALUES LESS THAN (\"200\")",
        "INSERT INTO shop.events VALUES (150, 'late')",
        "TRUNCATE TABLE shop.events PARTITION (p1)",
        "INSERT INTO shop.events VALUES (5, 'after truncate')",
    };

    /** Runs the scenario; the first syncer sees its store through {@code dying} (null: never dies). */
    private void scenario(Path home, DyingStore[] dying, int at, Moment moment) throws Exception {
        Files.createDirectories(home);
        try (E2eHarness h = new E2eHarness(home, dev.dorisccr.testkit.doris.FakeDorisCluster.builder().name("src").backends(2),
                dev.dorisccr.testkit.doris.FakeDorisCluster.builder().name("dst").backends(2),
                s -> dying[0] = new DyingStore(s, at, moment))) {
            h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
            h.src.sql("CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("CREATE TABLE shop.events (id INT NOT NULL, what VARCHAR(20)) DUPLICATE KEY(id)"
                    + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"100\")) DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("INSERT INTO shop.users VALUES (1, 'ann')");
            h.src.sql("INSERT INTO shop.events VALUES (1, 'open')");
            h.dst.sql("CREATE DATABASE shop");
            h.create(h.createBody("j", "shop", "", "shop", ""));
            boolean[] restarted = {false};
            Runnable slice = () -> {
                for (int i = 0; i < 30; i++) {
                    h.run(Duration.ofSeconds(2));
                    if (dying[0].dead.get() && !restarted[0]) {
                        restarted[0] = true;
                        h.crashSyncer();
                        h.startSyncer("127.0.0.1:9191");
                    }
                }
            };
            slice.run();
            for (String sql : WORKLOAD) {
                h.src.sql(sql);
                slice.run(); // one step at a time: every binlog handled in its own turn
            }
            h.run(Duration.ofMinutes(3));

            String where = "crash " + moment + " at progress write " + at;
            assertThat(dying[0].dead.get() || at == 0).as(where + ": the syncer died").isTrue();
            assertThat(h.dst.rows("shop", "users")).as(where).containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "users"));
            assertThat(h.dst.rows("shop", "events")).as(where).containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "events"));
            assertThat(h.dst.tables("shop")).as(where).containsExactlyInAnyOrder("users", "events");
            assertThat(h.dst.tableDef("shop", "users").columns().get(1).type()).as(where).isEqualTo("VARCHAR(64)");
            Set<String> labels = new HashSet<>();
            for (SimTxn t : h.dst.txns()) {
                if (t.state() == SimTxn.State.VISIBLE && t.label().startsWith("ccrj-")) {
                    assertThat(labels.add(t.label())).as(where + ": label %s committed twice", t.label()).isTrue();
                }
            }
            assertThat(h.syncer.lag("j").lag()).as(where).isZero();
        }
    }

    @Test
    void everyCheckpointIsASafePlaceToDie() throws Exception {
        DyingStore[] dying = new DyingStore[1];
        scenario(dir.resolve("calibration"), dying, 0, Moment.AFTER_WRITE);
        int writes = dying[0].writes.get();
        System.out.println("the scenario checkpoints " + writes + " times; crashing at each, both ways");
        assertThat(writes).isGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (int at = 1; at <= writes; at++) {
            for (Moment m : Moment.values()) {
                try {
                    scenario(dir.resolve(at + "-" + m), dying, at, m);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
