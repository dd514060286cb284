package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.server.e2e.CrashAtEveryCheckpointE2ETest.DyingStore;
import dev.dorisccr.server.e2e.CrashAtEveryCheckpointE2ETest.Moment;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimTxn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelined apply (pipeline depth 4) under the crash-at-every-checkpoint regime: bursts of upserts
 * into two tables of a db job (so several are in flight at once, the same keys written more than
 * once), with DDL between the bursts; the syncer dies at every progress write, after it or instead
 * of it, and a new syncer takes over. Each run must end with identical tables, no ingest label
 * committed twice, and no txn of the job left open (every early txn was committed once or aborted).
 */
class PipelinedCrashE2ETest {
    @TempDir Path dir;

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

    private void scenario(Path home, DyingStore[] dying, int at, Moment moment) throws Exception {
        Files.createDirectories(home);
        java.util.function.UnaryOperator<dev.dorisccr.engine.CcrEngine.Builder> pipelined = b -> b.pipelineDepth(4);
        try (E2eHarness h = new E2eHarness(home, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), s -> dying[0] = new DyingStore(s, at, moment),
                JobListener.NONE, pipelined)) {
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
            for (String[] burst : BURSTS) {
                for (String sql : burst) {
                    h.src.sql(sql); // a burst lands in one fetch: its upserts are in flight together
                }
                slice.run();
            }
            h.run(Duration.ofMinutes(3));

            String where = "pipelined, crash " + moment + " at progress write " + at;
            assertThat(dying[0].dead.get() || at == 0).as(where + ": the syncer died").isTrue();
            assertThat(h.dst.rows("shop", "users")).as(where).containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "users"));
            assertThat(h.dst.rows("shop", "events")).as(where).containsExactlyInAnyOrderElementsOf(h.src.rows("shop", "events"));
            assertThat(h.dst.tables("shop")).as(where).containsExactlyInAnyOrder("users", "events");
            assertThat(h.dst.tableDef("shop", "users").columns()).as(where).hasSize(3);
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

    @Test
    void everyCheckpointIsASafePlaceToDieWithSeveralUpsertsInFlight() throws Exception {
        DyingStore[] dying = new DyingStore[1];
        scenario(dir.resolve("calibration"), dying, 0, Moment.AFTER_WRITE);
        int writes = dying[0].writes.get();
        System.out.println("the pipelined scenario checkpoints " + writes + " times; crashing at each, both ways");
        assertThat(writes).isGreaterThan(15);
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
