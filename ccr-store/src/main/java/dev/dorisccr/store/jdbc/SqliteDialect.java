package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
    public SchemaDdl schema() {
        return new SchemaDdl(false, "TEXT", "INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT", "", true);
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
