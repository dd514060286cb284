package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.verify.PartitionCheck;
import dev.dorisccr.core.verify.TableCheck;
import dev.dorisccr.core.verify.VerifyOutcome;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The divergence test with a per-table re-copy: a row deleted on the target behind the syncer's
 * back is named by verify down to the partition, {@code recopyTable} copies that table again by a
 * partial sync while the other table keeps replicating, and verify finds the job equal again.
 */
class RecopyE2ETest {
    @TempDir Path dir;

    @Test
    void aDivergenceNamedByVerifyIsRepairedByCopyingThatTableAgain() throws Exception {
        try (E2eHarness h = new E2eHarness(dir)) {
            h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
            h.dst.sql("CREATE DATABASE d1");
            h.src.sql("CREATE TABLE d1.orders (id INT NOT NULL, note VARCHAR(20)) UNIQUE KEY(id)"
                    + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"100\"),"
                    + " PARTITION p2 VALUES LESS THAN (\"1000\")) DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("CREATE TABLE d1.events (k INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
            h.src.sql("INSERT INTO d1.orders VALUES (1, 'a'), (2, 'b'), (150, 'c')");
            h.src.sql("INSERT INTO d1.events VALUES (1, 'x')");
            h.create(h.createBody("db_job", "d1", "", "d1", ""));
            h.run(Duration.ofMinutes(2));

            h.dst.sql("DELETE FROM d1.orders WHERE id = 1");
            VerifyReport diverged = h.syncer.verify("db_job", VerifyRequest.all(), a -> h.run(Duration.ofSeconds(5)));
            assertThat(diverged.outcome()).isEqualTo(VerifyOutcome.DIFFERS);
            TableCheck orders = diverged.tables().stream().filter(t -> t.sourceTable().equals("orders")).findFirst()
                    .orElseThrow();
            assertThat(orders.partitions()).filteredOn(p -> p.outcome() == VerifyOutcome.DIFFERS)
                    .extracting(PartitionCheck::partition).containsExactly("p1");

            assertThatThrownBy(() -> h.syncer.recopyTable("db_job", "nope"))
                    .isInstanceOfSatisfying(CcrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.getMessage()).isEqualTo("no table nope in job db_job (tables: events, orders)");
                    });
            int restores = h.dst.restores().size();
            h.syncer.recopyTable("db_job", "orders");
            h.src.sql("INSERT INTO d1.events VALUES (2, 'during the copy')");
            h.src.sql("INSERT INTO d1.orders VALUES (3, 'during the copy')");
            h.run(Duration.ofMinutes(3));
            assertThat(h.dst.restores()).as("one table restored").hasSize(restores + 1);
            assertThat(h.dst.restores().get(restores).tables().keySet()).singleElement().asString()
                    .startsWith("__ccr_orders_");

            VerifyReport repaired = h.syncer.verify("db_job", VerifyRequest.all(), a -> h.run(Duration.ofSeconds(5)));
            assertThat(repaired.outcome()).as("%s", repaired).isEqualTo(VerifyOutcome.EQUAL);
            JournalEntry copy = h.syncer.journal(JournalQuery.latest("db_job")).stream()
                    .filter(e -> e.outcome() == JournalOutcome.PARTIAL_SYNC).findFirst().orElseThrow();
            assertThat(copy.detail()).startsWith("copied table orders");
            h.assertSameTable("d1", "orders", "d1", "orders");
            h.assertSameTable("d1", "events", "d1", "events");
        }
    }
}
