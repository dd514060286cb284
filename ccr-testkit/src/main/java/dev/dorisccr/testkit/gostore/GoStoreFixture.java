package dev.dorisccr.testkit.gostore;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

/**
 * Builds a Go syncer's metadata store as the Go syncer leaves it (ccr-syncer inventory 6.1): its
 * tables {@code jobs}, {@code progresses}, {@code syncers} with the Go column types per store
 * technology, and rows written the Go way (the progress base64-encoded in MySQL and PostgreSQL,
 * raw JSON in SQLite). The connection must point where the tables go (the file, the database, the
 * schema).
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
 *     GoStoreFixture go = new GoStoreFixture(c, GoStoreFixture.Kind.SQLITE);
 *     go.createTables();
 *     go.addJob("db1", GoJobJson.db("db1", src, dest).toJson(), "127.0.0.1:9190");
 *     go.putProgress("db1", GoProgressJson.incremental("db1", 3, 1200).toJson());
 * }
 * }</pre>
 */
public final class GoStoreFixture {
    /** The Go syncer's {@code -db_type}. */
    public enum Kind {
        SQLITE,
        MYSQL,
        POSTGRESQL
    }

    private final Connection c;
    private final Kind kind;

    public GoStoreFixture(Connection c, Kind kind) {
        this.c = requireNonNull(c, "c is null");
        this.kind = requireNonNull(kind, "kind is null");
    }

    /** The Go syncer's {@code CREATE TABLE IF NOT EXISTS} statements for this kind. */
    public void createTables() throws SQLException {
        List<String> ddl = switch (kind) {
            case SQLITE -> List.of(
                    "CREATE TABLE IF NOT EXISTS jobs (job_name TEXT PRIMARY KEY, job_info TEXT, belong_to TEXT)",
                    "CREATE TABLE IF NOT EXISTS progresses (job_name TEXT PRIMARY KEY, progress TEXT)",
                    "CREATE TABLE IF NOT EXISTS syncers (host_info TEXT PRIMARY KEY, timestamp INTEGER)");
            case MYSQL -> List.of(
                    "CREATE TABLE IF NOT EXISTS jobs (job_name VARCHAR(512) PRIMARY KEY, job_info TEXT,"
                            + " belong_to VARCHAR(96))",
                    "CREATE TABLE IF NOT EXISTS progresses (job_name VARCHAR(512) PRIMARY KEY, progress LONGTEXT)",
                    "CREATE TABLE IF NOT EXISTS syncers (host_info VARCHAR(96) PRIMARY KEY, timestamp BIGINT)");
            case POSTGRESQL -> List.of(
                    "CREATE TABLE IF NOT EXISTS jobs (job_name VARCHAR(512) PRIMARY KEY, job_info TEXT,"
                            + " belong_to VARCHAR(96))",
                    "CREATE TABLE IF NOT EXISTS progresses (job_name VARCHAR(512) PRIMARY KEY, progress TEXT)",
                    "CREATE TABLE IF NOT EXISTS syncers (host_info VARCHAR(96) PRIMARY KEY, timestamp BIGINT)");
        };
        try (Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
    }

    /** {@code AddJob}: the job JSON as it is (Go does not encode it). */
    public void addJob(String name, String jobInfo, String belongTo) throws SQLException {
        update("INSERT INTO jobs (job_name, job_info, belong_to) VALUES (?, ?, ?)", name, jobInfo, belongTo);
    }

    /** {@code UpdateProgress}: base64 of the JSON in MySQL and PostgreSQL, the JSON itself in SQLite. */
    public void putProgress(String name, String progressJson) throws SQLException {
        putRawProgress(name, kind == Kind.SQLITE ? progressJson
                : Base64.getEncoder().encodeToString(progressJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stores {@code stored} in the progress column as it is (to model damaged rows). */
    public void putRawProgress(String name, String stored) throws SQLException {
        update("DELETE FROM progresses WHERE job_name = ?", name);
        update("INSERT INTO progresses (job_name, progress) VALUES (?, ?)", name, stored);
    }

    /** {@code AddSyncer}/{@code RefreshSyncer}: a heartbeat in unix nanoseconds. */
    public void heartbeat(String hostInfo, long unixNanos) throws SQLException {
        update("DELETE FROM syncers WHERE host_info = ?", hostInfo);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO syncers (host_info, timestamp) VALUES (?, ?)")) {
            ps.setString(1, hostInfo);
            ps.setLong(2, unixNanos);
            ps.executeUpdate();
        }
    }

    private void update(String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
