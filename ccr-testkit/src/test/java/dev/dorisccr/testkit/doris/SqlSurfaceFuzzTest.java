package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad SQL gets a MySQL-style error and changes nothing; no input crashes the handler. */
class SqlSurfaceFuzzTest {
    private static final List<String> VALID = List.of(
            "CREATE TABLE db.t2 (k INT NOT NULL, v VARCHAR(10) DEFAULT \"x\" COMMENT 'c') UNIQUE KEY(k)"
                    + " PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (\"10\")) DISTRIBUTED BY HASH(k) BUCKETS 2"
                    + " PROPERTIES (\"replication_num\" = \"1\")",
            "ALTER TABLE db.t ADD PARTITION p9 VALUES LESS THAN (\"90\") DISTRIBUTED BY HASH(k) BUCKETS 2",
            "INSERT INTO db.t (k, v) VALUES (1, 'a'), (2, NULL)",
            "DELETE FROM db.t WHERE k >= 1 AND v = 'a'",
            "SHOW PROC '/dbs/'",
            "BACKUP SNAPSHOT db.s1 TO `__keep_on_local__` ON (t) PROPERTIES (\"type\" = \"full\")",
            "ALTER TABLE db.t RENAME COLUMN v w",
            "SHOW RESTORE FROM db WHERE Label = \"x\"",
            "INSERT OVERWRITE TABLE db.t PARTITION (p1) VALUES (3, 'o')",
            "INSERT INTO db.t TEMPORARY PARTITION (tp) VALUES (4, 't')",
            "ALTER TABLE db.t ADD INDEX i1 (v) USING INVERTED PROPERTIES (\"parser\" = \"english\") COMMENT 'x'",
            "BUILD INDEX i1 ON db.t PARTITION (p1)",
            "ALTER TABLE db.t MODIFY PARTITION (p1) SET (\"storage_medium\" = \"SSD\")",
            "ALTER TABLE db.t MODIFY DISTRIBUTION DISTRIBUTED BY HASH(k) BUCKETS 4",
            "RECOVER PARTITION p1 AS p2 FROM db.t",
            "RECOVER TABLE db.t AS t3",
            "SELECT k, upper(v) AS u, count(*) FROM db.t PARTITION (p1) WHERE k IN (1, 2) AND v LIKE 'a%' GROUP BY k, v"
                    + " HAVING count(*) > 0 ORDER BY u DESC, 1 LIMIT 2 OFFSET 1",
            "SELECT DISTINCT CAST(k AS STRING), CASE WHEN k BETWEEN 1 AND 3 THEN 'x' ELSE NULL END, IFNULL(v, '-')"
                    + " FROM db.t TEMPORARY PARTITION (tp) WHERE v IS NOT NULL OR NOT k <> 2",
            "INSERT INTO db.t (v, k) VALUES (concat('a', 'b'), 5 - 0), (NULL, -3 + 4), (DEFAULT, CAST('7' AS INT))",
            "INSERT INTO db.t SELECT k + 10, v FROM db.t WHERE k < 5",
            "DELETE FROM db.u WHERE v = 'a' OR k IN (1, 2)",
            "SELECT @@version_comment, DATABASE(), 1 + 2 * 3, substr('abc', 2)",
            "SYNC",
            "ALTER TABLE db.t ADD COLUMN c INT KEY DEFAULT \"0\" AFTER k, ADD COLUMN (d INT, e VARCHAR(3))",
            "ALTER TABLE db.t MODIFY COLUMN v VARCHAR(20) AFTER k, DROP COLUMN v2, ORDER BY (k, v)",
            "CREATE MATERIALIZED VIEW mv1 AS SELECT k, max(v) FROM db.t GROUP BY k",
            "SHOW ALTER TABLE COLUMN FROM db WHERE TableName = \"t\" AND State = \"FINISHED\" ORDER BY CreateTime DESC"
                    + " LIMIT 1",
            "DROP MATERIALIZED VIEW IF EXISTS mv1 ON db.t",
            "CANCEL ALTER TABLE ROLLUP FROM db.t",
            "SHOW FULL COLUMNS FROM t FROM db LIKE 'k%'", "DESC db.t ALL", "SHOW INDEXES FROM db.t",
            "SHOW FULL TABLES FROM db LIKE 't%'", "SHOW PARTITIONS FROM db.t WHERE PartitionName = 'p1'",
            "SHOW VIEW FROM db.t",
            "CREATE VIEW db.v1 (a COMMENT 'x', b) COMMENT 'c' AS SELECT k, count(*) FROM db.t GROUP BY k",
            "ALTER VIEW db.v1 (a, b) AS SELECT k, max(v) FROM db.t GROUP BY k", "SHOW CREATE VIEW db.v1",
            "DROP VIEW IF EXISTS db.v1",
            "SELECT a.k, b.v FROM db.t a LEFT JOIN db.u b ON a.k = b.k WHERE a.k IN (SELECT k FROM db.u)"
                    + " AND a.k > (SELECT min(k) FROM db.t) ORDER BY a.k",
            "SELECT count(*) FROM db.t CROSS JOIN db.u WHERE t.k NOT IN (SELECT k FROM db.u WHERE v IS NULL)",
            "SELECT t.k, u.v FROM db.t RIGHT JOIN db.u ON t.k = u.k FULL OUTER JOIN db.t x ON x.k = u.k",
            "SHOW BACKUP FROM db WHERE SnapshotName LIKE \"s%\"", "SHOW RESTORE FROM db",
            "INSERT INTO db.u (k, __DORIS_DELETE_SIGN__) VALUES (1, 1)",
            "CREATE TABLE db.ar (d DATE NOT NULL, k INT) DUPLICATE KEY(d) AUTO PARTITION BY RANGE (date_trunc(`d`, 'month'))"
                    + " () DISTRIBUTED BY HASH(k) BUCKETS 1",
            "CREATE TABLE db.al (c VARCHAR(8) NOT NULL, k INT) DUPLICATE KEY(c) AUTO PARTITION BY LIST (`c`) ()"
                    + " DISTRIBUTED BY HASH(k) BUCKETS 1",
            "INSERT INTO db.ar VALUES ('2024-03-04', 1), ('2024-05-06', 2)",
            "CREATE TABLE db.sq (k INT NOT NULL, v INT, s BIGINT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                    + " PROPERTIES (\"function_column.sequence_col\" = \"s\")",
            "INSERT INTO db.u (k, v) VALUES (1, 'x')",
            "CREATE TABLE db.bh (k INT NOT NULL, u BITMAP BITMAP_UNION, h HLL HLL_UNION) AGGREGATE KEY(k)"
                    + " DISTRIBUTED BY HASH(k) BUCKETS 1",
            "INSERT INTO db.bh VALUES (1, to_bitmap(3), hll_hash('a')), (2, bitmap_empty(), hll_empty())",
            "SELECT k, bitmap_count(u), hll_cardinality(h), bitmap_union_count(u), hll_union_agg(h) FROM db.bh GROUP BY k",
            "CREATE TABLE db.ix (k INT, v VARCHAR(9), INDEX i1 (v) USING NGRAM_BF PROPERTIES (\"gram_size\" = \"3\","
                    + " \"bf_size\" = \"256\") COMMENT 'n', INDEX i2 (k) USING BITMAP) DUPLICATE KEY(k)"
                    + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"store_row_column\" = \"true\")",
            "CREATE TABLE db.dp (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) () DISTRIBUTED BY HASH(k)"
                    + " BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"DAY\", \"dynamic_partition.end\" = \"3\","
                    + " \"dynamic_partition.prefix\" = \"p\")",
            "SELECT k FROM db.t WHERE EXISTS (SELECT 1 FROM db.u WHERE u.k = t.k) AND v IN (SELECT v FROM db.u WHERE u.k > t.k)");

    private static FakeDorisCluster cluster() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("fuzz").build();
        c.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k) PARTITION BY RANGE(k)"
                + " (PARTITION p1 VALUES LESS THAN (\"50\")) DISTRIBUTED BY HASH(k) BUCKETS 2");
        c.sql("CREATE TABLE db.u (k INT NOT NULL, v VARCHAR(10)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        return c;
    }

    @Test
    void unknownAndMalformedStatementsAreErrorsThatChangeNothing() {
        FakeDorisCluster c = cluster();
        String before = c.sql("SHOW CREATE TABLE db.t").get(0).get(1);
        long loads = c.binlogs("db").stream().filter(b -> b.type() == 0).count();
        for (String bad : List.of("", "SELEC 1", "CREATE TABLE db.x (", "ALTER TABLE db.t ADD PARTITION",
                "INSERT INTO db.t VALUES (1)", "DROP TABLE db.nope", "ALTER TABLE db.t FROB", "SHOW PROC '/x'",
                "CREATE TABLE db.y (k INT) DUPLICATE KEY(z) DISTRIBUTED BY HASH(k)", "INSERT INTO db.t VALUES ('a', 'b', 'c')",
                "CREATE TABLE db.z (k INT) DISTRIBUTED BY HASH(k) BUCKETS 0",
                "INSERT OVERWRITE TABLE db.t VALUES (500, 'no partition')", "INSERT OVERWRITE TABLE db.t PARTITION (nope) VALUES (1, 'a')",
                "BUILD INDEX nope ON db.t", "RECOVER TABLE db.never", "RECOVER PARTITION nope FROM db.t",
                "ALTER TABLE db.t MODIFY PARTITION p1 SET (\"frob\" = \"1\")",
                "ALTER TABLE db.t MODIFY DISTRIBUTION DISTRIBUTED BY RANDOM BUCKETS 3",
                "ALTER TABLE db.t SET (\"distribution_type\" = \"hash\")", "ALTER TABLE db.t DROP INDEX nope",
                "ALTER TABLE db.t ADD INDEX i2 (nope) USING INVERTED",
                "SELECT nope FROM db.t", "SELECT * FROM db.nope", "SELECT k FROM db.t WHERE", "SELECT k FROM db.t ORDER BY 3",
                "SELECT v, count(*) FROM db.t", "SELECT frob(k) FROM db.t", "SELECT k FROM db.t PARTITION (nope)",
                "SELECT k FROM db.t, db.t", "SELECT (SELECT 1, 2)", "SELECT @@nope", "SELECT k FROM db.t LIMIT -1",
                "CREATE VIEW db.v2 (a, b) AS SELECT k FROM db.t", "CREATE VIEW db.v2 AS SELECT nope FROM db.t",
                "CREATE VIEW db.v2 (a, a) AS SELECT k, v FROM db.t", "CREATE VIEW db.v2 AS", "CREATE VIEW db.t AS SELECT 1",
                "DROP VIEW db.t", "ALTER VIEW db.t AS SELECT 1", "ALTER VIEW db.v1 COMMENT 'x' AS SELECT 1", "ALTER VIEW db.nope AS SELECT 1",
                "SHOW CREATE VIEW db.t", "SELECT k FROM db.t JOIN db.u ON t.k = u.k",
                "SELECT 1 FROM db.t LEFT ANTI JOIN db.u ON t.k = u.k", "SELECT 1 FROM db.t LEFT JOIN db.u",
                "SELECT 1 FROM db.t FULL JOIN db.u USING (k)",
                "SELECT 1 FROM db.t JOIN db.u ON t.k = u.nope", "SELECT 1 FROM db.t CROSS JOIN db.u ON t.k = u.k",
                "SELECT t.k FROM db.t WHERE t.k IN (SELECT k, v FROM db.u)",
                "SELECT t.k FROM db.t WHERE t.k IN (SELECT nope FROM db.u)", "SELECT k FROM db.t WHERE k IN (SELECT",
                "SHOW BACKUP FROM db WHERE State = 'x'", "SHOW RESTORE FROM db WHERE Label != 'x'",
                "SHOW BACKUP FROM nope", "SELECT (SELECT v FROM db.u WHERE u.k = t.k) FROM db.t",
                "SELECT k FROM db.t WHERE EXISTS (SELECT nope FROM db.u WHERE u.k = t.k)", "SELECT k FROM db.t WHERE EXISTS (1)", "INSERT INTO db.t (k, __DORIS_DELETE_SIGN__) VALUES (1, 1)",
                "INSERT INTO db.u (k, __DORIS_DELETE_SIGN__) VALUES (1, 'x')",
                "INSERT INTO db.t VALUES (1 +, 'a')", "INSERT INTO db.t (k, v) VALUES (nope, 'a')",
                "INSERT INTO db.t (k, v) VALUES ('abc', 'a')", "INSERT INTO db.t (k, v) VALUES (99999999999, 'a')",
                "INSERT INTO db.t (k, k) VALUES (1, 2)", "INSERT INTO db.t SELECT k FROM db.t",
                "INSERT INTO db.t SELECT k, v FROM db.nope", "DELETE FROM db.t WHERE k + 1 = 2",
                "DELETE FROM db.t WHERE nope = 1", "DELETE FROM db.t",
                "DELETE FROM db.u WHERE nope = 1", "SYNC now",
                "ALTER TABLE db.t DROP COLUMN k", "ALTER TABLE db.t MODIFY COLUMN v VARCHAR(5)",
                "ALTER TABLE db.t ORDER BY (v)", "ALTER TABLE db.t ADD COLUMN v INT", "ALTER TABLE db.u DROP COLUMN k",
                "ALTER TABLE db.t ADD COLUMN z INT KEY AFTER v", "ALTER TABLE db.t MODIFY COLUMN k BIGINT KEY",
                "ALTER TABLE db.t ADD COLUMN z INT, DROP COLUMN nope", "ALTER TABLE db.t MODIFY COLUMN v VARCHAR(10)",
                "CREATE MATERIALIZED VIEW m1 AS SELECT nope FROM db.t", "CREATE MATERIALIZED VIEW m1 AS SELECT k FROM db.nope",
                "CREATE MATERIALIZED VIEW m1 BUILD IMMEDIATE AS SELECT k FROM db.t",
                "CREATE MATERIALIZED VIEW m1 AS SELECT k + 1 FROM db.t", "DROP MATERIALIZED VIEW nope ON db.t",
                "SHOW ALTER TABLE COLUMN FROM db WHERE JobId = 1", "SHOW ALTER TABLE FROB",
                "SHOW ALTER TABLE COLUMN FROM db WHERE State != \"x\"", "SHOW ALTER TABLE COLUMN ORDER BY nope",
                "CANCEL ALTER TABLE COLUMN FROM db.t",
                "SHOW COLUMNS FROM db.nope", "SHOW COLUMNS db.t", "SHOW FULL COLUMNS FROM db.t LIKE", "DESC db.nope",
                "DESC db.t ALL ALL", "DESC", "SHOW INDEX FROM db.nope", "SHOW INDEXES db.t", "SHOW TABLES FROM nope",
                "SHOW TABLES LIKE 't'", "SHOW FULL TABLES FROM db LIKE t", "SHOW FULL PARTITIONS FROM db.t",
                "SHOW PARTITIONS FROM db.t WHERE PartitionName =", "SHOW PARTITIONS FROM db.t WHERE Frob = 'p1'",
                "SHOW VIEW FROM db.nope", "SHOW VIEW db.t", "SHOW PARTITIONS FROM db.t frob",
                "CREATE TABLE db.a1 (d DATE, k INT) AUTO PARTITION BY RANGE (date_trunc(d, 'day')) () DISTRIBUTED BY HASH(k)",
                "CREATE TABLE db.a2 (d DATE NOT NULL, k INT) AUTO PARTITION BY RANGE (date_trunc(d, 'eon')) ()"
                        + " DISTRIBUTED BY HASH(k)",
                "CREATE TABLE db.a3 (d DATE NOT NULL, k INT) AUTO PARTITION BY RANGE (date_trunc(d, 'day'))"
                        + " DISTRIBUTED BY HASH(k)",
                "CREATE TABLE db.a4 (d DATE NOT NULL, k INT) AUTO PARTITION BY HASH (d) () DISTRIBUTED BY HASH(k)",
                "CREATE TABLE db.s1 (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)"
                        + " PROPERTIES (\"function_column.sequence_col\" = \"v\")",
                "CREATE TABLE db.s2 (k INT, v VARCHAR(3)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k)"
                        + " PROPERTIES (\"function_column.sequence_col\" = \"v\")",
                "CREATE TABLE db.i1 (k INT, f DOUBLE, INDEX i (f) USING INVERTED) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)",
                "CREATE TABLE db.i2 (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)"
                        + " PROPERTIES (\"store_row_column\" = \"true\")",
                "CREATE TABLE db.i3 (k INT, v BOOLEAN) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)"
                        + " PROPERTIES (\"bloom_filter_columns\" = \"v\")",
                "CREATE TABLE db.d1 (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) () DISTRIBUTED BY"
                        + " HASH(k) PROPERTIES (\"dynamic_partition.time_unit\" = \"DAY\", \"dynamic_partition.end\" = \"-1\","
                        + " \"dynamic_partition.prefix\" = \"p\")",
                "SELECT bitmap_count(1, 2)", "SELECT hll_union_agg(k) FROM db.nope")) {
            assertThatThrownBy(() -> c.sql(bad)).as(bad).isInstanceOf(SimException.class)
                    .hasMessageContaining("errCode = 2");
        }
        assertThat(c.sql("SHOW CREATE TABLE db.t").get(0).get(1)).isEqualTo(before);
        assertThat(c.rows("db", "t")).isEmpty();
        assertThat(c.tables("db")).containsExactly("t", "u");
        // no load committed (a failed INSERT OVERWRITE logs its temporary partitions, as Doris does)
        assertThat(c.binlogs("db").stream().filter(b -> b.type() == 0).count()).isEqualTo(loads);
    }

    @Test
    void randomTruncationsAndMutationsOnlyEverGiveSimErrors() {
        long seed = 20261123L;
        System.out.println("SqlSurfaceFuzzTest seed " + seed);
        Random r = new Random(seed);
        FakeDorisCluster c = cluster();
        String junk = "()`'\",;.=<>[]-* \n\\x9";
        for (int i = 0; i < 3000; i++) {
            String s = VALID.get(r.nextInt(VALID.size()));
            StringBuilder b = new StringBuilder(s.substring(0, r.nextInt(s.length() + 1)));
            for (int m = r.nextInt(3); m > 0 && b.length() > 0; m--) {
                b.setCharAt(r.nextInt(b.length()), junk.charAt(r.nextInt(junk.length())));
            }
            String sql = b.toString();
            try {
                c.sql(sql);
            } catch (SimException e) {
                assertThat(e.getMessage()).as("seed %d: %s", seed, sql).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + sql, e);
            }
        }
    }
}
