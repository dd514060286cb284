package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * SQLite: one file, WAL journal, one writer. Every transaction starts IMMEDIATE (it takes the write
 * lock at BEGIN) and the pool has one connection, so writers never interleave inside one process;
 * other processes wait up to the busy timeout.
 */
final class SqliteDialect implements Dialect {
    @Override
    public String poolUrl(StoreConfig config) {
        return config.jdbcUrl().orElse("jdbc:sqlite:" + config.sqlitePath().toAbsolutePath());
    }

    @Override
    public String describe(StoreConfig config) {
        return "sqlite " + config.jdbcUrl().orElse(config.sqlitePath().toAbsolutePath().toString());
    }

    @Override
    public Properties driverProperties(StoreConfig config) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("busy_timeout", Long.toString(config.busyTimeout().toMillis()));
        p.setProperty("transaction_mode", "IMMEDIATE");
        return p;
    }

    @Override
    public void prepare(StoreConfig config) throws SQLException {
        if (config.jdbcUrl().isPresent()) {
            return;
        }
        Path parent = config.sqlitePath().toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the directory of the SQLite file " + parent, "08001", e);
        }
    }

    @Override
    public void configurePool(HikariConfig pool, StoreConfig config) {
        pool.setMaximumPoolSize(1);
    }

    @Override
    public List<String> schemaV1() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS ccr_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_jobs (job_name TEXT PRIMARY KEY, spec TEXT NOT NULL,"
                        + " desired_state TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL,"
                        + " updated_at INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_job_secrets (job_name TEXT NOT NULL, secret_name TEXT NOT NULL,"
                        + " secret_value TEXT NOT NULL, PRIMARY KEY (job_name, secret_name))",
                "CREATE TABLE IF NOT EXISTS ccr_progress (job_name TEXT PRIMARY KEY, progress TEXT NOT NULL,"
                        + " fencing_token INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_syncers (address TEXT PRIMARY KEY, heartbeat_at INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_job_leases (job_name TEXT PRIMARY KEY, owner TEXT NOT NULL,"
                        + " fencing_token INTEGER NOT NULL, expires_at INTEGER NOT NULL)");
    }

    @Override
    public List<String> schemaV2() {
        return List.of("CREATE INDEX IF NOT EXISTS ccr_job_leases_owner ON ccr_job_leases (owner, fencing_token)");
    }

    @Override
    public List<String> schemaV3() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS ccr_journal (entry_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " job_name TEXT NOT NULL, commit_seq INTEGER NOT NULL, binlog_type TEXT NOT NULL,"
                        + " tables_list TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL,"
                        + " duration_ms INTEGER NOT NULL, label TEXT NOT NULL, txn_id INTEGER NOT NULL,"
                        + " error_code TEXT NOT NULL, at_ms INTEGER NOT NULL)",
                "CREATE INDEX IF NOT EXISTS ccr_journal_job ON ccr_journal (job_name, entry_id)",
                "CREATE INDEX IF NOT EXISTS ccr_journal_at ON ccr_journal (at_ms)");
    }
    @Override
    public int snapshotIsolation() {
        return java.sql.Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public String lockClause() {
        return "";
    }
}
