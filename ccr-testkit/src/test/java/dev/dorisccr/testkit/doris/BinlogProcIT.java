package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.testkit.time.ManualClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SHOW PROC '/binlog'} through Connector/J, checked against Doris's FE: {@code
 * common/proc/BinlogProcDir} answers {@code BinlogManager.getBinlogInfo()} (the 13 TITLE_NAMES),
 * one row per {@code DBBinlog} with binlog on ({@code DBBinlog.getBinlogInfo}: type "db", the
 * length counting the leading dummy, the committed times in epoch ms from the binlogs with a
 * timestamp), else one row per {@code TableBinlog} ({@code TableBinlog.getBinlogInfo}, "db.table");
 * {@code ShowProcStmt.analyze} refuses a user without ADMIN with error 1227.
 */
class BinlogProcIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private FakeDorisCluster cluster;
    private Connection conn;
    private Statement s;

    @BeforeEach
    void start() throws SQLException {
        cluster = FakeDorisCluster.builder().name("binlogproc").clock(clock).build().start();
        conn = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + cluster.mysqlPort() + "/", cluster.user(),
                cluster.password());
        s = conn.createStatement();
        s.execute("CREATE DATABASE dbon PROPERTIES (\"binlog.enable\" = \"true\", \"binlog.ttl_seconds\" = \"60\")");
        s.execute("CREATE TABLE dbon.t (k INT NOT NULL, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        s.execute("CREATE DATABASE dboff");
        s.execute("CREATE TABLE dboff.a (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"binlog.enable\" = \"true\")");
        s.execute("CREATE TABLE dboff.b (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
    }

    @AfterEach
    void stop() throws SQLException {
        conn.close();
        cluster.close();
    }

    private List<Map<String, String>> proc() throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW PROC '/binlog'")) {
            List<Map<String, String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            List<String> labels = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                labels.add(rs.getMetaData().getColumnLabel(i));
            }
            assertThat(labels).containsExactly("Name", "Type", "Id", "Dropped", "BinlogLength", "BinlogSize",
                    "FirstBinlogCommittedTime", "ReadableFirstBinlogCommittedTime", "LastBinlogCommittedTime",
                    "ReadableLastBinlogCommittedTime", "BinlogTtlSeconds", "BinlogMaxBytes", "BinlogMaxHistoryNums");
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(labels.get(i - 1), rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    private Map<String, String> row(String name) throws SQLException {
        return proc().stream().filter(r -> r.get("Name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name));
    }

    @Test
    void aDatabaseWithBinlogHasOneDbRowAndOneWithoutHasARowPerTableWithBinlog() throws Exception {
        // a CREATE TABLE binlog goes to the database's stream only (DBBinlog.addBinlog): no table row yet
        assertThat(proc()).extracting(r -> r.get("Name") + "/" + r.get("Type")).containsExactly("dbon/db");
        s.execute("INSERT INTO dboff.a VALUES (1)");
        assertThat(proc()).extracting(r -> r.get("Name") + "/" + r.get("Type"))
                .containsExactlyInAnyOrder("dbon/db", "dboff.a/table");
        Map<String, String> db = row("dbon");
        assertThat(db).containsEntry("Id", Long.toString(cluster.databaseId("dbon"))).containsEntry("Dropped", "false")
                .containsEntry("BinlogTtlSeconds", "60").containsEntry("BinlogMaxBytes", Long.toString(Long.MAX_VALUE))
                .containsEntry("BinlogMaxHistoryNums", Long.toString(Long.MAX_VALUE));
        // the CREATE TABLE binlog plus the dummy; a DDL binlog on 3.0 has the FE's wall clock as timestamp
        assertThat(db.get("BinlogLength")).isEqualTo("2");
        assertThat(db.get("LastBinlogCommittedTime")).isEqualTo(Long.toString(clock.millis()));
        assertThat(db.get("ReadableLastBinlogCommittedTime")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        Map<String, String> a = row("dboff.a");
        assertThat(a).containsEntry("Id", Long.toString(cluster.tableId("dboff", "a")))
                .containsEntry("BinlogTtlSeconds", "86400");
    }

    @Test
    void aLoadMovesTheLengthSizeAndLastTimeAndGcShrinksIt() throws Exception {
        Map<String, String> before = row("dbon");
        clock.advance(Duration.ofSeconds(5));
        s.execute("INSERT INTO dbon.t VALUES (1, 1)");
        Map<String, String> after = row("dbon");
        assertThat(Long.parseLong(after.get("BinlogLength"))).isEqualTo(Long.parseLong(before.get("BinlogLength")) + 1);
        assertThat(Long.parseLong(after.get("BinlogSize"))).isGreaterThan(Long.parseLong(before.get("BinlogSize")));
        assertThat(after.get("LastBinlogCommittedTime")).isEqualTo(Long.toString(clock.millis()));
        assertThat(after.get("FirstBinlogCommittedTime")).isEqualTo(before.get("FirstBinlogCommittedTime"));

        clock.advance(Duration.ofSeconds(58)); // the CREATE TABLE is past its 60 s TTL, the insert is not
        cluster.gcBinlogs();
        Map<String, String> gc = row("dbon");
        assertThat(gc.get("BinlogLength")).isEqualTo("2");
        assertThat(gc.get("FirstBinlogCommittedTime")).isEqualTo(after.get("LastBinlogCommittedTime"));
        assertThat(gc.get("LastBinlogCommittedTime")).isEqualTo(after.get("LastBinlogCommittedTime"));

        clock.advance(Duration.ofSeconds(120));
        cluster.gcBinlogs();
        Map<String, String> empty = row("dbon");
        assertThat(empty.get("BinlogLength")).isEqualTo("1"); // the dummy only
        assertThat(empty.get("FirstBinlogCommittedTime")).isNull();
        assertThat(empty.get("LastBinlogCommittedTime")).isNull();
    }

    @Test
    void aTableRowCountsItsOwnStreamOnly() throws Exception {
        s.execute("INSERT INTO dboff.a VALUES (1)");
        s.execute("INSERT INTO dboff.b VALUES (1)"); // no binlog: neither b nor its database has it on
        Map<String, String> a = row("dboff.a");
        assertThat(a.get("BinlogLength")).isEqualTo("2"); // the load and the dummy: CREATE TABLE is not in it
        assertThat(a.get("LastBinlogCommittedTime")).isNotNull();
    }

    @Test
    void withoutAdminEveryShowProcAnswersDorisError1227() throws Exception {
        cluster.setAdminPrivilege(false);
        assertThatThrownBy(this::proc).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(1227);
            assertThat(e.getMessage()).isEqualTo("errCode = 2, detailMessage = Access denied; you need (at least one of)"
                    + " the ADMIN privilege(s) for this operation");
        });
        assertThatThrownBy(() -> s.executeQuery("SHOW PROC '/dbs'")).isInstanceOf(SQLException.class);
        cluster.setAdminPrivilege(true);
        assertThat(proc()).isNotEmpty();
        assertThat(cluster.binlogProcReads()).isEqualTo(1);
    }
}
