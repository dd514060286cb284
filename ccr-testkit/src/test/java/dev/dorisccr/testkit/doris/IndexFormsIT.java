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
 * Index kinds in the column list, bloom filter columns, the row store and unicode comments through
 * Connector/J: SHOW CREATE TABLE / SHOW INDEX as Doris prints them, and Doris's errors for wrong
 * column types, which change nothing.
 */
class IndexFormsIT {
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;
    private SimJdbc db;

    @BeforeEach
    void start() throws SQLException {
        db = SimJdbc.open("idx", "CREATE DATABASE db");
        cluster = db.cluster;
        conn = db.conn;
        s = db.s;
    }

    @AfterEach
    void stop() throws SQLException {
        db.close();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return db.rows(sql);
    }

    @Test
    void indexesRowStoreAndUnicodeCommentsShowAsDoris() throws Exception {
        s.execute("CREATE TABLE t (k INT NOT NULL COMMENT '主键 ✓', txt VARCHAR(100), g STRING, b INT, d DATE,"
                + " INDEX i_txt (txt) USING INVERTED PROPERTIES (\"parser\" = \"english\") COMMENT '全文',"
                + " INDEX i_g (`g`) USING NGRAM_BF PROPERTIES (\"gram_size\" = \"3\", \"bf_size\" = \"256\"),"
                + " INDEX i_b (b) USING BITMAP,"
                + ") UNIQUE KEY(k) COMMENT 'tablé 表' DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"bloom_filter_columns\" = \"d, txt\", \"store_row_column\" = \"true\","
                + " \"row_store_columns\" = \"k,txt\")");
        String ddl = rows("SHOW CREATE TABLE t").get(0).get(1);
        assertThat(ddl).contains("`k` INT NOT NULL COMMENT \"主键 ✓\"")
                .contains("  INDEX i_txt (`txt`) USING INVERTED PROPERTIES(\"lower_case\" = \"true\", \"parser\" ="
                        + " \"english\") COMMENT '全文',\n")
                .contains("  INDEX i_g (`g`) USING NGRAM_BF PROPERTIES(\"bf_size\" = \"256\", \"gram_size\" = \"3\"),\n")
                .contains("  INDEX i_b (`b`) USING BITMAP\n) ENGINE=OLAP")
                .contains("COMMENT 'tablé 表'")
                .contains("\"bloom_filter_columns\" = \"d, txt\"").contains("\"store_row_column\" = \"true\"")
                .contains("\"row_store_columns\" = \"k,txt\"");
        assertThat(rows("SHOW INDEX FROM t")).extracting(r -> r.get(2) + " " + r.get(4) + " " + r.get(10) + " " + r.get(11))
                .containsExactly("i_txt txt INVERTED 全文", "i_g g NGRAM_BF ", "i_b b BITMAP ");
        s.execute("INSERT INTO t VALUES (1, 'hello', 'gg', 3, '2024-01-01')");
        assertThat(rows("SELECT k, txt FROM t")).containsExactly(List.of("1", "hello"));
    }

    @Test
    void wrongIndexFormsAreDorisErrorsThatChangeNothing() throws Exception {
        for (String[] bad : List.of(
                new String[] {"CREATE TABLE b1 (k INT, f DOUBLE, INDEX i (f) USING INVERTED) DUPLICATE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS 1", "DOUBLE is not supported in INVERTED index. invalid index: i"},
                new String[] {"CREATE TABLE b2 (k INT, v INT, INDEX i (v) USING NGRAM_BF PROPERTIES (\"gram_size\" = \"3\","
                        + " \"bf_size\" = \"256\")) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1",
                        "INT is not supported in ngram_bf index. invalid column: v"},
                new String[] {"CREATE TABLE b3 (k INT, v VARCHAR(9), INDEX i (v) USING NGRAM_BF) DUPLICATE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS 1", "ngram_bf index should have gram_size and bf_size properties"},
                new String[] {"CREATE TABLE b4 (k INT, v VARCHAR(9), INDEX i (v) USING NGRAM_BF PROPERTIES (\"gram_size\""
                        + " = \"3\", \"bf_size\" = \"8\")) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1",
                        "bf_size should be integer and between 64 and 65536"},
                new String[] {"CREATE TABLE b5 (k INT, v INT SUM, INDEX i (v) USING BITMAP) AGGREGATE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS 1", "index should only be used in columns of DUP_KEYS/UNIQUE_KEYS"},
                new String[] {"CREATE TABLE b6 (k INT, INDEX i (nope) USING INVERTED) DUPLICATE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS 1", "invalid column: nope"},
                new String[] {"CREATE TABLE b7 (k INT, v BOOLEAN) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"bloom_filter_columns\" = \"v\")", "BOOLEAN is not supported in bloom filter index."
                        + " invalid column: v"},
                new String[] {"CREATE TABLE b8 (k INT, v VARCHAR(5), INDEX i (v) USING NGRAM_BF PROPERTIES (\"gram_size\""
                        + " = \"3\", \"bf_size\" = \"256\")) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"bloom_filter_columns\" = \"v\")",
                        "v should have only one ngram bloom filter index or bloom filter index"},
                new String[] {"CREATE TABLE b9 (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"store_row_column\" = \"true\")", "Aggregate table can't support row column now"},
                new String[] {"CREATE TABLE b10 (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                        + " PROPERTIES (\"row_store_columns\" = \"k,zz\")", "Column does not exist in table. Invalid columns: zz"},
                new String[] {"CREATE TABLE b11 (k INT, v INT, INDEX i (v) USING FROB) DUPLICATE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS 1", "Unsupported index type: FROB"})) {
            assertThatThrownBy(() -> s.execute(bad[0])).as(bad[0]).isInstanceOf(SQLException.class)
                    .hasMessageContaining(bad[1]);
        }
        assertThat(cluster.tables("db")).isEmpty();
    }
}
