package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sequence columns of unique tables through Connector/J: the row with the larger sequence value is
 * visible whatever the load order, a tie goes to the later load; Doris's CREATE TABLE and INSERT
 * errors.
 */
class SequenceColumnIT {
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;

    @BeforeEach
    void start() throws SQLException {
        cluster = FakeDorisCluster.builder().name("seq").backends(1).build().start();
        cluster.sql("CREATE DATABASE db");
        conn = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + cluster.mysqlPort() + "/db", cluster.user(),
                cluster.password());
        s = conn.createStatement();
    }

    @AfterEach
    void stop() throws SQLException {
        conn.close();
        cluster.close();
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "," : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void mappedSequenceColumnKeepsTheLargestValuePerKey() throws Exception {
        for (String mow : List.of("true", "false")) {
            String t = "u_" + mow;
            s.execute("CREATE TABLE " + t + " (id INT NOT NULL, v VARCHAR(10), ver BIGINT) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"function_column.sequence_col\" = \"ver\","
                    + " \"enable_unique_key_merge_on_write\" = \"" + mow + "\")");
            s.execute("INSERT INTO " + t + " VALUES (1, 'new', 5), (2, 'two', 1)");
            s.execute("INSERT INTO " + t + " VALUES (1, 'old', 3)");
            s.execute("INSERT INTO " + t + " VALUES (2, 'tie', 1)");
            s.execute("INSERT INTO " + t + " (id, v, ver) VALUES (3, 'a', 10), (3, 'b', 2)");
            assertThat(rows("SELECT id, v, ver FROM " + t + " ORDER BY id")).as(mow)
                    .containsExactly("1,new,5", "2,tie,1", "3,a,10");
            s.execute("DELETE FROM " + t + " WHERE id = 1");
            assertThat(rows("SELECT id FROM " + t + " ORDER BY id")).as(mow).containsExactly("2", "3");
        }
        assertThat(cluster.sql("SHOW CREATE TABLE db.u_true").get(0).get(1))
                .contains("\"function_column.sequence_col\" = \"ver\"");
        // the hidden column is not one of the table's columns
        assertThat(rows("SELECT * FROM u_true ORDER BY id")).containsExactly("2,tie,1", "3,a,10");
    }

    @Test
    void sequenceTypeTakesTheHiddenColumnByName() throws Exception {
        s.execute("CREATE TABLE h (id INT NOT NULL, v VARCHAR(10)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1"
                + " PROPERTIES (\"function_column.sequence_type\" = \"date\")");
        s.execute("INSERT INTO h (id, v, __DORIS_SEQUENCE_COL__) VALUES (1, 'b', '2024-02-01')");
        s.execute("INSERT INTO h (id, v, __DORIS_SEQUENCE_COL__) VALUES (1, 'a', '2024-01-01')");
        assertThat(rows("SELECT * FROM h")).containsExactly("1,b");
        assertThatThrownBy(() -> s.execute("INSERT INTO h VALUES (2, 'x')")).isInstanceOf(SQLException.class)
                .hasMessageContaining("Table h has sequence column, need to specify the sequence column");
        assertThat(rows("SELECT * FROM h")).containsExactly("1,b");
    }

    @Test
    void badSequenceFormsAreDorisErrors() throws Exception {
        for (String[] bad : List.of(
                new String[] {"CREATE TABLE b1 (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"function_column.sequence_type\" = \"int\")", "sequence column only support UNIQUE_KEYS"},
                new String[] {"CREATE TABLE b2 (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"function_column.sequence_col\" = \"nope\")", "The specified sequence column[nope] not exists"},
                new String[] {"CREATE TABLE b3 (k INT, v DOUBLE) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"function_column.sequence_col\" = \"v\")", "Sequence type only support integer types and date types"},
                new String[] {"CREATE TABLE b4 (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"function_column.sequence_type\" = \"double\")", "sequence type only support integer types and date types"},
                new String[] {"CREATE TABLE b5 (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"function_column.sequence_type\" = \"int\", \"function_column.sequence_col\" = \"v\")",
                        "The sequence_col and sequence_type cannot be set at the same time"})) {
            assertThatThrownBy(() -> s.execute(bad[0])).as(bad[0]).isInstanceOf(SQLException.class)
                    .hasMessageContaining(bad[1]);
        }
        assertThat(cluster.tables("db")).isEmpty();
    }
}
