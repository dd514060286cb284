package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query engine and DML through {@link FakeDorisCluster#sql}: results, typing, errors. */
class QueryEngineTest {
    private FakeDorisCluster c;

    @BeforeEach
    void setUp() {
        c = FakeDorisCluster.builder().name("q").build();
        c.sql("CREATE DATABASE db");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(20), n DECIMAL(10, 2) DEFAULT \"0\", d DATE,"
                + " ts DATETIME(3),) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (\"10\"),"
                + " PARTITION p2 VALUES LESS THAN (\"100\")) DISTRIBUTED BY HASH(k) BUCKETS 2");
        c.sql("INSERT INTO db.t VALUES (1, 'a', 1.5, '2024-01-02', '2024-01-02 03:04:05.678'),"
                + " (2, 'b', 5 - 0, NULL, NULL), (10, 'B', -2.25, '2024-03-01', '2024-03-01'),"
                + " (20, NULL, 100, '2023-12-31', NULL), (9, concat('x', 'y'), NULL, NULL, NULL)");
    }

    private static List<String> row(String... v) {
        return Arrays.asList(v);
    }

    @Test
    void projectsFiltersAndOrdersNumerically() {
        assertThat(c.sql("SELECT k, v FROM db.t WHERE k >= 2 ORDER BY k DESC"))
                .containsExactly(row("20", null), row("10", "B"), row("9", "xy"), row("2", "b"));
        assertThat(c.sql("SELECT k + 1 AS x, upper(v), n FROM db.t WHERE v IS NOT NULL AND v LIKE '_' ORDER BY 1"))
                .containsExactly(row("2", "A", "1.50"), row("3", "B", "5.00"), row("11", "B", "-2.25"));
        assertThat(c.sql("SELECT k FROM db.t WHERE k IN (1, 9, 99) OR v = 'B' ORDER BY k"))
                .containsExactly(row("1"), row("9"), row("10"));
        assertThat(c.sql("SELECT k FROM db.t WHERE k NOT BETWEEN 2 AND 10 ORDER BY k LIMIT 1, 5"))
                .containsExactly(row("20"));
        assertThat(c.sql("SELECT d, ts FROM db.t WHERE k = 1")).containsExactly(row("2024-01-02", "2024-01-02 03:04:05.678"));
        assertThat(c.sql("SELECT k FROM db.t PARTITION (p2) ORDER BY k")).containsExactly(row("10"), row("20"));
    }

    @Test
    void aggregatesAndGroups() {
        assertThat(c.sql("SELECT count(*), count(v), count(DISTINCT upper(v)), sum(k), min(v), max(n), avg(k) FROM db.t"))
                .containsExactly(row("5", "4", "3", "42", "B", "100.00", "8.4"));
        assertThat(c.sql("SELECT k < 10 AS small, count(*) c FROM db.t GROUP BY k < 10 HAVING c > 1 ORDER BY small"))
                .containsExactly(row("0", "2"), row("1", "3"));
        assertThat(c.sql("SELECT DISTINCT upper(v) FROM db.t WHERE v IS NOT NULL ORDER BY 1"))
                .containsExactly(row("A"), row("B"), row("XY"));
    }

    @Test
    void errorsAreDorisErrorsAndChangeNothing() {
        assertThatThrownBy(() -> c.sql("SELECT nope FROM db.t")).hasMessageContaining(
                "Unknown column 'nope' in 'table list' in PROJECT clause");
        assertThatThrownBy(() -> c.sql("SELECT * FROM db.nope")).hasMessageContaining(
                "Table [nope] does not exist in database [db].");
        assertThatThrownBy(() -> c.sql("SELECT frob(k) FROM db.t")).hasMessageContaining("Can not found function 'frob'");
        assertThatThrownBy(() -> c.sql("INSERT INTO db.t (k, n) VALUES (3, 123456789.5)"))
                .hasMessageContaining("Insert has filtered data in strict mode");
        assertThat(c.sql("SELECT count(*) FROM db.t")).containsExactly(row("5"));
    }

    @Test
    void mergeOnWriteUniqueTableReplacesAndDeletesByKey() {
        c.sql("CREATE TABLE db.u (k INT NOT NULL, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        c.sql("INSERT INTO db.u VALUES (1, 10), (2, 20), (3, 30)");
        c.sql("INSERT INTO db.u (v, k) VALUES (21, 2)");
        c.sql("DELETE FROM db.u WHERE v > 25 OR k = 1");
        assertThat(c.sql("SELECT * FROM db.u")).containsExactly(row("2", "21"));
        c.sql("INSERT INTO db.u VALUES (1, 11)");
        assertThat(c.sql("SELECT k, v FROM db.u ORDER BY k")).containsExactly(row("1", "11"), row("2", "21"));
    }

    @Test
    void selectWithoutFromAndVariables() {
        assertThat(c.sql("SELECT 1 + 1, @@version_comment, DATABASE()"))
                .containsExactly(row("2", "Doris version doris-3.0.4-sim-testkit", null));
        assertThat(c.sql("SELECT CAST('12' AS INT) * 2, CAST(3 AS STRING), CASE WHEN 1 > 2 THEN 'x' ELSE 'y' END,"
                + " IFNULL(NULL, 'z'), COALESCE(NULL, NULL, 3)")).containsExactly(row("24", "3", "y", "z", "3"));
    }

    @Test
    void variantViewsAndInformationSchema() {
        c.sql("CREATE TABLE db.ev (k INT NOT NULL, v VARIANT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        c.sql("INSERT INTO db.ev VALUES (1, '{\"name\": \"ann\", \"n\": 3}'), (2, '{\"n\": 4}')");
        assertThat(c.sql("SELECT k, CAST(v[\"name\"] AS TEXT), v['n'] + 1 FROM db.ev ORDER BY k"))
                .containsExactly(row("1", "ann", "4"), row("2", null, "5"));
        assertThat(c.sql("SELECT k FROM db.ev WHERE CAST(v['n'] AS INT) > 3")).containsExactly(row("2"));
        c.sql("CREATE VIEW db.vw AS SELECT k, upper(v) AS u FROM db.t WHERE k < 10");
        assertThat(c.sql("SELECT u FROM db.vw WHERE k > 1 ORDER BY u")).containsExactly(row("B"), row("XY"));
        assertThat(c.sql("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.tables WHERE TABLE_SCHEMA = 'db'"
                + " ORDER BY TABLE_NAME")).containsExactly(row("ev", "BASE TABLE"), row("t", "BASE TABLE"),
                row("vw", "VIEW"));
    }

    @Test
    void tablePropertiesHasARowPerPropertyOfEachOlapTableAsShowCreateTablePrintsIt() {
        c.sql("CREATE TABLE db.Logged (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"binlog.enable\" = \"true\")");
        c.sql("CREATE VIEW db.vw AS SELECT k FROM db.t");
        assertThat(c.sql("SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, PROPERTY_VALUE FROM"
                + " information_schema.table_properties WHERE PROPERTY_NAME = 'binlog.enable' ORDER BY TABLE_NAME"))
                .containsExactly(row("internal", "db", "Logged", "true"), row("internal", "db", "t", "false"));
        assertThat(c.sql("SELECT PROPERTY_VALUE FROM information_schema.table_properties WHERE TABLE_NAME = 't'"
                + " AND PROPERTY_NAME = 'binlog.ttl_seconds'")).containsExactly(row("86400"));
        assertThat(c.sql("SELECT count(*) FROM information_schema.table_properties WHERE TABLE_NAME = 'vw'"))
                .containsExactly(row("0"));
        c.sql("ALTER TABLE db.Logged SET (\"binlog.enable\" = \"false\")");
        assertThat(c.sql("SELECT PROPERTY_VALUE FROM information_schema.table_properties WHERE TABLE_NAME = 'Logged'"
                + " AND PROPERTY_NAME = 'binlog.enable'")).containsExactly(row("false"));
        assertThat(c.tablePropertiesReads()).isEqualTo(4);

        c.setTablePropertiesSchema(false); // an FE before the table existed
        assertThatThrownBy(() -> c.sql("SELECT * FROM information_schema.table_properties"))
                .hasMessageContaining("Table [table_properties] does not exist in database [information_schema].");
        assertThat(c.sql("SELECT count(*) FROM information_schema.tables WHERE TABLE_NAME = 'vw'"))
                .containsExactly(row("1"));
    }

    @Test
    void deletesFollowDorisRulesPerKeyModel() {
        c.sql("CREATE TABLE db.mor (k INT NOT NULL, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"false\")");
        c.sql("INSERT INTO db.mor VALUES (1, 1), (2, 2), (3, 3)");
        c.sql("DELETE FROM db.mor WHERE v = 2");
        c.sql("DELETE FROM db.mor WHERE k = 3");
        assertThat(c.sql("SELECT * FROM db.mor")).containsExactly(row("1", "1"));
        c.sql("CREATE TABLE db.agg (k INT NOT NULL, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        c.sql("INSERT INTO db.agg VALUES (1, 1), (1, 2), (2, 5)");
        assertThatThrownBy(() -> c.sql("DELETE FROM db.agg WHERE v = 3")).hasMessageContaining(
                "delete predicate on value column only supports Unique table with merge-on-write enabled");
        c.sql("DELETE FROM db.agg WHERE k = 1");
        assertThat(c.sql("SELECT * FROM db.agg")).containsExactly(row("2", "5"));
        assertThatThrownBy(() -> c.sql("DELETE FROM db.t WHERE k = 1 OR k = 2")).hasMessageContaining(
                "Where clause only supports compound predicate");
        c.sql("DELETE FROM db.t PARTITION (p2) WHERE k >= 0");
        assertThat(c.sql("SELECT k FROM db.t ORDER BY k")).containsExactly(row("1"), row("2"), row("9"));
    }

    @Test
    void insertFillsDefaultsAndReadsTheClock() {
        c.sql("CREATE TABLE db.d (k INT NOT NULL, at DATETIME DEFAULT CURRENT_TIMESTAMP, n INT DEFAULT \"7\","
                + " s VARCHAR(5) NOT NULL DEFAULT \"x\") DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        c.sql("INSERT INTO db.d (k) VALUES (1)");
        c.sql("INSERT INTO db.d VALUES (2, '2020-01-01 00:00:00', DEFAULT, 'y')");
        List<List<String>> rows = c.sql("SELECT k, at IS NOT NULL, n, s FROM db.d ORDER BY k");
        assertThat(rows).containsExactly(row("1", "1", "7", "x"), row("2", "1", "7", "y"));
        assertThatThrownBy(() -> c.sql("INSERT INTO db.d (n) VALUES (1)")).hasMessageContaining("'k'");
    }

    @Test
    void joinsWithAliasesInnerLeftAndCross() {
        c.sql("CREATE TABLE db.names (id INT NOT NULL, label VARCHAR(10)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        c.sql("INSERT INTO db.names VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        assertThat(c.sql("SELECT t.k, n.label FROM db.t t INNER JOIN db.names n ON t.k = n.id ORDER BY t.k"))
                .containsExactly(row("1", "one"), row("2", "two"));
        assertThat(c.sql("SELECT a.k, b.label FROM db.t AS a LEFT JOIN db.names AS b ON a.k = b.id AND b.id > 1"
                + " WHERE a.k < 10 ORDER BY a.k")).containsExactly(row("1", null), row("2", "two"), row("9", null));
        assertThat(c.sql("SELECT count(*) FROM db.t, db.names")).containsExactly(row("15"));
        assertThat(c.sql("SELECT n.label, count(*) AS c, sum(t.k) FROM db.t JOIN db.names n ON t.k <= n.id"
                + " GROUP BY n.label ORDER BY n.label")).containsExactly(row("one", "1", "1"), row("three", "2", "3"),
                        row("two", "2", "3"));
        assertThat(c.sql("SELECT * FROM db.t t JOIN db.names n ON t.k = n.id WHERE n.id = 2"))
                .containsExactly(row("2", "b", "5.00", null, null, "2", "two"));
        assertThat(c.sql("SELECT n.* FROM db.t t JOIN db.names n ON t.k = n.id WHERE n.id = 1"))
                .containsExactly(row("1", "one"));
        // a column of both sides without a qualifier is ambiguous; an unknown qualifier is an unknown column
        c.sql("CREATE TABLE db.t2 (k INT NOT NULL, w INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        assertThatThrownBy(() -> c.sql("SELECT k FROM db.t JOIN db.t2 ON t.k = t2.k"))
                .hasMessageContaining("k is ambiguous: t.k, t2.k.");
        assertThatThrownBy(() -> c.sql("SELECT x.k FROM db.t JOIN db.t2 ON t.k = t2.k"))
                .hasMessageContaining("Unknown column 'k' in 'x' in PROJECT clause");
        assertThatThrownBy(() -> c.sql("SELECT t.k FROM db.t JOIN db.t2 ON t.k = t2.nope"))
                .hasMessageContaining("Unknown column 'nope' in 't2' in JOIN clause");
        assertThatThrownBy(() -> c.sql("SELECT 1 FROM db.t JOIN db.t ON 1 = 1"))
                .hasMessageContaining("Not unique table/alias: 't'");
        assertThatThrownBy(() -> c.sql("SELECT 1 FROM db.t LEFT JOIN db.t2"))
                .hasMessageContaining("LEFT OUTER JOIN requires an ON or USING clause.");
        assertThatThrownBy(() -> c.sql("SELECT 1 FROM db.t LEFT SEMI JOIN db.t2 ON t.k = t2.k"))
                .hasMessageContaining("only [INNER], LEFT / RIGHT / FULL [OUTER] and CROSS joins are simulated");
        assertThatThrownBy(() -> c.sql("SELECT 1 FROM db.t RIGHT JOIN db.t2"))
                .hasMessageContaining("RIGHT OUTER JOIN requires an ON or USING clause.");
        c.sql("INSERT INTO db.t2 VALUES (1, 100), (77, 700)");
        assertThat(c.sql("SELECT t.k, t2.k, t2.w FROM db.t RIGHT OUTER JOIN db.t2 ON t.k = t2.k ORDER BY t2.k"))
                .containsExactly(row("1", "1", "100"), row(null, "77", "700"));
        assertThat(c.sql("SELECT count(*), count(t.k), count(t2.k) FROM db.t FULL OUTER JOIN db.t2 ON t.k = t2.k"))
                .containsExactly(row("6", "5", "2"));
    }

    @Test
    void inSubqueriesAndScalarSubqueries() {
        c.sql("CREATE TABLE db.keep (id INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        c.sql("INSERT INTO db.keep VALUES (1), (10), (NULL)");
        assertThat(c.sql("SELECT k FROM db.t WHERE k IN (SELECT id FROM db.keep) ORDER BY k"))
                .containsExactly(row("1"), row("10"));
        // NOT IN over a list holding NULL is never true, as in SQL
        assertThat(c.sql("SELECT k FROM db.t WHERE k NOT IN (SELECT id FROM db.keep)")).isEmpty();
        assertThat(c.sql("SELECT k FROM db.t WHERE k NOT IN (SELECT id FROM db.keep WHERE id IS NOT NULL) ORDER BY k"))
                .containsExactly(row("2"), row("9"), row("20"));
        assertThat(c.sql("SELECT k FROM db.t WHERE k IN (SELECT id FROM db.keep WHERE id > 100)")).isEmpty();
        assertThat(c.sql("SELECT count(*) FROM db.t WHERE k NOT IN (SELECT id FROM db.keep WHERE id > 100)"))
                .containsExactly(row("5"));
        assertThat(c.sql("SELECT k, (SELECT max(id) FROM db.keep) AS m FROM db.t WHERE k > (SELECT min(id) FROM db.keep)"
                + " ORDER BY k")).containsExactly(row("2", "10"), row("9", "10"), row("10", "10"), row("20", "10"));
        assertThat(c.sql("SELECT (SELECT id FROM db.keep WHERE id > 100)")).containsExactly(row((String) null));
        assertThatThrownBy(() -> c.sql("SELECT k FROM db.t WHERE k = (SELECT id FROM db.keep)"))
                .hasMessageContaining("Expected EQ 1 to be returned by expression");
        assertThatThrownBy(() -> c.sql("SELECT k FROM db.t WHERE k IN (SELECT id, id FROM db.keep)"))
                .hasMessageContaining("subquery should return only one column");
        assertThatThrownBy(() -> c.sql("SELECT k FROM db.t WHERE k IN (SELECT nope FROM db.keep)"))
                .hasMessageContaining("Unknown column 'nope'");
    }

    @Test
    void existsAndCorrelatedSubqueriesInWhere() {
        c.sql("CREATE TABLE db.o (oid INT NOT NULL, uid INT, amount INT) DUPLICATE KEY(oid) DISTRIBUTED BY HASH(oid) BUCKETS 1");
        c.sql("INSERT INTO db.o VALUES (1, 1, 5), (2, 1, 7), (3, 9, 4), (4, 10, 1)");
        assertThat(c.sql("SELECT k FROM db.t WHERE EXISTS (SELECT 1 FROM db.o WHERE o.uid = t.k) ORDER BY k"))
                .containsExactly(row("1"), row("9"), row("10"));
        assertThat(c.sql("SELECT x.k FROM db.t x WHERE NOT EXISTS (SELECT 1 FROM db.o WHERE o.uid = x.k) ORDER BY x.k"))
                .containsExactly(row("2"), row("20"));
        assertThat(c.sql("SELECT k FROM db.t WHERE k < (SELECT max(amount) FROM db.o WHERE o.uid = t.k) ORDER BY k"))
                .containsExactly(row("1"));
        assertThat(c.sql("SELECT k FROM db.t WHERE k IN (SELECT uid FROM db.o WHERE o.amount > t.k) ORDER BY k"))
                .containsExactly(row("1"));
        assertThat(c.sql("SELECT count(*) FROM db.t WHERE EXISTS (SELECT 1 FROM db.o WHERE amount > 6)"))
                .containsExactly(row("5"));
        assertThatThrownBy(() -> c.sql("SELECT k, (SELECT max(amount) FROM db.o WHERE o.uid = t.k) FROM db.t"))
                .hasMessageContaining("a correlated subquery in the select list is not simulated");
        assertThatThrownBy(() -> c.sql("SELECT k FROM db.t WHERE EXISTS (SELECT 1 FROM db.o WHERE o.nope = t.k)"))
                .hasMessageContaining("Unknown column 'nope'");
    }
}
