package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query and DML surface through Connector/J against a started cluster: rows, labels, types, errors. */
class SimSqlIT {
    private SimJdbc sim;
    private FakeDorisCluster cluster;
    private Statement s;

    @BeforeEach
    void start() throws SQLException {
        sim = SimJdbc.open(FakeDorisCluster.builder().name("sql").version(DorisVersion.V2_1).backends(2),
                "CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")", "shop");
        cluster = sim.cluster;
        s = sim.s;
        s.execute("CREATE TABLE `orders` (\n  `id` BIGINT NOT NULL COMMENT '订单号 ✓',\n  tiny TINYINT, small SMALLINT,"
                + " big LARGEINT, f FLOAT, dbl DOUBLE, amount DECIMALV3(12, 3) DEFAULT \"0\", day DATE,"
                + " at DATETIME(3), code CHAR(4), name VARCHAR(32), body STRING, ok BOOLEAN, doc JSON,\n)"
                + " UNIQUE KEY(`id`) COMMENT 'commandes ünï' PARTITION BY RANGE(`id`) (PARTITION p1 VALUES LESS THAN"
                + " (\"100\"), PARTITION p2 VALUES LESS THAN (\"1000\")) DISTRIBUTED BY HASH(`id`) BUCKETS 3"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        s.executeUpdate("INSERT INTO orders (id, name, amount, day, at, ok, tiny, small, big, f, dbl, code, body, doc)"
                + " VALUES (1, 'apple', 5 - 0, '2024-01-02', '2024-01-02 03:04:05.678', true, -1, 300,"
                + " 170141183460469231731687303715884105727, 1.5, 2.25, 'ab', 'long', '{\"a\": 1, \"b\": \"x\"}'),"
                + " (2, upper('pear'), -2.5, '2024-02-03', NULL, false, 1, 2, 3, 0.5, 10, 'cd', NULL, NULL),"
                + " (150, 'fig', 100, NULL, '2024-05-06', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '[1,2]'),"
                + " (10, NULL, DEFAULT, NULL, NULL, NULL, 9, 9, 9, 9, 9, 'z', 'z', NULL)");
    }

    @AfterEach
    void stop() throws SQLException {
        sim.close();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return sim.rows(sql);
    }

    private static List<String> row(String... v) {
        return Arrays.asList(v);
    }

    @Test
    void columnsComeBackTypedAndLabelledAsDorisDoes() throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT * FROM orders WHERE id = 1")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnLabel(1)).isEqualTo("id");
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnType(2)).isIn(Types.TINYINT, Types.BIT);
            assertThat(md.getColumnType(3)).isEqualTo(Types.SMALLINT);
            assertThat(md.getColumnType(4)).isEqualTo(Types.CHAR);
            assertThat(md.getColumnType(6)).isEqualTo(Types.DOUBLE);
            assertThat(md.getColumnType(7)).isEqualTo(Types.DECIMAL);
            assertThat(md.getColumnType(8)).isEqualTo(Types.DATE);
            assertThat(md.getColumnType(9)).isEqualTo(Types.TIMESTAMP);
            assertThat(md.getColumnType(12)).isIn(Types.LONGVARCHAR, Types.VARCHAR);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("id")).isEqualTo(1);
            assertThat(rs.getInt("tiny")).isEqualTo(-1);
            assertThat(rs.getString("big")).isEqualTo("170141183460469231731687303715884105727");
            assertThat(rs.getDouble("f")).isEqualTo(1.5);
            assertThat(rs.getBigDecimal("amount")).isEqualTo(new BigDecimal("5.000"));
            assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(rs.getString("at")).isEqualTo("2024-01-02 03:04:05.678");
            assertThat(rs.getObject("at", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000));
            assertThat(rs.getBoolean("ok")).isTrue();
            assertThat(rs.getString("doc")).isEqualTo("{\"a\":1,\"b\":\"x\"}");
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*), sum(amount), id + 1, upper(name) AS u, CAST(id AS TEXT)"
                + " FROM orders GROUP BY id, name ORDER BY id LIMIT 1")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnLabel(1)).isEqualTo("count(*)");
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnLabel(2)).isEqualTo("sum(amount)");
            assertThat(md.getColumnType(2)).isEqualTo(Types.DECIMAL);
            assertThat(md.getColumnLabel(3)).isEqualTo("(id + 1)");
            assertThat(md.getColumnLabel(4)).isEqualTo("u");
            assertThat(md.getColumnLabel(5)).isEqualTo("cast(id as TEXT)");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("5.000");
            assertThat(rs.getString(3)).isEqualTo("2");
        }
        assertThat(rows("SELECT amount FROM orders WHERE id = 10")).containsExactly(row("0.000"));
    }

    @Test
    void whereOrderLimitAndPartitions() throws SQLException {
        assertThat(rows("SELECT id, name FROM orders WHERE name IS NULL OR name LIKE 'P%' ORDER BY id DESC"))
                .containsExactly(row("10", null), row("2", "PEAR"));
        assertThat(rows("SELECT `id` FROM `shop`.`orders` WHERE amount NOT IN (5, 100) AND day IS NOT NULL"))
                .containsExactly(row("2"));
        assertThat(rows("SELECT id FROM orders WHERE at >= '2024-01-02 00:00:00' AND id <> 1")).containsExactly(row("150"));
        assertThat(rows("SELECT id FROM orders ORDER BY amount DESC, id LIMIT 2 OFFSET 1")).containsExactly(row("1"),
                row("10"));
        assertThat(rows("SELECT id FROM orders PARTITION (p2)")).containsExactly(row("150"));
        assertThat(rows("SELECT id FROM orders PARTITION p1 WHERE id BETWEEN 2 AND 10 ORDER BY 1"))
                .containsExactly(row("2"), row("10"));
        assertThat(rows("SELECT CAST(doc[\"b\"] AS TEXT), doc['a'] FROM orders WHERE id = 1")).containsExactly(row("x", "1"));
        assertThat(rows("SELECT COALESCE(name, 'none'), IFNULL(body, '-'), CASE ok WHEN true THEN 'y' WHEN false THEN 'n'"
                + " ELSE '?' END FROM orders ORDER BY id")).containsExactly(row("apple", "long", "y"),
                row("PEAR", "-", "n"), row("none", "z", "?"), row("fig", "-", "?"));
        assertThat(rows("SELECT length('ünï'), char_length('ünï'), substr('doris', 2, 3), concat('a', NULL),"
                + " lower('ABC')")).containsExactly(row("5", "3", "ori", null, "abc"));
    }

    @Test
    void groupByHavingDistinctAndTemporaryPartitions() throws SQLException {
        s.executeUpdate("INSERT INTO orders (id, name, amount) VALUES (3, 'apple', 1), (4, 'fig', 2)");
        assertThat(rows("SELECT name, count(*) AS n, min(id), max(amount), avg(id) * 2 FROM orders"
                + " WHERE name IS NOT NULL GROUP BY name HAVING count(*) > 1 ORDER BY n DESC, name")).containsExactly(
                row("apple", "2", "1", "5.000", "4.0"), row("fig", "2", "4", "100.000", "154.0"));
        assertThat(rows("SELECT DISTINCT name FROM orders WHERE id < 5 ORDER BY name")).containsExactly(row("PEAR"),
                row("apple"), row("fig"));
        assertThat(rows("SELECT count(DISTINCT name), count(name), count(*) FROM orders")).containsExactly(
                row("3", "5", "6"));
        s.execute("ALTER TABLE orders ADD TEMPORARY PARTITION tp VALUES LESS THAN (\"100\")");
        s.executeUpdate("INSERT INTO orders TEMPORARY PARTITION (tp) (id, name) VALUES (7, 'temp')");
        assertThat(rows("SELECT id, name FROM orders TEMPORARY PARTITION (tp)")).containsExactly(row("7", "temp"));
        assertThat(rows("SELECT count(*) FROM orders WHERE id = 7")).containsExactly(row("0"));
    }

    @Test
    void insertSelectAndDeletesOnMergeOnWrite() throws SQLException {
        s.execute("CREATE TABLE copy (id BIGINT NOT NULL, name VARCHAR(32)) DUPLICATE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2");
        assertThat(s.executeUpdate("INSERT INTO copy SELECT id, name FROM orders WHERE id < 100")).isEqualTo(3);
        assertThat(rows("SELECT * FROM copy ORDER BY id")).containsExactly(row("1", "apple"), row("2", "PEAR"),
                row("10", null));
        int before = cluster.binlogs("shop").size();
        s.executeUpdate("INSERT INTO orders (id, name) VALUES (1, 'apple2')");
        s.executeUpdate("DELETE FROM orders WHERE amount < 0 OR name = 'fig'");
        assertThat(rows("SELECT id, name, amount FROM orders ORDER BY id")).containsExactly(row("1", "apple2", "0.000"),
                row("10", null, "0.000"));
        s.executeUpdate("DELETE FROM copy WHERE id >= 2");
        assertThat(rows("SELECT * FROM copy")).containsExactly(row("1", "apple"));
        // one UPSERT per load: the insert, the delete-sign load, the delete condition on copy
        assertThat(cluster.binlogs("shop").size() - before).isEqualTo(3);
    }

    @Test
    void sessionQueriesVariablesAndSync() throws SQLException {
        assertThat(rows("SELECT @@version_comment")).containsExactly(row("Doris version doris-2.1.8-sim-testkit"));
        assertThat(rows("SELECT @@version, DATABASE(), 1")).containsExactly(row("5.7.99", "shop", "1"));
        assertThat(rows("SELECT 1 + 2 AS three, @@version_comment")).containsExactly(row("3",
                "Doris version doris-2.1.8-sim-testkit"));
        try (ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'version%'")) {
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("Variable_name");
            assertThat(rs.getMetaData().getColumnLabel(4)).isEqualTo("Changed");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("Variable_name")).isEqualTo("version");
            assertThat(rs.getString("Value")).isEqualTo("5.7.99");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("Value")).isEqualTo("Doris version doris-2.1.8-sim-testkit");
        }
        s.execute("SYNC");
    }

    @Test
    void badStatementsAreDorisErrorsAndChangeNothing() throws SQLException {
        String checksum = cluster.checksum("shop", "orders");
        int binlogs = cluster.binlogs("shop").size();
        assertError("SELECT nope FROM orders", 1054, "Unknown column 'nope' in 'table list' in PROJECT clause");
        assertError("SELECT id FROM orders WHERE nope = 1", 1054, "in FILTER clause");
        assertError("SELECT * FROM missing", 1105, "Table [missing] does not exist in database [shop].");
        assertError("SELECT * FROM orders PARTITION (p9)", 1105, "Partition: p9 is not exists");
        assertError("SELECT name, count(*) FROM orders", 1105, "name not in aggregate's output");
        assertError("SELECT frob(1)", 1105, "Can not found function 'frob'");
        assertError("SELECT @@nope", 1193, "Unknown system variable 'nope'");
        assertError("SELECT id FROM orders ORDER BY 9", 1105, "ordinal 9");
        assertError("INSERT INTO orders (id, tiny) VALUES (5, 300)", 5025, "Insert has filtered data in strict mode");
        assertError("INSERT INTO orders (id, day) VALUES (5, 'not a date')", 5025, "Insert has filtered data");
        assertError("INSERT INTO orders (id) VALUES (5), (6, 7)", 1105, "Column count doesn't match value count");
        assertError("INSERT INTO orders (id, nope) VALUES (5, 1)", 1054, "Unknown column 'nope'");
        assertError("INSERT INTO orders (id) VALUES (5000)", 1105, "no partition");
        assertError("DELETE FROM copy_missing WHERE id = 1", 1146, "doesn't exist");
        assertError("SELECT id FROM orders WHERE", 1064, "Syntax error");
        assertThat(cluster.checksum("shop", "orders")).isEqualTo(checksum);
        assertThat(cluster.binlogs("shop")).hasSize(binlogs);
    }

    private void assertError(String sql, int code, String message) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).as(sql).isEqualTo(code);
            assertThat(e.getMessage()).as(sql).contains(message);
        });
    }
}
