package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SHOW COLUMNS, DESC [ALL], SHOW INDEXES, SHOW [FULL] TABLES LIKE, SHOW PARTITIONS WHERE and SHOW
 * VIEW through Connector/J, with Doris's column names.
 */
class SchemaShowsIT {
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;
    private SimJdbc db;

    @BeforeEach
    void start() throws SQLException {
        db = SimJdbc.open("shows", "CREATE DATABASE db");
        cluster = db.cluster;
        conn = db.conn;
        s = db.s;
        s.execute("CREATE TABLE dup (k INT NOT NULL COMMENT 'the key', v VARCHAR(10) DEFAULT \"x\", n BIGINT)"
                + " DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (\"10\"),"
                + " PARTITION p2 VALUES LESS THAN (\"20\")) DISTRIBUTED BY HASH(k) BUCKETS 1");
        s.execute("CREATE TABLE agg (k INT NOT NULL, s BIGINT SUM DEFAULT \"0\") AGGREGATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1");
        s.execute("CREATE TABLE uniq (id INT NOT NULL, name VARCHAR(10)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        s.execute("CREATE VIEW v_dup AS SELECT k, v FROM dup");
        s.execute("CREATE VIEW v_other AS SELECT id FROM uniq");
    }

    @AfterEach
    void stop() throws SQLException {
        db.close();
    }

    private List<String> labels(String sql) throws SQLException {
        return db.labels(sql);
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return db.rows(sql);
    }

    @Test
    void showColumnsAndFullColumns() throws Exception {
        assertThat(labels("SHOW COLUMNS FROM dup")).containsExactly("Field", "Type", "Null", "Key", "Default", "Extra");
        assertThat(rows("SHOW COLUMNS FROM dup")).containsExactly(Arrays.asList("k", "INT", "NO", "YES", null, ""),
                Arrays.asList("v", "VARCHAR(10)", "YES", "NO", "x", "NONE"), Arrays.asList("n", "BIGINT", "YES", "NO", null,
                        "NONE"));
        assertThat(labels("SHOW FULL COLUMNS FROM dup")).containsExactly("Field", "Type", "Collation", "Null", "Key",
                "Default", "Extra", "Privileges", "Comment");
        assertThat(rows("SHOW FULL COLUMNS FROM agg FROM db").get(1)).containsExactly("s", "BIGINT", "", "YES", "NO", "0",
                "SUM", "", "");
        assertThat(rows("SHOW FULL COLUMNS IN db.dup LIKE 'k%'")).singleElement()
                .satisfies(r -> assertThat(r.get(8)).isEqualTo("the key"));
        assertThat(rows("SHOW COLUMNS FROM uniq").get(1).get(5)).isEqualTo("REPLACE");
        assertThatThrownBy(() -> s.executeQuery("SHOW COLUMNS FROM nope")).hasMessageContaining("doesn't exist");
    }

    @Test
    void describeAndDescribeAll() throws Exception {
        assertThat(labels("DESC dup")).containsExactly("Field", "Type", "Null", "Key", "Default", "Extra");
        assertThat(rows("DESCRIBE db.dup")).containsExactly(Arrays.asList("k", "INT", "No", "true", null, ""),
                Arrays.asList("v", "VARCHAR(10)", "Yes", "false", "x", "NONE"),
                Arrays.asList("n", "BIGINT", "Yes", "false", null, "NONE"));
        s.execute("ALTER TABLE dup ADD ROLLUP r1 (k, n)");
        assertThat(labels("DESC dup ALL")).containsExactly("IndexName", "IndexKeysType", "Field", "Type", "InternalType",
                "Null", "Key", "Default", "Extra", "Visible", "DefineExpr", "WhereClause");
        List<List<String>> all = rows("DESC dup ALL");
        assertThat(all).extracting(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).containsExactly("dup|DUP_KEYS|k",
                "||v", "||n", "||", "r1|DUP_KEYS|k", "||n");
        assertThat(all.get(3)).containsOnly("");
    }

    @Test
    void aViewDescribesItsQuerysColumns() throws Exception {
        s.execute("CREATE VIEW v_sum AS SELECT k, SUM(n) AS total, CAST(k AS DECIMAL(10, 2)) AS d FROM dup GROUP BY k");
        assertThat(rows("DESC v_dup")).containsExactly(Arrays.asList("k", "INT", "Yes", "false", null, ""),
                Arrays.asList("v", "VARCHAR(10)", "Yes", "false", null, ""));
        assertThat(rows("DESC v_sum ALL")).extracting(r -> r.get(0) + " " + r.get(1)).containsExactly("k INT",
                "total BIGINT", "d DECIMAL(10, 2)");
        assertThat(rows("SHOW COLUMNS FROM v_dup")).containsExactly(Arrays.asList("k", "INT", "YES", "NO", null, ""),
                Arrays.asList("v", "VARCHAR(10)", "YES", "NO", null, ""));
    }

    @Test
    void showIndexesListsTheTablesIndexes() throws Exception {
        s.execute("ALTER TABLE dup ADD INDEX idx_v (v) USING INVERTED PROPERTIES (\"parser\" = \"english\") COMMENT 'c'");
        List<String> cols = List.of("Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation",
                "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment", "Properties");
        assertThat(labels("SHOW INDEXES FROM dup")).isEqualTo(cols);
        assertThat(rows("SHOW INDEX FROM dup FROM db")).containsExactly(List.of("db.dup", "", "idx_v", "", "v", "", "", "",
                "", "", "INVERTED", "c", "(\"parser\" = \"english\")"));
        assertThat(rows("SHOW INDEXES FROM agg")).isEmpty();
    }

    @Test
    void showTablesLikeAndFullTables() throws Exception {
        assertThat(labels("SHOW TABLES")).containsExactly("Tables_in_db");
        assertThat(rows("SHOW TABLES LIKE 'v\\_%'")).containsExactly(List.of("v_dup"), List.of("v_other"));
        assertThat(rows("SHOW TABLES FROM db LIKE '%u%'")).containsExactly(List.of("dup"), List.of("uniq"),
                List.of("v_dup"));
        assertThat(labels("SHOW FULL TABLES FROM db")).containsExactly("Tables_in_db", "Table_type");
        assertThat(rows("SHOW FULL TABLES")).containsExactly(List.of("agg", "BASE TABLE"), List.of("dup", "BASE TABLE"),
                List.of("uniq", "BASE TABLE"), List.of("v_dup", "VIEW"), List.of("v_other", "VIEW"));
    }

    @Test
    void showPartitionsWherePartitionName() throws Exception {
        assertThat(rows("SHOW PARTITIONS FROM dup")).hasSize(2);
        List<List<String>> p2 = rows("SHOW PARTITIONS FROM dup WHERE PartitionName = 'p2'");
        assertThat(p2).singleElement().satisfies(r -> assertThat(r.get(1)).isEqualTo("p2"));
        assertThat(rows("SHOW PARTITIONS FROM dup WHERE PartitionName = 'p9'")).isEmpty();
    }

    @Test
    void showViewListsTheViewsReadingTheTable() throws Exception {
        assertThat(labels("SHOW VIEW FROM dup")).containsExactly("View", "Create View");
        assertThat(rows("SHOW VIEW FROM dup")).extracting(r -> r.get(0)).containsExactly("v_dup");
        assertThat(rows("SHOW VIEW FROM db.uniq")).extracting(r -> r.get(0)).containsExactly("v_other");
        assertThat(rows("SHOW VIEW FROM agg")).isEmpty();
        assertThatThrownBy(() -> s.executeQuery("SHOW VIEW FROM v_dup")).hasMessageContaining("is not TABLE");
    }
}
