package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
    public SchemaDdl schema() {
        return new SchemaDdl(true, "TEXT", "BIGINT", "BIGSERIAL PRIMARY KEY", "", true);
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
