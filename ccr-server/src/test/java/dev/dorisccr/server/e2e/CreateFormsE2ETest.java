package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CREATE TABLE forms of issue 12 replicated by a database job: auto partitioned tables (range
 * and list) whose new partitions are created by inserts while the job runs, a unique table with a
 * sequence column loaded out of order, an aggregate table, and a table with indexes and a row
 * store. The harness compares every table at close (rows, schema, partitions); the test also
 * compares what it declares (partitioning, indexes, properties) and query results.
 */
class CreateFormsE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE f PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE f");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private void assertSameDeclaration(String table) {
        var s = h.src.tableDef("f", table);
        var d = h.dst.tableDef("f", table);
        assertThat(d.partitionBy().auto()).as("auto partition of %s", table).isEqualTo(s.partitionBy().auto());
        assertThat(d.partitionBy().timeUnit()).as(table).isEqualTo(s.partitionBy().timeUnit());
        assertThat(d.partitionBy().kind()).as(table).isEqualTo(s.partitionBy().kind());
        assertThat(d.indexes()).as("indexes of %s", table).isEqualTo(s.indexes());
        var sp = h.src.tableProperties("f", table);
        var dp = h.dst.tableProperties("f", table);
        for (String k : sp.keySet()) {
            if (k.startsWith("function_column.") || k.startsWith("dynamic_partition.") && !k.endsWith(".enable") || k.startsWith("store_row_column") || k.equals("row_store_columns")
                    || k.equals("bloom_filter_columns")) {
                assertThat(dp).as("properties of %s", table).containsEntry(k, sp.get(k));
            }
        }
    }

    private void query(String sql) {
        assertThat(h.dst.sql(sql)).as(sql).isEqualTo(h.src.sql(sql));
    }

    @Test
    void createFormsReplicateWithTheirBehaviour() {
        h.src.sql("CREATE TABLE f.ev (d DATE NOT NULL, id INT NOT NULL, v VARCHAR(20) COMMENT '事件 ✓')"
                + " DUPLICATE KEY(d, id) COMMENT '按天自动分区'"
                + " AUTO PARTITION BY RANGE (date_trunc(`d`, 'day')) () DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("CREATE TABLE f.city (c VARCHAR(20) NOT NULL, n INT) DUPLICATE KEY(c)"
                + " AUTO PARTITION BY LIST (`c`) () DISTRIBUTED BY HASH(c) BUCKETS 1");
        h.src.sql("CREATE TABLE f.seq (id INT NOT NULL, v VARCHAR(10), ver BIGINT) UNIQUE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"function_column.sequence_col\" = \"ver\","
                + " \"enable_unique_key_merge_on_write\" = \"true\")");
        h.src.sql("CREATE TABLE f.agg (k INT NOT NULL, s BIGINT SUM DEFAULT \"0\", mx INT MAX, mn INT MIN,"
                + " r VARCHAR(5) REPLACE, rn VARCHAR(5) REPLACE_IF_NOT_NULL, u BITMAP BITMAP_UNION, h HLL HLL_UNION)"
                + " AGGREGATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 2");
        h.src.sql("CREATE TABLE f.idx (k INT NOT NULL, t VARCHAR(50), g VARCHAR(20), b INT,"
                + " INDEX i_t (t) USING INVERTED PROPERTIES (\"parser\" = \"english\") COMMENT 'full text',"
                + " INDEX i_g (g) USING NGRAM_BF PROPERTIES (\"gram_size\" = \"3\", \"bf_size\" = \"256\"),"
                + " INDEX i_b (b) USING BITMAP COMMENT 'bm')"
                + " DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2"
                + " PROPERTIES (\"bloom_filter_columns\" = \"t\", \"store_row_column\" = \"true\")");
        h.src.sql("INSERT INTO f.ev VALUES ('2024-01-01', 1, 'a'), ('2024-01-02', 2, 'b')");
        h.src.sql("INSERT INTO f.city VALUES ('Beijing', 1), ('上海', 2)");
        h.src.sql("INSERT INTO f.seq VALUES (1, 'v5', 5), (2, 'v1', 1)");
        h.src.sql("INSERT INTO f.agg VALUES (1, 10, 1, 1, 'a', 'a', to_bitmap(1), hll_hash('u1')),"
                + " (2, 5, 5, 5, 'b', 'b', bitmap_empty(), hll_empty())");
        h.src.sql("CREATE TABLE f.dyn (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d)"
                + " (PARTITION p20240101 VALUES LESS THAN (\"2024-01-02\")) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"dynamic_partition.enable\" = \"true\", \"dynamic_partition.time_unit\" = \"DAY\","
                + " \"dynamic_partition.start\" = \"-3\", \"dynamic_partition.end\" = \"3\","
                + " \"dynamic_partition.prefix\" = \"p\", \"dynamic_partition.buckets\" = \"1\")");
        h.src.sql("INSERT INTO f.dyn VALUES ('2024-01-01', 1)");
        h.src.sql("INSERT INTO f.idx VALUES (1, 'hello world', 'abc', 7)");
        h.create(h.createBody("forms", "f", "", "f", ""));
        h.run(Duration.ofMinutes(2));
        for (String t : List.of("ev", "city", "seq", "agg", "idx", "dyn")) {
            h.assertSameTable("f", t, "f", t);
            assertSameDeclaration(t);
        }

        // while the job runs: new auto partitions, out-of-order sequence values, aggregation
        h.src.sql("INSERT INTO f.ev VALUES ('2024-01-02', 3, 'c'), ('2024-02-10', 4, 'd'), ('2023-12-31', 5, 'e')");
        h.src.sql("INSERT INTO f.city VALUES ('Beijing', 3), ('New York', 4), ('東京', 5)");
        h.src.sql("INSERT INTO f.seq VALUES (1, 'v3', 3), (2, 'v2', 2), (3, 'v9', 9)");
        h.src.sql("INSERT INTO f.seq VALUES (3, 'v4', 4)");
        h.src.sql("INSERT INTO f.agg VALUES (1, 1, 9, 0, 'c', NULL, to_bitmap(7), hll_hash('u2')),"
                + " (1, 0, 0, 5, 'c', NULL, to_bitmap(1), hll_hash('u1')), (3, 1, 1, 1, NULL, 'z', to_bitmap(3), hll_empty())");
        h.src.sql("INSERT INTO f.idx VALUES (2, 'second row', 'xyz', 8)");
        h.run(Duration.ofMinutes(2));

        assertThat(h.src.partitions("f", "ev")).containsExactlyInAnyOrder("p20240101000000", "p20240102000000",
                "p20240210000000", "p20231231000000");
        assertThat(h.src.sql("SELECT id, v, ver FROM f.seq ORDER BY id")).containsExactly(List.of("1", "v5", "5"),
                List.of("2", "v2", "2"), List.of("3", "v9", "9"));
        assertThat(h.src.sql("SELECT k, s, mx, mn, r, rn FROM f.agg ORDER BY k")).containsExactly(
                java.util.Arrays.asList("1", "11", "9", "0", "c", "a"), java.util.Arrays.asList("2", "5", "5", "5", "b", "b"),
                java.util.Arrays.asList("3", "1", "1", "1", null, "z"));
        for (String t : List.of("ev", "city", "seq", "agg", "idx", "dyn")) {
            h.assertSameTable("f", t, "f", t);
            assertSameDeclaration(t);
        }
        query("SELECT id, v, ver FROM f.seq ORDER BY id");
        query("SELECT k, s, mx, mn, r, rn FROM f.agg ORDER BY k");
        query("SELECT k, bitmap_count(u), hll_cardinality(h) FROM f.agg ORDER BY k");
        query("SELECT bitmap_union_count(u), hll_union_agg(h) FROM f.agg");
        assertThat(h.dst.sql("SELECT k, bitmap_count(u), hll_cardinality(h) FROM f.agg ORDER BY k")).containsExactly(
                List.of("1", "2", "2"), List.of("2", "0", "0"), List.of("3", "1", "0"));
        // dynamic partitioning stays off on the target while it is synced (restore without reserve_dynamic_partition_enable)
        assertThat(h.src.tableProperties("f", "dyn")).containsEntry("dynamic_partition.enable", "true");
        query("SELECT d, count(*) FROM f.ev GROUP BY d ORDER BY d");
        query("SHOW INDEX FROM f.idx");
    }

    @Test
    void tablesCreatedWhileTheJobRunsAreReplayedFromTheirCreateTableText() {
        h.src.sql("CREATE TABLE f.first (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        h.create(h.createBody("forms_late", "f", "", "f", ""));
        h.run(Duration.ofMinutes(2));

        h.src.sql("CREATE TABLE f.ev2 (ts DATETIME NOT NULL, id INT NOT NULL, v VARCHAR(20) COMMENT 'ünïcödé')"
                + " DUPLICATE KEY(ts, id) COMMENT '表注释' AUTO PARTITION BY RANGE (date_trunc(`ts`, 'month')) ()"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("CREATE TABLE f.city2 (c VARCHAR(20) NOT NULL, n INT) DUPLICATE KEY(c)"
                + " AUTO PARTITION BY LIST (`c`) () DISTRIBUTED BY HASH(c) BUCKETS 1");
        h.src.sql("CREATE TABLE f.seq2 (id INT NOT NULL, v VARCHAR(10), ver DATE) UNIQUE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"function_column.sequence_col\" = \"ver\")");
        h.src.sql("CREATE TABLE f.idx2 (k INT NOT NULL, t VARCHAR(50), g VARCHAR(20),"
                + " INDEX i_t (t) USING INVERTED PROPERTIES (\"parser\" = \"unicode\"),"
                + " INDEX i_g (g) USING NGRAM_BF PROPERTIES (\"gram_size\" = \"2\", \"bf_size\" = \"1024\") COMMENT 'ng')"
                + " UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"store_row_column\" = \"true\", \"row_store_columns\" = \"k,t\","
                + " \"bloom_filter_columns\" = \"t\")");
        h.src.sql("CREATE TABLE f.dyn2 (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"DAY\","
                + " \"dynamic_partition.end\" = \"2\", \"dynamic_partition.prefix\" = \"p\")");
        assertThat(h.src.partitions("f", "dyn2")).hasSize(3); // the first run right after CREATE, three ADD_PARTITIONs
        h.src.sql("INSERT INTO f.ev2 VALUES ('2024-01-31 23:59:59', 1, 'a'), ('2024-02-01 00:00:00', 2, 'b')");
        h.src.sql("INSERT INTO f.city2 VALUES ('Paris', 1), ('Zürich', 2)");
        h.src.sql("INSERT INTO f.seq2 VALUES (1, 'new', '2024-05-01'), (2, 'x', '2024-01-01')");
        h.src.sql("INSERT INTO f.seq2 VALUES (1, 'old', '2024-04-01'), (2, 'y', '2024-01-01')");
        h.src.sql("INSERT INTO f.idx2 VALUES (1, 'some text', 'gg')");
        h.run(Duration.ofMinutes(2));
        h.src.sql("INSERT INTO f.ev2 VALUES ('2024-03-15 12:00:00', 3, 'c')");
        h.src.sql("INSERT INTO f.city2 VALUES ('Oslo', 3)");
        h.run(Duration.ofMinutes(2));

        assertThat(h.src.partitions("f", "ev2")).containsExactlyInAnyOrder("p20240101000000", "p20240201000000",
                "p20240301000000");
        assertThat(h.src.sql("SELECT id, v FROM f.seq2 ORDER BY id")).containsExactly(List.of("1", "new"),
                List.of("2", "y"));
        for (String t : List.of("ev2", "city2", "seq2", "idx2", "dyn2")) {
            h.assertSameTable("f", t, "f", t);
            assertSameDeclaration(t);
        }
        query("SELECT id, v, ver FROM f.seq2 ORDER BY id");
    }

    @Test
    void partitionsTheDynamicPartitionSchedulerAddsAndDropsReplicate() {
        h.src.sql("CREATE TABLE f.hourly (ts DATETIME NOT NULL, k INT) DUPLICATE KEY(ts) PARTITION BY RANGE(ts) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"HOUR\","
                + " \"dynamic_partition.start\" = \"-1\", \"dynamic_partition.end\" = \"2\","
                + " \"dynamic_partition.prefix\" = \"h\")");
        List<String> first = h.src.partitions("f", "hourly");
        assertThat(first).hasSize(3); // offsets 0..2 at CREATE, as Doris's first run
        h.create(h.createBody("dyn_job", "f", "", "f", ""));
        h.run(Duration.ofMinutes(2));
        h.assertSameTable("f", "hourly", "f", "hourly");
        assertThat(h.dst.tableProperties("f", "hourly")).containsEntry("dynamic_partition.enable", "false");

        h.run(Duration.ofHours(2));
        List<String> changes = h.src.runDynamicPartitionScheduler();
        assertThat(changes).hasSize(3).anyMatch(c -> c.startsWith("-f.hourly.")); // 2 added, the expired first dropped
        assertThat(h.dst.runDynamicPartitionScheduler()).isEmpty(); // the target is being synced
        h.run(Duration.ofMinutes(2));
        assertThat(h.dst.partitions("f", "hourly")).containsExactlyElementsOf(h.src.partitions("f", "hourly"))
                .doesNotContain(first.get(0));
        h.assertSameTable("f", "hourly", "f", "hourly");
    }
}
