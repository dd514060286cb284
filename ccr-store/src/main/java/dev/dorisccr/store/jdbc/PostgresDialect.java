package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** PostgreSQL: schema {@code ccr} (like the Go syncer) created if missing in the connected database. */
final class PostgresDialect implements Dialect {
    @Override
    public String poolUrl(StoreConfig config) {
        return config.jdbcUrl().orElse("jdbc:postgresql://" + config.host() + ":" + config.port() + "/postgres");
    }

    @Override
    public String describe(StoreConfig config) {
        return "postgresql " + MysqlDialect.redact(poolUrl(config)) + " schema " + config.database();
    }

    @Override
    public Properties driverProperties(StoreConfig config) {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password().reveal());
        long seconds = Math.max(1, config.connectTimeout().toSeconds());
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        p.setProperty("socketTimeout", "60");
        p.setProperty("ApplicationName", "ccr-syncer");
        return p;
    }

    @Override
    public void prepare(StoreConfig config) throws SQLException {
        // The schema name is validated by StoreConfig and quoted; DDL takes no bind parameters.
        try (Connection c = DriverManager.getConnection(poolUrl(config), driverProperties(config));
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + config.database() + "\"");
        }
    }

    @Override
    public void configurePool(HikariConfig pool, StoreConfig config) {
        pool.setSchema(config.database());
        pool.setMaximumPoolSize(config.maxPoolSize());
        // a syncer frozen inside a transaction (GC, SIGSTOP, a VM pause) must not hold the fencing
        // sequence row for ever: the server ends such a session after busyTimeout, and a waiter
        // gives up after as long instead of blocking every other syncer's lease tick
        long ms = Math.max(1, config.busyTimeout().toMillis());
        pool.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + ms + "; SET lock_timeout = " + ms);
    }

    @Override
    public List<String> schemaV1() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS ccr_sequence (name VARCHAR(64) PRIMARY KEY, value BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_jobs (job_name VARCHAR(255) PRIMARY KEY, spec TEXT NOT NULL,"
                        + " desired_state VARCHAR(16) NOT NULL, version BIGINT NOT NULL, created_at BIGINT NOT NULL,"
                        + " updated_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_job_secrets (job_name VARCHAR(255) NOT NULL,"
                        + " secret_name VARCHAR(255) NOT NULL, secret_value TEXT NOT NULL,"
                        + " PRIMARY KEY (job_name, secret_name))",
                "CREATE TABLE IF NOT EXISTS ccr_progress (job_name VARCHAR(255) PRIMARY KEY, progress TEXT NOT NULL,"
                        + " fencing_token BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_syncers (address VARCHAR(255) PRIMARY KEY,"
                        + " heartbeat_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS ccr_job_leases (job_name VARCHAR(255) PRIMARY KEY,"
                        + " owner VARCHAR(255) NOT NULL, fencing_token BIGINT NOT NULL, expires_at BIGINT NOT NULL)");
    }

    @Override
    public List<String> schemaV2() {
        return List.of("CREATE INDEX IF NOT EXISTS ccr_job_leases_owner ON ccr_job_leases (owner, fencing_token)");
    }

    @Override
    public List<String> schemaV3() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS ccr_journal (entry_id BIGSERIAL PRIMARY KEY,"
                        + " job_name VARCHAR(255) NOT NULL, commit_seq BIGINT NOT NULL, binlog_type VARCHAR(64) NOT NULL,"
                        + " tables_list TEXT NOT NULL, outcome VARCHAR(16) NOT NULL, detail TEXT NOT NULL,"
                        + " duration_ms BIGINT NOT NULL, label TEXT NOT NULL, txn_id BIGINT NOT NULL,"
                        + " error_code VARCHAR(64) NOT NULL, at_ms BIGINT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS ccr_journal_job ON ccr_journal (job_name, entry_id)",
                "CREATE INDEX IF NOT EXISTS ccr_journal_at ON ccr_journal (at_ms)");
    }
    @Override
    public int snapshotIsolation() {
        return Connection.TRANSACTION_REPEATABLE_READ;
    }

    @Override
    public String lockClause() {
        return " FOR UPDATE";
    }
}
