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
 * Merge-on-write partial column updates through Connector/J: the session variables, the FE's
 * refusals, strict and non-strict new keys, the delete sign in the column list, and a MOR table
 * that ignores the variable. A refused INSERT writes nothing.
 */
class PartialUpdateIT {
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;
    private SimJdbc db;

    @BeforeEach
    void start() throws SQLException {
        db = SimJdbc.open("pu", "CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        cluster = db.cluster;
        conn = db.conn;
        s = db.s;
        s.execute("CREATE TABLE u (k INT NOT NULL, a INT, b VARCHAR(10) DEFAULT \"d\", c INT NOT NULL DEFAULT \"7\")"
                + " UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        s.execute("INSERT INTO u VALUES (1, 10, 'x', 1), (2, 20, 'y', 2)");
    }

    @AfterEach
    void stop() throws SQLException {
        db.close();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return db.rows(sql);
    }

    @Test
    void namedColumnsChangeAndTheOthersKeepTheirValues() throws Exception {
        assertThat(rows("SHOW VARIABLES LIKE 'enable_unique_key_partial_update'").get(0)).containsExactly(
                "enable_unique_key_partial_update", "false", "false", "0");
        s.execute("SET enable_unique_key_partial_update = true");
        s.execute("INSERT INTO u (k, a) VALUES (1, 11), (2, 21), (1, 12)");
        assertThat(rows("SELECT * FROM u ORDER BY k")).containsExactly(List.of("1", "12", "x", "1"),
                List.of("2", "21", "y", "2"));
        int binlogs = cluster.binlogs("db").size();
        assertThatThrownBy(() -> s.execute("INSERT INTO u (k, a) VALUES (3, 30)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(5025))
                .hasMessageContaining("Insert has filtered data in strict mode");
        assertThatThrownBy(() -> s.execute("INSERT INTO u (a, b) VALUES (5, 'q')"))
                .hasMessageContaining("Partial update should include all key columns, missing: k");
        assertThat(cluster.binlogs("db")).hasSize(binlogs);

        s.execute("SET enable_insert_strict = false");
        s.execute("INSERT INTO u (k, b) VALUES (3, 'z'), (2, 'w')");
        assertThat(rows("SELECT * FROM u ORDER BY k")).containsExactly(List.of("1", "12", "x", "1"),
                List.of("2", "21", "w", "2"), Arrays.asList("3", null, "z", "7"));
        // the delete sign in the column list deletes the key; a later DELETE combines
        s.execute("INSERT INTO u (k, __DORIS_DELETE_SIGN__) VALUES (2, 1)");
        s.execute("DELETE FROM u WHERE k = 3");
        assertThat(rows("SELECT k, a FROM u ORDER BY k")).containsExactly(List.of("1", "12"));
        // every column named: a whole-row insert
        s.execute("INSERT INTO u (k, a, b, c) VALUES (1, 1, 'full', 9)");
        assertThat(rows("SELECT * FROM u")).containsExactly(List.of("1", "1", "full", "9"));
        // an INSERT without a column list is a whole-row insert too
        s.execute("INSERT INTO u VALUES (4, 40, 'n', 4)");
        assertThat(cluster.checksum("db", "u")).isNotBlank();
    }

    @Test
    void aNewKeyNeedsDefaultsAndTablesOtherThanMergeOnWriteIgnoreTheVariable() throws Exception {
        s.execute("CREATE TABLE strictcol (k INT NOT NULL, a INT NOT NULL, b INT) UNIQUE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        s.execute("CREATE TABLE mor (k INT NOT NULL, a INT, b INT DEFAULT \"5\") UNIQUE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"enable_unique_key_merge_on_write\" = \"false\")");
        s.execute("INSERT INTO mor VALUES (1, 1, 1)");
        s.execute("SET enable_unique_key_partial_update = true");
        s.execute("SET enable_insert_strict = false");
        assertThatThrownBy(() -> s.execute("INSERT INTO strictcol (k, b) VALUES (1, 1)"))
                .hasMessageContaining("the unmentioned columns should have default value or be nullable");
        assertThat(rows("SELECT * FROM strictcol")).isEmpty();
        s.execute("INSERT INTO mor (k, a) VALUES (1, 2)");
        assertThat(rows("SELECT * FROM mor")).containsExactly(List.of("1", "2", "5"));
    }
}
