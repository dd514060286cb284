package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table jobs of one source cluster check that binlog is still on with one read of {@code
 * information_schema.table_properties} between them (issue 18), through the real MySQL protocol; an
 * FE without that table (before Doris 2.1 with apache/doris#39886) is asked per job as before.
 * Either way binlog turned off on one table fails exactly its job with BINLOG_DISABLED within the
 * check interval, and the other jobs keep syncing.
 */
class SharedBinlogCheckE2ETest {
    private static final List<String> TABLES = List.of("t1", "t2", "t3");
    @TempDir Path dir;
    private E2eHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @ParameterizedTest(name = "table_properties on the source: {0}")
    @ValueSource(booleans = {true, false})
    void binlogOffOnOneTableFailsOnlyItsJob(boolean tablePropertiesSchema) {
        h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2));
        h.src.setTablePropertiesSchema(tablePropertiesSchema);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE d1");
        for (String t : TABLES) {
            h.src.sql("CREATE TABLE d1." + t + " (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id)"
                    + " BUCKETS 2");
            h.src.sql("INSERT INTO d1." + t + " VALUES (1, 1)");
            h.create(h.createBody(t + "_job", "d1", t, "d1", t));
        }
        h.run(Duration.ofMinutes(2));
        insertEverywhere(2);
        h.run(Duration.ofMinutes(1));
        TABLES.forEach(t -> h.assertSameTable("d1", t, "d1", t));

        // two idle minutes: each job checks about 4 times
        long showCreate = h.src.showCreateTableReads();
        long bulk = h.src.tablePropertiesReads();
        h.run(Duration.ofMinutes(2));
        long showCreateDelta = h.src.showCreateTableReads() - showCreate;
        long bulkDelta = h.src.tablePropertiesReads() - bulk;
        if (tablePropertiesSchema) {
            assertThat(showCreateDelta).as("SHOW CREATE TABLE while every table has binlog on").isZero();
            assertThat(bulkDelta).as("table_properties reads for 3 jobs x 4 checks").isBetween(1L, 12L);
        } else {
            assertThat(showCreateDelta).as("each job asks its own table").isGreaterThanOrEqualTo(3L * 3);
            assertThat(h.src.tablePropertiesReads()).as("an FE without the table is asked once").isEqualTo(1);
        }

        h.src.sql("ALTER TABLE d1.t2 SET (\"binlog.enable\" = \"false\")");
        insertEverywhere(3); // recorded nowhere for t2
        h.run(Duration.ofSeconds(35)); // the check interval (30 s) and an idle job's turn
        assertThat(h.syncer.status("t2_job").lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("BINLOG_DISABLED", "source table d1.t2 does not have binlog enabled"));
        h.run(Duration.ofMinutes(1));
        for (String t : List.of("t1", "t3")) {
            assertThat(h.syncer.status(t + "_job").lastError()).as(t).isEmpty();
            h.assertSameTable("d1", t, "d1", t);
        }

        h.src.sql("ALTER TABLE d1.t2 SET (\"binlog.enable\" = \"true\")");
        insertEverywhere(4);
        h.run(Duration.ofMinutes(5));
        for (String t : TABLES) {
            assertThat(h.syncer.status(t + "_job").lastError()).as(t).isEmpty();
            h.assertSameTable("d1", t, "d1", t);
        }
        assertThat(h.dst.rows("d1", "t2")).hasSize(4);
    }

    private void insertEverywhere(int id) {
        for (String t : TABLES) {
            h.src.sql("INSERT INTO d1." + t + " VALUES (" + id + ", " + id + ")");
        }
    }
}
