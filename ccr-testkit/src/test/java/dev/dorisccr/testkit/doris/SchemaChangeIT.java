package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema change as Doris runs it, through Connector/J: light changes (MODIFY_TABLE_ADD_OR_DROP_COLUMNS),
 * heavy ones as alter jobs with shadow indexes (ALTER_JOB PENDING, WAITING_TXN, FINISHED), rollups
 * and sync materialized views, SHOW ALTER TABLE rows, and Doris's refusals.
 */
class SchemaChangeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualScheduler clock = new ManualScheduler(); // 2023-11-14 22:13:20 UTC
    private SimJdbc sim;
    private FakeDorisCluster cluster;
    private Statement s;

    @BeforeEach
    void start() throws SQLException {
        sim = SimJdbc.open(FakeDorisCluster.builder().name("sc").clock(clock).backends(2),
                "CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")", "db");
        cluster = sim.cluster;
        s = sim.s;
        s.execute("CREATE TABLE dup (k INT NOT NULL, k2 INT NOT NULL, v VARCHAR(10), n INT) DUPLICATE KEY(k, k2)"
                + " PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (\"100\")) DISTRIBUTED BY HASH(k) BUCKETS 2");
        s.execute("CREATE TABLE uniq (id INT NOT NULL, name VARCHAR(10), score INT) UNIQUE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2 PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        s.executeUpdate("INSERT INTO dup VALUES (1, 10, 'a', 5), (2, 20, 'b', 6)");
        s.executeUpdate("INSERT INTO uniq VALUES (1, 'x', 1), (2, 'y', 2)");
    }

    @AfterEach
    void stop() throws SQLException {
        sim.close();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return sim.rows(sql);
    }

    private List<Map<String, String>> maps(String sql) throws SQLException {
        return sim.maps(sql);
    }

    private List<JsonNode> binlogs(int type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (SimBinlog b : cluster.binlogs("db")) {
            if (b.type() == type) {
                out.add(JSON.readTree(b.data()));
            }
        }
        return out;
    }

    private void assertError(String sql, String message) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getMessage()).as(sql).contains(message));
    }

    private List<String> columns(String table) {
        List<String> out = new ArrayList<>();
        cluster.tableDef("db", table).columns().forEach(c -> out.add(c.name() + (c.key() ? "*" : "")));
        return out;
    }

    @Test
    void valueColumnsAreLightAndKeepTheRows() throws Exception {
        s.execute("ALTER TABLE dup ADD COLUMN c INT DEFAULT \"7\" AFTER v, ADD COLUMN (d VARCHAR(5), e BIGINT)");
        s.execute("ALTER TABLE dup DROP COLUMN n");
        s.execute("ALTER TABLE dup MODIFY COLUMN v VARCHAR(20)");
        assertThat(columns("dup")).containsExactly("k*", "k2*", "v", "c", "d", "e");
        assertThat(rows("SELECT * FROM dup ORDER BY k")).containsExactly(Arrays.asList("1", "10", "a", "7", null, null),
                Arrays.asList("2", "20", "b", "7", null, null));
        List<JsonNode> light = binlogs(SimBinlog.MODIFY_TABLE_ADD_OR_DROP_COLUMNS);
        assertThat(light).hasSize(3);
        assertThat(light.get(0).path("rawSql").asText())
                .isEqualTo("ALTER TABLE `db`.`dup` ADD COLUMN c INT DEFAULT \"7\" AFTER v, ADD COLUMN (d VARCHAR(5), e BIGINT)");
        assertThat(binlogs(SimBinlog.ALTER_JOB)).isEmpty();
        assertThat(rows("SHOW ALTER TABLE COLUMN")).isEmpty();
    }

    @Test
    void keyColumnsTypeChangesAndReorderingAreAlterJobsWithShadowIndexes() throws Exception {
        long baseBefore = cluster.tableId("db", "dup");
        s.execute("ALTER TABLE dup ADD COLUMN k3 INT KEY DEFAULT \"0\" AFTER k2");
        assertThat(columns("dup")).containsExactly("k*", "k2*", "k3*", "v", "n");
        s.execute("ALTER TABLE dup MODIFY COLUMN n BIGINT");
        s.execute("ALTER TABLE dup ORDER BY (k, k2, k3, n, v)");
        s.execute("ALTER TABLE dup DROP COLUMN k3");
        assertThat(columns("dup")).containsExactly("k*", "k2*", "n", "v");
        assertThat(rows("SELECT k, n, v FROM dup ORDER BY k")).containsExactly(List.of("1", "5", "a"), List.of("2", "6", "b"));
        assertThat(cluster.tableId("db", "dup")).isEqualTo(baseBefore);

        List<JsonNode> jobs = binlogs(SimBinlog.ALTER_JOB);
        assertThat(jobs).extracting(j -> j.path("jobState").asText()).containsExactly("PENDING", "WAITING_TXN",
                "FINISHED", "PENDING", "WAITING_TXN", "FINISHED", "PENDING", "WAITING_TXN", "FINISHED", "PENDING",
                "WAITING_TXN", "FINISHED");
        JsonNode modify = jobs.get(5);
        assertThat(modify.path("type").asText()).isEqualTo("SCHEMA_CHANGE");
        assertThat(modify.path("rawSql").asText()).isEqualTo("ALTER TABLE `db`.`dup` MODIFY COLUMN n BIGINT");
        assertThat(modify.path("iim").size()).isEqualTo(1);
        assertThat(jobs.get(3).path("iim")).isEqualTo(modify.path("iim")); // the job's map from PENDING on

        List<Map<String, String>> show = maps("SHOW ALTER TABLE COLUMN FROM db WHERE TableName = \"dup\""
                + " ORDER BY JobId DESC LIMIT 1");
        assertThat(show).hasSize(1);
        assertThat(show.get(0).keySet()).containsExactly("JobId", "TableName", "CreateTime", "FinishTime", "IndexName",
                "IndexId", "OriginIndexId", "SchemaVersion", "TransactionId", "State", "Msg", "Progress", "Timeout");
        assertThat(show.get(0)).containsEntry("IndexName", "dup").containsEntry("State", "FINISHED")
                .containsEntry("CreateTime", "2023-11-14 22:13:20").containsEntry("Timeout", "86400");
        assertThat(rows("SHOW ALTER TABLE COLUMN WHERE State = \"FINISHED\"")).hasSize(4);
        assertThat(rows("SHOW ALTER TABLE COLUMN WHERE CreateTime > \"2025-03-02\"")).isEmpty();
        assertThat(rows("SHOW ALTER TABLE COLUMN LIMIT 1, 2")).hasSize(2);
    }

    @Test
    void rowsFromBeforeAnAddedKeyColumnReadItsDefaultAndMergeWithLaterRows() throws Exception {
        s.execute("CREATE TABLE agg (k INT NOT NULL, s BIGINT SUM DEFAULT \"0\") AGGREGATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1");
        s.executeUpdate("INSERT INTO agg VALUES (1, 5), (1, 6), (2, 1)");
        s.execute("ALTER TABLE agg ADD COLUMN k2 INT KEY DEFAULT \"0\"");
        s.executeUpdate("INSERT INTO agg VALUES (1, 1, 100), (1, 0, 1)");
        assertThat(rows("SELECT k, k2, s FROM agg ORDER BY k, k2")).containsExactly(List.of("1", "0", "12"),
                List.of("1", "1", "100"), List.of("2", "0", "1"));
        s.executeUpdate("DELETE FROM agg WHERE k2 = 0");
        assertThat(rows("SELECT k, k2, s FROM agg")).containsExactly(List.of("1", "1", "100"));

        s.execute("ALTER TABLE uniq ADD COLUMN k2 INT KEY DEFAULT \"7\" AFTER id");
        s.executeUpdate("INSERT INTO uniq VALUES (1, 7, 'x2', 9)");
        assertThat(rows("SELECT id, k2, name FROM uniq ORDER BY id")).containsExactly(List.of("1", "7", "x2"),
                List.of("2", "7", "y"));
    }

    @Test
    void aJobWithADurationRunsOnTheClockAndHoldsTheTable() throws Exception {
        cluster.setAlterJobDuration(Duration.ofMinutes(1));
        s.execute("ALTER TABLE uniq MODIFY COLUMN score BIGINT");
        assertThat(maps("SHOW ALTER TABLE COLUMN").get(0)).containsEntry("State", "RUNNING")
                .containsEntry("FinishTime", "NULL").containsEntry("Progress", "0/2");
        assertError("ALTER TABLE uniq ADD COLUMN z INT", "Table[uniq]'s state(SCHEMA_CHANGE) is not NORMAL."
                + " Do not allow doing ALTER ops");
        s.executeUpdate("INSERT INTO uniq VALUES (3, 'z', 3)"); // loads go on during a schema change
        assertThat(binlogs(SimBinlog.ALTER_JOB)).extracting(j -> j.path("jobState").asText())
                .containsExactly("PENDING", "WAITING_TXN");
        clock.runFor(Duration.ofMinutes(1));
        assertThat(maps("SHOW ALTER TABLE COLUMN").get(0)).containsEntry("State", "FINISHED")
                .containsEntry("FinishTime", "2023-11-14 22:14:20");
        assertThat(rows("SELECT * FROM uniq ORDER BY id")).containsExactly(List.of("1", "x", "1"),
                List.of("2", "y", "2"), List.of("3", "z", "3"));
        assertThat(cluster.tableDef("db", "uniq").columns().get(2).type()).isEqualTo("BIGINT");

        s.execute("ALTER TABLE uniq ADD COLUMN w INT");
        assertError("CANCEL ALTER TABLE COLUMN FROM uniq", "No job to cancel"); // the light change made no job
    }

    @Test
    void cancelledJobsChangeNothing() throws Exception {
        cluster.setAlterJobDuration(Duration.ofMinutes(1));
        s.execute("ALTER TABLE dup MODIFY COLUMN n BIGINT");
        s.execute("CANCEL ALTER TABLE COLUMN FROM dup");
        clock.runFor(Duration.ofMinutes(2));
        assertThat(maps("SHOW ALTER TABLE COLUMN").get(0)).containsEntry("State", "CANCELLED")
                .containsEntry("Msg", "user cancelled");
        assertThat(cluster.tableDef("db", "dup").columns().get(3).type()).isEqualTo("INT");
        s.execute("ALTER TABLE dup ADD COLUMN x INT");
        assertError("CANCEL ALTER TABLE COLUMN FROM dup", "No job to cancel");
    }

    @Test
    void rollupsAndMaterializedViewsAreRollupJobs() throws Exception {
        s.execute("ALTER TABLE dup ADD ROLLUP r1 (k, v)");
        s.execute("CREATE MATERIALIZED VIEW mv1 AS SELECT k, sum(n) FROM dup GROUP BY k");
        List<JsonNode> jobs = binlogs(SimBinlog.ALTER_JOB);
        assertThat(jobs).extracting(j -> j.path("type").asText() + " " + j.path("jobState").asText()).containsExactly(
                "ROLLUP PENDING", "ROLLUP WAITING_TXN", "ROLLUP FINISHED", "ROLLUP PENDING", "ROLLUP WAITING_TXN",
                "ROLLUP FINISHED");
        JsonNode mv = jobs.get(5);
        assertThat(mv.path("rollUpIndexName").asText()).isEqualTo("mv1");
        assertThat(mv.path("baseIndexName").asText()).isEqualTo("dup");
        assertThat(mv.path("baseIndexid").asLong()).isPositive();
        assertThat(mv.path("rawSql").asText()).isEqualTo("CREATE MATERIALIZED VIEW mv1 AS SELECT k, sum(n) FROM dup"
                + " GROUP BY k");
        List<Map<String, String>> show = maps("SHOW ALTER TABLE MATERIALIZED VIEW FROM db ORDER BY CreateTime");
        assertThat(show).extracting(m -> m.get("RollupIndexName")).containsExactly("r1", "mv1");
        assertThat(show.get(0).keySet()).containsExactly("JobId", "TableName", "CreateTime", "FinishTime",
                "BaseIndexName", "RollupIndexName", "RollupId", "TransactionId", "State", "Msg", "Progress", "Timeout");
        assertThat(rows("SHOW ALTER TABLE ROLLUP WHERE RollupIndexName = \"r1\"")).hasSize(1);

        assertError("ALTER TABLE dup DROP COLUMN n", "Can not drop column contained by mv, mv=mv1");
        assertError("CREATE MATERIALIZED VIEW mv1 AS SELECT k FROM dup", "already exists");
        s.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS mv1 AS SELECT k FROM dup");
        assertError("DROP MATERIALIZED VIEW r1 ON dup", "does not exist in table [dup]");
        s.execute("DROP MATERIALIZED VIEW mv1 ON dup");
        s.execute("DROP MATERIALIZED VIEW IF EXISTS mv1 ON dup");
        s.execute("ALTER TABLE dup DROP ROLLUP r1");
        assertThat(binlogs(SimBinlog.DROP_ROLLUP)).extracting(j -> j.path("indexName").asText()).containsExactly("mv1", "r1");
        assertThat(rows("SELECT * FROM dup ORDER BY k")).hasSize(2);
    }

    @Test
    void dorisRefusalsChangeNothing() throws Exception {
        String before = cluster.sql("SHOW CREATE TABLE db.dup").get(0).get(1);
        int binlogs = cluster.binlogs("db").size();
        assertError("ALTER TABLE uniq DROP COLUMN id", "Can not drop key column in Unique data model table");
        assertError("ALTER TABLE dup DROP COLUMN k", "Partition column[k] cannot be dropped. index[dup]");
        assertError("ALTER TABLE dup DROP COLUMN nope", "Column does not exists: nope");
        assertError("ALTER TABLE dup MODIFY COLUMN n SMALLINT", "Can not change INT to SMALLINT");
        assertError("ALTER TABLE dup MODIFY COLUMN v VARCHAR(5)", "Cannot shorten string length");
        assertError("ALTER TABLE dup MODIFY COLUMN k BIGINT KEY", "Can not modify partition column[k]. index[dup]");
        assertError("ALTER TABLE dup MODIFY COLUMN v VARCHAR(10)", "Nothing is changed. please check your alter stmt.");
        assertError("ALTER TABLE dup MODIFY COLUMN n INT NOT NULL", "Can not change from nullable to non-nullable");
        assertError("ALTER TABLE dup ADD COLUMN v INT", "Can not add column which already exists in base table: v");
        assertError("ALTER TABLE dup ADD COLUMN z INT SUM", "Can not assign aggregation method on column in Duplicate"
                + " data model table: z");
        assertError("ALTER TABLE dup ADD COLUMN z INT FIRST", "Cannot add value column[z] at first");
        assertError("ALTER TABLE dup ADD COLUMN z INT KEY AFTER v", "Invalid column order. value should be after key.");
        assertError("ALTER TABLE dup ADD COLUMN z INT AFTER nope", "Column[nope] does not found");
        assertError("ALTER TABLE dup ORDER BY (k, v)", "Reorder stmt should contains all columns");
        assertError("ALTER TABLE dup ORDER BY (k, k2, k2, v)", "Reduplicative column[k2]");
        assertError("ALTER TABLE dup ORDER BY (v, k, k2, n)", "Invalid column order. value should be after key.");
        assertError("ALTER TABLE uniq MODIFY COLUMN name VARCHAR(20) REPLACE", "Can not assign aggregation method on"
                + " column in Unique data model table: name");
        assertError("ALTER TABLE dup ADD COLUMN z INT TO r1", "not supported by the simulator");
        assertThat(cluster.sql("SHOW CREATE TABLE db.dup").get(0).get(1)).isEqualTo(before);
        assertThat(cluster.binlogs("db")).hasSize(binlogs);
    }

    @Test
    void lightSchemaChangeOffMakesEveryChangeAJob() throws Exception {
        s.execute("CREATE TABLE heavy (k INT NOT NULL, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"light_schema_change\" = \"false\")");
        s.execute("ALTER TABLE heavy ADD COLUMN w INT");
        assertThat(binlogs(SimBinlog.MODIFY_TABLE_ADD_OR_DROP_COLUMNS)).isEmpty();
        assertThat(binlogs(SimBinlog.ALTER_JOB)).hasSize(3);
    }
}
