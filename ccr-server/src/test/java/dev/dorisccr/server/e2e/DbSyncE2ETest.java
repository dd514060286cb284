package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.SyncState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database job end to end: full sync, then DDL of many kinds replayed in order between loads. */
class DbSyncE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.createDatabases("shop",
                "CREATE TABLE shop.events (d DATE NOT NULL, id INT NOT NULL, v VARCHAR(30)) DUPLICATE KEY(d, id)"
                        + " PARTITION BY RANGE(d) (PARTITION p202401 VALUES LESS THAN (\"2024-02-01\"),"
                        + " PARTITION p202402 VALUES LESS THAN (\"2024-03-01\")) DISTRIBUTED BY HASH(id) BUCKETS 2",
                "CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"replication_num\" = \"2\")",
                "INSERT INTO shop.events VALUES ('2024-01-05', 1, 'a'), ('2024-02-07', 2, 'b')",
                "INSERT INTO shop.users VALUES (1, 'ann'), (2, 'bob')");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private void assertSynced() {
        assertThat(h.dst.tables("shop")).containsExactlyInAnyOrderElementsOf(h.src.tables("shop"));
        for (String t : h.src.tables("shop")) {
            h.assertSameRows("shop", t, "shop", t);
            assertThat(h.dst.tableDef("shop", t).columns()).isEqualTo(h.src.tableDef("shop", t).columns());
            assertThat(h.dst.partitions("shop", t)).isEqualTo(h.src.partitions("shop", t));
            assertThat(h.dst.tableProperties("shop", t)).containsEntry("is_being_synced", "true");
        }
    }

    @Test
    void ddlAndLoadsAreReplayedInOrder() {
        h.startDbJob("shop_job", "shop");
        assertThat(h.syncer.status("shop_job").progressState()).isIn(SyncState.DB_INCREMENTAL_SYNC,
                SyncState.DB_TABLES_INCREMENTAL_SYNC);
        assertSynced();

        h.src.sql("ALTER TABLE shop.events ADD PARTITION p202403 VALUES LESS THAN (\"2024-04-01\")");
        h.src.sql("INSERT INTO shop.events VALUES ('2024-03-09', 3, 'c')");
        h.src.sql("ALTER TABLE shop.events DROP PARTITION p202401");
        h.src.sql("ALTER TABLE shop.users ADD COLUMN age INT DEFAULT \"0\"");
        h.src.sql("INSERT INTO shop.users VALUES (3, 'cid', 40)");
        h.src.sql("ALTER TABLE shop.users RENAME COLUMN name full_name");
        h.src.sql("INSERT INTO shop.users (id, full_name, age) VALUES (1, 'ann2', 33)");
        h.src.sql("CREATE TABLE shop.`order-items` (id BIGINT NOT NULL, qty INT) DUPLICATE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.src.sql("INSERT INTO shop.`order-items` VALUES (7, 70), (8, 80)");
        h.src.sql("ALTER TABLE shop.events MODIFY COMMENT 'all events'");
        h.src.sql("ALTER TABLE shop.users MODIFY COLUMN age COMMENT 'years'");
        h.run(Duration.ofMinutes(1));
        assertSynced();
        assertThat(h.dst.tableDef("shop", "events").comment()).isEqualTo("all events");

        h.src.sql("TRUNCATE TABLE shop.`order-items`");
        h.src.sql("INSERT INTO shop.`order-items` VALUES (9, 90)");
        h.src.sql("ALTER TABLE shop.users RENAME members");
        h.src.sql("INSERT INTO shop.members VALUES (4, 'dan', 20)");
        h.src.sql("ALTER TABLE shop.events RENAME PARTITION p202402 feb");
        h.src.sql("ALTER TABLE shop.members DROP COLUMN age");
        h.src.sql("DROP TABLE shop.`order-items`");
        h.run(Duration.ofMinutes(1));

        assertSynced();
        assertThat(h.dst.tables("shop")).containsExactlyInAnyOrder("events", "members");
        assertThat(h.dst.rows("shop", "members")).contains(List.of("4", "dan"));
        assertThat(h.syncer.lag("shop_job").lag()).isZero();
    }

    @Test
    void aFinishedSchemaChangeCopiesTheTableAgain() {
        h.startDbJob("shop_job", "shop");
        h.src.sql("ALTER TABLE shop.users MODIFY COLUMN name VARCHAR(64)");
        h.src.sql("INSERT INTO shop.users VALUES (5, 'eve')");
        h.run(Duration.ofMinutes(3));

        assertSynced();
        assertThat(h.dst.tableDef("shop", "users").columns().get(1).type()).isEqualTo("VARCHAR(64)");
    }
}
