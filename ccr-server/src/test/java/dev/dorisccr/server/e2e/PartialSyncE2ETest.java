package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.testkit.doris.FakeDorisCluster.RestoreSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial syncs over the simulator: a finished schema change copies that one table again (under
 * a temporary name, then swapped in), a strict REPLACE PARTITION copies the table in place
 * (not only the replaced partitions: see docs/compatibility.md); every other table goes on incrementally and
 * nothing is applied twice.
 */
class PartialSyncE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.createDatabases("shop",
                "CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                        + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"100\"), PARTITION p2 VALUES"
                        + " LESS THAN (\"200\")) DISTRIBUTED BY HASH(id) BUCKETS 2",
                "CREATE TABLE shop.events (id INT NOT NULL, what VARCHAR(20)) DUPLICATE KEY(id)"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 3",
                "INSERT INTO shop.users VALUES (1, 'ann'), (150, 'bob')",
                "INSERT INTO shop.events VALUES (1, 'login')");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private RestoreSummary lastRestore() {
        List<RestoreSummary> all = h.dst.restores();
        return all.get(all.size() - 1);
    }

    private void assertSynced() {
        h.assertSameRows("shop", "users", "shop", "users");
        h.assertSameRows("shop", "events", "shop", "events");
    }

    @Test
    void schemaChangeInADbJobCopiesOnlyThatTableAndOtherTablesGoOn() {
        h.startDbJob("shop_job", "shop");
        assertThat(h.dst.restores()).hasSize(1);

        h.src.sql("INSERT INTO shop.users VALUES (2, 'cid')");
        h.src.sql("ALTER TABLE shop.users MODIFY COLUMN name STRING"); // a type change: a schema change job
        h.src.sql("INSERT INTO shop.events VALUES (2, 'after alter')");
        h.src.sql("INSERT INTO shop.users VALUES (3, 'dan')");
        h.src.sql("INSERT INTO shop.events VALUES (3, 'again')");
        h.run(Duration.ofMinutes(3));

        assertSynced();
        assertThat(h.dst.tableDef("shop", "users").columns().get(1).type()).isEqualTo("STRING");
        assertThat(h.dst.restores()).hasSize(2);
        RestoreSummary partial = lastRestore();
        assertThat(partial.label()).startsWith("ccrp_shop_users_");
        assertThat(partial.state()).isEqualTo("FINISHED");
        assertThat(partial.tables().keySet()).singleElement().asString().startsWith("__ccr_users_");
        assertThat(partial.cleanTables()).isFalse();
        assertThat(h.dst.tables("shop")).containsExactlyInAnyOrder("users", "events");
        assertThat(h.dst.tableProperties("shop", "users")).containsEntry("is_being_synced", "true");
        assertThat(h.syncer.lag("shop_job").lag()).isZero();

        // the job is incremental again, at the seq after the alter, not a copy further on
        h.src.sql("INSERT INTO shop.users VALUES (4, 'eve')");
        h.src.sql("INSERT INTO shop.events VALUES (4, 'more')");
        h.run(Duration.ofMinutes(1));
        assertSynced();
        assertThat(h.dst.restores()).hasSize(2);
    }

    @Test
    void schemaChangeInATableJobCopiesTheTableUnderItsAlias() {
        h.dst.sql("CREATE DATABASE copy");
        h.create(h.createBody("users_job", "shop", "users", "copy", "users_copy"));
        h.run(Duration.ofMinutes(2));
        h.src.sql("ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\""); // light: replayed
        h.src.sql("ALTER TABLE shop.users MODIFY COLUMN name STRING"); // a type change: a schema change job
        h.src.sql("INSERT INTO shop.users VALUES (5, 'fay', 50)");
        h.run(Duration.ofMinutes(3));

        h.assertSameRows("shop", "users", "copy", "users_copy");
        assertThat(h.dst.tables("copy")).containsExactly("users_copy");
        assertThat(h.dst.tableDef("copy", "users_copy").columns()).extracting(c -> c.name() + " " + c.type())
                .containsExactly("id INT", "name STRING", "age INT");
        assertThat(lastRestore().label()).startsWith("ccrp_shop_users_");
        assertThat(lastRestore().tables().keySet()).singleElement().asString().startsWith("__ccr_users_");

        h.src.sql("INSERT INTO shop.users VALUES (6, 'gus', 60)");
        h.run(Duration.ofMinutes(1));
        h.assertSameRows("shop", "users", "copy", "users_copy");
        assertThat(h.dst.restores()).hasSize(2);
    }

    @Test
    void strictReplacePartitionCopiesTheTableInPlaceAndKeepsLoadsIntoOtherPartitions() {
        h.create(h.createBody("users_job", "shop", "users", "shop", "users"));
        h.run(Duration.ofMinutes(2));
        h.src.sql("ALTER TABLE shop.users ADD TEMPORARY PARTITION tp2 VALUES LESS THAN (\"200\")");
        h.src.sql("INSERT INTO shop.users TEMPORARY PARTITION (tp2) VALUES (160, 'new1'), (170, 'new2')");
        h.src.sql("ALTER TABLE shop.users REPLACE PARTITION (p2) WITH TEMPORARY PARTITION (tp2)");
        h.src.sql("INSERT INTO shop.users VALUES (7, 'after')");
        h.run(Duration.ofMinutes(3));

        h.assertSameRows("shop", "users", "shop", "users");
        RestoreSummary partial = lastRestore();
        assertThat(partial.label()).startsWith("ccrp_shop_users_");
        assertThat(partial.tables()).containsExactly(java.util.Map.entry("users", List.of("p1", "p2")));
        assertThat(partial.cleanPartitions()).isTrue();
        assertThat(partial.cleanTables()).isFalse();
        assertThat(h.dst.partitions("shop", "users")).containsExactly("p1", "p2");
    }

    @Test
    void replaceWithTempNamesIsAFullSync() {
        h.startDbJob("shop_job", "shop");
        h.src.sql("ALTER TABLE shop.users ADD TEMPORARY PARTITION tp2 VALUES LESS THAN (\"200\")");
        h.src.sql("INSERT INTO shop.users TEMPORARY PARTITION (tp2) VALUES (160, 'new1')");
        h.src.sql("ALTER TABLE shop.users REPLACE PARTITION (p2) WITH TEMPORARY PARTITION (tp2)"
                + " PROPERTIES (\"use_temp_partition_name\" = \"true\")");
        h.run(Duration.ofMinutes(3));

        assertSynced();
        assertThat(h.dst.partitions("shop", "users")).containsExactly("p1", "tp2");
        assertThat(lastRestore().label()).startsWith("ccrs_shop_");
    }

    @Test
    void insertOverwriteOfATableAndOfOnePartition() {
        h.startDbJob("shop_job", "shop");
        h.src.sql("INSERT OVERWRITE TABLE shop.users PARTITION (p2) VALUES (160, 'over p2')");
        h.src.sql("INSERT INTO shop.events VALUES (9, 'between')");
        h.run(Duration.ofMinutes(2));
        assertSynced();
        assertThat(h.dst.rows("shop", "users")).containsExactlyInAnyOrder(List.of("1", "ann"), List.of("160", "over p2"));

        h.src.sql("INSERT OVERWRITE TABLE shop.users VALUES (2, 'all new'), (199, 'top')");
        h.src.sql("INSERT OVERWRITE TABLE shop.events VALUES (1, 'only')");
        h.run(Duration.ofMinutes(2));
        assertSynced();
        assertThat(h.dst.rows("shop", "users")).containsExactlyInAnyOrder(List.of("2", "all new"), List.of("199", "top"));
        assertThat(h.dst.partitions("shop", "users")).containsExactly("p1", "p2");
        assertThat(h.dst.restores()).hasSize(4).allMatch(r -> r.state().equals("FINISHED"));
        assertThat(h.dst.restores().subList(1, 4)).allMatch(r -> r.label().startsWith("ccrp_"));
    }

    @Test
    void allowTableExistsReplacesAPreexistingTargetTable() {
        h.dst.sql("CREATE TABLE shop.users (id INT NOT NULL, other VARCHAR(5)) DUPLICATE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.dst.sql("INSERT INTO shop.users VALUES (99, 'old')");
        String body = h.createBody("users_job", "shop", "users", "shop", "users");
        assertThatThrownBy(() -> h.create(body)).hasMessageContaining("already exists");
        assertThat(h.syncer.list()).isEmpty();

        h.create(body.substring(0, body.length() - 1) + ", \"allow_table_exists\": true}");
        h.run(Duration.ofMinutes(2));
        h.assertSameRows("shop", "users", "shop", "users");
        assertThat(h.dst.tableDef("shop", "users").columns()).extracting(c -> c.name()).containsExactly("id", "name");
        assertThat(h.dst.tableProperties("shop", "users")).containsEntry("is_being_synced", "true");
        h.src.sql("INSERT INTO shop.users VALUES (3, 'after')");
        h.run(Duration.ofMinutes(1));
        h.assertSameRows("shop", "users", "shop", "users");
    }

    @Test
    void targetTablesAreMarkedSyncedAndLosePlacementPropertiesWhetherCopiedOrCreated() {
        h.src.sql("CREATE TABLE shop.placed (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 5"
                + " PROPERTIES (\"colocate_with\" = \"g1\", \"storage_policy\" = \"cold\")");
        h.src.sql("INSERT INTO shop.placed VALUES (1), (2)");
        h.startDbJob("shop_job", "shop");
        h.src.sql("CREATE TABLE shop.later (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 3"
                + " PROPERTIES (\"colocate_with\" = \"g2\", \"storage_policy\" = \"cold\")");
        h.src.sql("INSERT INTO shop.later VALUES (7)");
        h.run(Duration.ofMinutes(1));

        for (String t : List.of("placed", "later")) {
            h.assertSameRows("shop", t, "shop", t);
            assertThat(h.dst.tableProperties("shop", t)).as(t).containsEntry("is_being_synced", "true")
                    .doesNotContainKeys("colocate_with", "storage_policy");
            assertThat(h.dst.tableDef("shop", t).distribution()).as(t).isEqualTo(h.src.tableDef("shop", t).distribution());
        }
    }

    @Test
    void alteredViewIsReplayedInPlace() {
        h.src.sql("CREATE VIEW shop.v AS SELECT id FROM shop.users");
        h.startDbJob("shop_job", "shop");
        h.src.sql("ALTER VIEW shop.v AS SELECT id, name FROM `shop`.`users`");
        h.run(Duration.ofMinutes(1));

        assertThat(h.dst.restores()).hasSize(1);
        assertThat(h.dst.sql("SHOW CREATE VIEW shop.v").toString()).contains("name");
    }
}
