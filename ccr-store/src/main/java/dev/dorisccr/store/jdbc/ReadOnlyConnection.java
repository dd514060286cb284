package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * One read-only JDBC connection to a store's database (MySQL) or schema (PostgreSQL) or file
 * (SQLite), for looking without changing anything: no file, database, schema or table is created
 * and no migration runs, unlike {@link Stores#open}.
 */
final class ReadOnlyConnection {
    private ReadOnlyConnection() {}

    /** The connection, or empty when the SQLite file does not exist (a file nobody created yet). */
    static Optional<Connection> open(StoreConfig config, String where) {
        Dialect dialect = Dialect.of(config.kind());
        Properties props = dialect.driverProperties(config);
        if (config.kind() == StoreKind.SQLITE3) {
            if (config.jdbcUrl().isEmpty() && !Files.isRegularFile(config.sqlitePath())) {
                return Optional.empty();
            }
            props = new Properties();
            props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: never creates the file
            props.setProperty("busy_timeout", Long.toString(config.busyTimeout().toMillis()));
        }
        try {
            Connection c = DriverManager.getConnection(dialect.poolUrl(config), props);
            try {
                c.setReadOnly(true);
                if (config.kind() == StoreKind.POSTGRESQL) {
                    c.setSchema(config.database());
                } else if (config.kind() == StoreKind.MYSQL && databaseExists(c, config.database())) {
                    c.setCatalog(config.database());
                }
                return Optional.of(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.toCcr("connect (is it running and reachable?)", where, e);
        }
    }

    /** Whether {@code table} exists where the store's tables live (database, schema or file). */
    static boolean tableExists(Connection c, StoreConfig config, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = config.kind() == StoreKind.MYSQL ? config.database() : null;
        String schema = config.kind() == StoreKind.POSTGRESQL ? config.database() : null;
        try (ResultSet rs = md.getTables(catalog, schema, table, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean databaseExists(Connection c, String database) throws SQLException {
        try (ResultSet rs = c.getMetaData().getCatalogs()) {
            while (rs.next()) {
                if (database.equals(rs.getString(1))) {
                    return true;
                }
            }
            return false;
        }
    }

    static CcrException missing(String what, String where) {
        return new CcrException(ErrorCode.STORE_UNAVAILABLE, what).with("store", where);
    }
}
