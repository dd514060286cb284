package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.testkit.schema.RollupDef;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workloads as CCR users write them for real Doris (issue 12): merge-on-write unique tables with
 * updates and deletes, key-column schema changes, rollups and sync materialized views, views in the
 * first full sync, and queries through the MySQL protocol on both sides. Each ends with the target
 * equal to the source (the harness checks every running job at close).
 */
class WorkloadsE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE w PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE w");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void mergeOnWriteUniqueTableWithUpdatesAndDeletes() {
        h.src.sql("CREATE TABLE w.mow (k INT NOT NULL, v VARCHAR(20), n BIGINT) UNIQUE KEY(k)"
                + " PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (\"100\"), PARTITION p2 VALUES LESS THAN"
                + " (\"1000\")) DISTRIBUTED BY HASH(k) BUCKETS 3"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        h.src.sql("INSERT INTO w.mow VALUES (1, 'a', 10), (2, 'b', 20), (150, 'c', 30)");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));
        h.assertSameTable("w", "mow", "w", "mow");

        h.src.sql("INSERT INTO w.mow VALUES (3, 'd', 40), (151, 'e', 50)");
        h.src.sql("INSERT INTO w.mow VALUES (1, 'a2', 11), (150, 'c2', 31)"); // updates by key
        h.src.sql("DELETE FROM w.mow WHERE k = 2");
        h.src.sql("DELETE FROM w.mow WHERE n >= 50"); // a value column: rows loaded again with the delete sign
        h.src.sql("INSERT INTO w.mow VALUES (2, 'b again', 21)");
        h.run(Duration.ofMinutes(2));

        assertThat(h.src.sql("SELECT k, v, n FROM w.mow ORDER BY k")).containsExactly(
                java.util.List.of("1", "a2", "11"), java.util.List.of("2", "b again", "21"),
                java.util.List.of("3", "d", "40"), java.util.List.of("150", "c2", "31"));
        h.assertSameTable("w", "mow", "w", "mow");
        assertThat(h.dst.sql("SELECT k, v, n FROM w.mow ORDER BY k"))
                .isEqualTo(h.src.sql("SELECT k, v, n FROM w.mow ORDER BY k"));
    }

    @Test
    void mergeOnWriteTableJobWithPartitionDeletesAndAnExpressionLoad() {
        h.src.sql("CREATE TABLE w.mow (k INT NOT NULL, d DATE NOT NULL, v INT) UNIQUE KEY(k, d)"
                + " PARTITION BY RANGE(d) (PARTITION p2024 VALUES LESS THAN (\"2025-01-01\"),"
                + " PARTITION p2025 VALUES LESS THAN (\"2026-01-01\")) DISTRIBUTED BY HASH(k) BUCKETS 2"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        h.src.sql("INSERT INTO w.mow VALUES (1, '2024-05-01', 1), (1, '2025-05-01', 2), (2, '2025-06-01', 3)");
        h.dst.sql("CREATE DATABASE copy");
        h.create(h.createBody("mow_job", "w", "mow", "copy", "mow_copy"));
        h.run(Duration.ofMinutes(2));

        h.src.sql("DELETE FROM w.mow PARTITION (p2025) WHERE k = 1");
        h.src.sql("INSERT INTO w.mow VALUES (3, '2024-12-31', 10 * 3), (2, '2025-06-01', abs(-9))");
        h.src.sql("DELETE FROM w.mow WHERE v > 20 OR k = 9");
        h.run(Duration.ofMinutes(2));

        assertThat(h.dst.sql("SELECT k, d, v FROM copy.mow_copy ORDER BY k, d")).containsExactly(
                java.util.List.of("1", "2024-05-01", "1"), java.util.List.of("2", "2025-06-01", "9"));
        h.assertSameTable("w", "mow", "copy", "mow_copy");
    }

    @Test
    void keyColumnAddedInADbJob() {
        h.src.sql("CREATE TABLE w.dup (k1 INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(k1)"
                + " DISTRIBUTED BY HASH(k1) BUCKETS 2");
        h.src.sql("INSERT INTO w.dup VALUES (1, 'x'), (2, 'y')");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));

        h.src.sql("ALTER TABLE w.dup ADD COLUMN k2 INT KEY DEFAULT \"0\"");
        h.src.sql("INSERT INTO w.dup VALUES (3, 7, 'z')");
        h.src.sql("INSERT INTO w.dup (k1, v) VALUES (4, 'w')");
        h.run(Duration.ofMinutes(3));

        h.assertSameTable("w", "dup", "w", "dup");
        assertThat(h.dst.tableDef("w", "dup").keyColumns()).containsExactly("k1", "k2");
        assertThat(h.dst.sql("SELECT k1, k2, v FROM w.dup WHERE k1 >= 3 ORDER BY k1"))
                .containsExactly(java.util.List.of("3", "7", "z"), java.util.List.of("4", "0", "w"));
    }

    @Test
    void keyColumnAddedInATableJob() {
        h.src.sql("CREATE TABLE w.agg (k1 INT NOT NULL, s BIGINT SUM DEFAULT \"0\") AGGREGATE KEY(k1)"
                + " DISTRIBUTED BY HASH(k1) BUCKETS 2");
        h.src.sql("INSERT INTO w.agg VALUES (1, 5), (1, 6), (2, 1)");
        h.dst.sql("CREATE DATABASE copy");
        h.create(h.createBody("agg_job", "w", "agg", "copy", "agg"));
        h.run(Duration.ofMinutes(2));

        h.src.sql("ALTER TABLE w.agg ADD COLUMN k2 INT KEY DEFAULT \"0\"");
        h.src.sql("INSERT INTO w.agg VALUES (1, 1, 100), (1, 0, 1)");
        h.run(Duration.ofMinutes(3));

        h.assertSameTable("w", "agg", "copy", "agg");
        assertThat(h.dst.sql("SELECT k1, k2, s FROM copy.agg ORDER BY k1, k2")).containsExactly(
                java.util.List.of("1", "0", "12"), java.util.List.of("1", "1", "100"), java.util.List.of("2", "0", "1"));
    }

    @Test
    void rollupAndSyncMaterializedViewReplicate() {
        h.src.sql("CREATE TABLE w.sales (k INT NOT NULL, region VARCHAR(10) NOT NULL, v BIGINT NOT NULL)"
                + " DUPLICATE KEY(k, region) DISTRIBUTED BY HASH(k) BUCKETS 2");
        h.src.sql("INSERT INTO w.sales VALUES (1, 'eu', 10), (1, 'us', 5), (2, 'eu', 7)");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));

        h.src.sql("ALTER TABLE w.sales ADD ROLLUP r_region (region, v)");
        h.src.sql("INSERT INTO w.sales VALUES (3, 'asia', 1)");
        h.src.sql("CREATE MATERIALIZED VIEW mv_k AS SELECT k, SUM(v) FROM w.sales GROUP BY k");
        h.src.sql("INSERT INTO w.sales VALUES (1, 'eu', 2)");
        h.run(Duration.ofMinutes(3));

        h.assertSameTable("w", "sales", "w", "sales");
        assertThat(h.dst.tableDef("w", "sales").rollups()).extracting(RollupDef::name)
                .containsExactlyInAnyOrder("r_region", "mv_k");
        assertThat(h.dst.tableDef("w", "sales").rollups())
                .containsExactlyInAnyOrderElementsOf(h.src.tableDef("w", "sales").rollups());
    }

    @Test
    void schemaShowsAgreeOnBothSidesAfterRollupIndexAndKeyChanges() {
        h.src.sql("CREATE TABLE w.t (k INT NOT NULL, v VARCHAR(20) DEFAULT \"x\" COMMENT 'val', n BIGINT SUM DEFAULT \"0\")"
                + " AGGREGATE KEY(k, v) DISTRIBUTED BY HASH(k) BUCKETS 2");
        h.src.sql("INSERT INTO w.t VALUES (1, 'a', 1), (1, 'a', 2), (2, 'b', 5)");
        h.create(h.createBody("t_job", "w", "t", "w", "t"));
        h.run(Duration.ofMinutes(2));

        h.src.sql("ALTER TABLE w.t ADD ROLLUP r_k (k, n)");
        h.src.sql("ALTER TABLE w.t ADD INDEX idx_v (v) USING INVERTED COMMENT 'inv'");
        h.src.sql("ALTER TABLE w.t ADD COLUMN k2 INT KEY DEFAULT \"0\" AFTER v");
        h.src.sql("INSERT INTO w.t VALUES (1, 'a', 3, 10)");
        h.run(Duration.ofMinutes(3));

        for (String q : new String[] {"SHOW FULL COLUMNS FROM w.t", "DESC w.t ALL", "SHOW INDEXES FROM w.t",
            "SHOW FULL TABLES FROM w LIKE 't%'"}) {
            assertThat(h.dst.sql(q)).as(q).isEqualTo(h.src.sql(q)).isNotEmpty();
        }
        assertThat(h.dst.sql("SELECT k, k2, v, n FROM w.t ORDER BY k, k2")).containsExactly(
                java.util.List.of("1", "0", "a", "3"), java.util.List.of("1", "3", "a", "10"),
                java.util.List.of("2", "0", "b", "5"));
    }

    @Test
    void alterJobsRunningOnTheClockWhileLoadsGoOn() {
        h.src.setAlterJobDuration(Duration.ofSeconds(90));
        h.src.sql("CREATE TABLE w.sales (k INT NOT NULL, region VARCHAR(10) NOT NULL, v BIGINT SUM DEFAULT \"0\")"
                + " AGGREGATE KEY(k, region) DISTRIBUTED BY HASH(k) BUCKETS 2");
        h.src.sql("INSERT INTO w.sales VALUES (1, 'eu', 10), (2, 'us', 5)");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));

        h.src.sql("CREATE MATERIALIZED VIEW mv_region AS SELECT region, SUM(v) FROM w.sales GROUP BY region");
        h.src.sql("INSERT INTO w.sales VALUES (1, 'eu', 1)");
        h.run(Duration.ofSeconds(30));
        h.src.sql("INSERT INTO w.sales VALUES (3, 'asia', 2)"); // the job is still running on the source
        h.run(Duration.ofMinutes(2));
        h.src.sql("ALTER TABLE w.sales ADD COLUMN k2 INT KEY DEFAULT \"0\" AFTER region");
        h.src.sql("INSERT INTO w.sales VALUES (1, 'eu', 3)"); // a heavy change: the old schema until the job ends
        h.run(Duration.ofMinutes(2));
        h.src.sql("INSERT INTO w.sales VALUES (1, 'eu', 0, 1)");
        h.run(Duration.ofMinutes(3));

        h.assertSameTable("w", "sales", "w", "sales");
        assertThat(h.dst.tableDef("w", "sales").rollups()).extracting(RollupDef::name).containsExactly("mv_region");
        assertThat(h.dst.sql("SELECT k, region, k2, v FROM w.sales WHERE k = 1")).containsExactly(
                java.util.List.of("1", "eu", "0", "15"));
    }

    @Test
    void viewInTheFirstFullSyncThenAlteredAndDropped() {
        h.src.sql("CREATE TABLE w.t (k INT NOT NULL, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        h.src.sql("INSERT INTO w.t VALUES (1, 10), (2, 20), (2, 5)");
        h.src.sql("CREATE VIEW w.v AS SELECT k, SUM(v) AS s FROM w.t GROUP BY k");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));

        assertThat(h.dst.isView("w", "v")).isTrue();
        assertThat(h.dst.sql("SELECT k, s FROM w.v ORDER BY k")).isEqualTo(h.src.sql("SELECT k, s FROM w.v ORDER BY k"));

        h.src.sql("ALTER VIEW w.v AS SELECT k, MAX(v) AS s FROM w.t GROUP BY k");
        h.src.sql("INSERT INTO w.t VALUES (3, 1)");
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.sql("SELECT k, s FROM w.v ORDER BY k")).containsExactly(
                java.util.List.of("1", "10"), java.util.List.of("2", "20"), java.util.List.of("3", "1"));

        h.src.sql("DROP VIEW w.v");
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.tables("w")).containsExactly("t");
    }

    @Test
    void insertWithExpressionsAndQueriesAgreeOnBothSides() {
        h.src.sql("CREATE TABLE w.m (id INT NOT NULL, grp VARCHAR(5), amount DECIMAL(10, 2), at DATE)"
                + " DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 3");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));

        h.src.sql("INSERT INTO w.m VALUES (5 - 0, upper('a'), 1.5 * 2, '2024-01-01'),"
                + " (2 * 3, concat('b', ''), 10 / 4, '2024-02-01'), (7, lower('A'), -1, '2024-03-01'),"
                + " (8, NULL, abs(-4), '2024-03-02')");
        h.run(Duration.ofMinutes(2));

        for (String q : new String[] {
            "SELECT id, grp, amount FROM w.m WHERE amount > 0 AND grp IS NOT NULL ORDER BY id DESC",
            "SELECT grp, COUNT(*), SUM(amount), MIN(id), MAX(at) FROM w.m GROUP BY grp ORDER BY grp",
            "SELECT id + 1 AS n FROM w.m WHERE grp IN ('A', 'b') OR grp LIKE 'a%' ORDER BY n LIMIT 2",
        }) {
            assertThat(h.dst.sql(q)).as(q).isEqualTo(h.src.sql(q)).isNotEmpty();
        }
        assertThat(h.dst.sql("SELECT grp, COUNT(*) FROM w.m GROUP BY grp ORDER BY grp")).containsExactly(
                java.util.Arrays.asList(null, "1"), java.util.List.of("A", "1"), java.util.List.of("a", "1"),
                java.util.List.of("b", "1"));
    }
}
