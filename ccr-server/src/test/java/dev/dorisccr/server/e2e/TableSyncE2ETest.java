package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.SyncState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table job end to end over two simulated clusters: full sync, then upserts and deletes. */
class TableSyncE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.orders (id INT NOT NULL, city VARCHAR(20), amount BIGINT SUM DEFAULT \"0\")"
                + " AGGREGATE KEY(id, city) DISTRIBUTED BY HASH(id) BUCKETS 3 PROPERTIES (\"replication_num\" = \"1\")");
        h.src.sql("INSERT INTO shop.orders VALUES (1, 'paris', 10), (2, 'rome', 20), (3, 'oslo', 5)");
        h.dst.sql("CREATE DATABASE shop_copy");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void fullSyncThenIncrementalUpsertsAndDeletes() {
        h.create(h.createBody("orders_job", "shop", "orders", "shop_copy", "orders"));
        h.run(Duration.ofMinutes(2));

        assertThat(h.syncer.status("orders_job").progressState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        h.assertSameRows("shop", "orders", "shop_copy", "orders");
        assertThat(h.dst.tableProperties("shop_copy", "orders")).containsEntry("is_being_synced", "true");

        h.src.sql("INSERT INTO shop.orders VALUES (1, 'paris', 5), (4, 'lima', 7)");
        h.src.sql("DELETE FROM shop.orders WHERE id = 2");
        h.run(Duration.ofMinutes(1));

        h.assertSameRows("shop", "orders", "shop_copy", "orders");
        assertThat(h.dst.rows("shop_copy", "orders")).contains(java.util.List.of("1", "paris", "15"));
        assertThat(h.syncer.lag("orders_job").lag()).isZero();
    }
}
