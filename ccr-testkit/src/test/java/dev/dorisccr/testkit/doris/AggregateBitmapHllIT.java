package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AGGREGATE KEY tables with every aggregation, BITMAP / HLL columns loaded with to_bitmap,
 * bitmap_empty, hll_hash, hll_empty, and read with bitmap_count, bitmap_union_count,
 * hll_cardinality, hll_union_agg through Connector/J.
 */
class AggregateBitmapHllIT {
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;
    private SimJdbc db;

    @BeforeEach
    void start() throws SQLException {
        db = SimJdbc.open("agg", "CREATE DATABASE db");
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
    void everyAggregationMergesPerKeyAcrossLoads() throws Exception {
        s.execute("CREATE TABLE a (k INT NOT NULL, s BIGINT SUM DEFAULT \"0\", mx INT MAX, mn INT MIN,"
                + " r VARCHAR(5) REPLACE, rn VARCHAR(5) REPLACE_IF_NOT_NULL, u BITMAP BITMAP_UNION,"
                + " h HLL HLL_UNION) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        s.execute("INSERT INTO a VALUES (1, 10, 5, 5, 'a', 'a', to_bitmap(1), hll_hash('x')),"
                + " (2, 1, 1, 1, 'b', 'b', bitmap_empty(), hll_empty())");
        s.execute("INSERT INTO a VALUES (1, 5, 9, 2, 'c', NULL, to_bitmap(7), hll_hash('y')),"
                + " (1, 1, 0, 3, NULL, 'd', to_bitmap(1), hll_hash('x'))");
        assertThat(rows("SELECT k, s, mx, mn, r, rn, bitmap_count(u), hll_cardinality(h) FROM a ORDER BY k"))
                .containsExactly(Arrays.asList("1", "16", "9", "2", null, "d", "2", "2"),
                        Arrays.asList("2", "1", "1", "1", "b", "b", "0", "0"));
        assertThat(rows("SELECT bitmap_union_count(u), hll_union_agg(h), bitmap_count(bitmap_union(u)) FROM a"))
                .containsExactly(List.of("2", "2", "2"));
        assertThat(rows("SELECT bitmap_to_string(u) FROM a WHERE k = 1")).containsExactly(List.of("1,7"));
    }

    @Test
    void bitmapAndHllValueFunctions() throws Exception {
        s.execute("CREATE TABLE d (k INT NOT NULL, u BITMAP BITMAP_UNION) AGGREGATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1");
        s.execute("INSERT INTO d VALUES (1, bitmap_from_string('3,1,2,3')), (2, to_bitmap(-1)), (3, to_bitmap('x'))");
        assertThat(rows("SELECT k, bitmap_count(u) FROM d ORDER BY k")).containsExactly(List.of("1", "3"),
                List.of("2", "0"), List.of("3", "0"));
        assertThat(rows("SELECT hll_cardinality(hll_hash(k)), bitmap_count(to_bitmap(k)) FROM d WHERE k = 1"))
                .containsExactly(List.of("1", "1"));
    }
}
