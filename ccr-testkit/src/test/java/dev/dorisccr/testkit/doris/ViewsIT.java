package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CREATE VIEW with a column list and comments, ALTER VIEW, DROP VIEW / DROP TABLE of the wrong kind
 * and SHOW CREATE VIEW through Connector/J, with Doris's texts and error codes; refused statements
 * change nothing and log no binlog.
 */
class ViewsIT {
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;
    private SimJdbc db;

    @BeforeEach
    void start() throws SQLException {
        db = SimJdbc.open("views", "CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        cluster = db.cluster;
        conn = db.conn;
        s = db.s;
        s.execute("CREATE TABLE sales (k INT NOT NULL, region VARCHAR(10), amount BIGINT) DUPLICATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 2");
        s.execute("INSERT INTO sales VALUES (1, 'eu', 10), (2, 'eu', 5), (3, 'us', 7)");
    }

    @AfterEach
    void stop() throws SQLException {
        db.close();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return db.rows(sql);
    }

    private List<String> labels(String sql) throws SQLException {
        return db.labels(sql);
    }

    @Test
    void aColumnListNamesTheOutputsAndIsKeptInTheDefinition() throws Exception {
        s.execute("CREATE VIEW by_region (r COMMENT 'the region', total) COMMENT 'sums per region' AS"
                + " SELECT region, sum(amount) AS s FROM sales GROUP BY region");
        assertThat(labels("SELECT * FROM by_region")).containsExactly("r", "total");
        assertThat(rows("SELECT r, total FROM by_region ORDER BY r")).containsExactly(List.of("eu", "15"),
                List.of("us", "7"));
        String ddl = "CREATE VIEW `by_region` COMMENT 'sums per region' AS SELECT region AS `r`, sum(amount) AS `total`"
                + " FROM sales GROUP BY region;";
        assertThat(rows("SHOW CREATE VIEW by_region")).containsExactly(List.of("by_region", ddl, "utf8mb4",
                "utf8mb4_0900_bin"));
        assertThat(rows("SHOW CREATE TABLE by_region").get(0).get(1)).isEqualTo(ddl);
        assertThat(rows("SHOW FULL COLUMNS FROM by_region")).extracting(r -> r.get(0) + ":" + r.get(8))
                .containsExactly("r:the region", "total:");
        // the binlog carries Doris's DDL text, so a replay creates the same names
        assertThat(cluster.binlogs("db").stream().filter(b -> b.data().contains("by_region")).findFirst().orElseThrow()
                .data()).contains("\"tableType\":\"VIEW\"").contains("sum(amount) AS `total`");

        s.execute("ALTER VIEW by_region (region_name, n) AS SELECT region, count(*) FROM sales GROUP BY region");
        assertThat(rows("SELECT * FROM by_region ORDER BY region_name")).containsExactly(List.of("eu", "2"),
                List.of("us", "1"));
        assertThat(rows("SHOW CREATE VIEW by_region").get(0).get(1)).isEqualTo("CREATE VIEW `by_region` COMMENT"
                + " 'sums per region' AS SELECT region AS `region_name`, count(*) AS `n` FROM sales GROUP BY region;");
    }

    @Test
    void badViewsAreRefusedAsDorisRefusesThemAndChangeNothing() throws Exception {
        s.execute("CREATE VIEW v AS SELECT k FROM sales");
        int binlogs = cluster.binlogs("db").size();
        assertThatThrownBy(() -> s.execute("CREATE VIEW w (a, b) AS SELECT k FROM sales"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1353))
                .hasMessageContaining("View's SELECT and view's field list have different column counts");
        assertThatThrownBy(() -> s.execute("CREATE VIEW w (a, A) AS SELECT k, region FROM sales"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1060))
                .hasMessageContaining("Duplicate column name 'A'");
        assertThatThrownBy(() -> s.execute("CREATE VIEW w AS SELECT nope FROM sales"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1054));
        assertThatThrownBy(() -> s.execute("CREATE VIEW v AS SELECT k FROM sales"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1050));
        assertThatThrownBy(() -> s.execute("DROP VIEW sales"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1347))
                .hasMessageContaining("'db.sales' is not VIEW. Use 'DROP TABLE db.sales'.");
        assertThatThrownBy(() -> s.execute("DROP TABLE v"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1347))
                .hasMessageContaining("'db.v' is not TABLE. Use 'DROP VIEW db.v'.");
        assertThatThrownBy(() -> s.execute("ALTER VIEW sales AS SELECT 1"))
                .hasMessageContaining("ALTER VIEW not allowed on a table:db.sales");
        assertThatThrownBy(() -> s.executeQuery("SHOW CREATE VIEW sales"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1347))
                .hasMessageContaining("'db.sales' is not VIEW");
        assertThat(cluster.binlogs("db")).hasSize(binlogs);
        assertThat(cluster.tables("db")).containsExactlyInAnyOrder("sales", "v");
        s.execute("DROP VIEW v");
        assertThat(cluster.tables("db")).containsExactly("sales");
    }
}
