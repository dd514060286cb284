package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios written outside the project that found silent data loss or divergence (issue 11),
 * each ending with the target compared to the source.
 */
class CorrectnessE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE d1");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void rowsLoadedAfterRecoverPartitionReachTheTarget() {
        h.src.sql("CREATE TABLE d1.t (test INT NOT NULL, id INT NOT NULL) UNIQUE KEY(test, id)"
                + " PARTITION BY RANGE(id) (PARTITION part_1 VALUES LESS THAN (\"10\"),"
                + " PARTITION part_2 VALUES LESS THAN (\"100\")) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.src.sql("INSERT INTO d1.t VALUES (1, 0), (1, 1), (1, 30)");
        h.create(h.createBody("t_job", "d1", "t", "d1", "t"));
        h.run(Duration.ofMinutes(2));
        h.assertSameTable("d1", "t", "d1", "t");

        h.src.sql("ALTER TABLE d1.t DROP PARTITION part_1");
        h.src.sql("ALTER TABLE d1.t DROP PARTITION part_2");
        h.run(Duration.ofMinutes(1));
        assertThat(h.dst.rows("d1", "t")).isEmpty();

        h.src.sql("RECOVER PARTITION part_1 FROM d1.t");
        h.src.sql("RECOVER PARTITION part_2 FROM d1.t");
        h.run(Duration.ofMinutes(3));
        h.assertSameTable("d1", "t", "d1", "t");

        h.src.sql("INSERT INTO d1.t VALUES (5, 0), (5, 1), (5, 30)");
        h.run(Duration.ofMinutes(1));
        System.err.println("DEBUG progress " + h.syncer.progress("t_job"));
        h.src.binlogs("d1").forEach(b -> System.err.println("DEBUG binlog " + b));
        System.err.println("DEBUG dst txns " + h.dst.txns());
        System.err.println("DEBUG dst id " + h.dst.tableId("d1", "t"));
        assertThat(h.src.rows("d1", "t")).hasSize(6);
        h.assertSameTable("d1", "t", "d1", "t");
        assertThat(h.syncer.progress("t_job").tableMapping())
                .containsEntry(h.src.tableId("d1", "t"), h.dst.tableId("d1", "t"));
    }
}
