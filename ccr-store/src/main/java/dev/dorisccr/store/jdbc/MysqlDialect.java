package dev.dorisccr.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** MySQL and MariaDB (Connector/J): database {@code ccr} created if missing, InnoDB, utf8mb4_bin. */
final class MysqlDialect implements Dialect {
    private static final int ER_DUP_KEYNAME = 1061;
    private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

    @Override
    public String poolUrl(StoreConfig config) {
        return config.jdbcUrl().orElse("jdbc:mysql://" + config.host() + ":" + config.port() + "/");
    }

    @Override
    public String describe(StoreConfig config) {
        return "mysql " + redact(poolUrl(config)) + " database " + config.database();
    }

    /** The URL without its query string and user info, which may hold credentials. */
    static String redact(String url) {
        int q = url.indexOf('?');
        String noQuery = q < 0 ? url : url.substring(0, q);
        int scheme = noQuery.indexOf("//");
        int at = noQuery.indexOf('@');
        if (scheme >= 0 && at > scheme) {
            return noQuery.substring(0, scheme + 2) + noQuery.substring(at + 1);
        }
        return noQuery;
    }

    @Override
    public Properties driverProperties(StoreConfig config) {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password().reveal());
        p.setProperty("connectTimeout", Long.toString(config.connectTimeout().toMillis()));
        p.setProperty("socketTimeout", "60000");
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectionCollation", "utf8mb4_bin");
        p.setProperty("sslMode", "PREFERRED");
        return p;
    }

    @Override
    public void prepare(StoreConfig config) throws SQLException {
        // The database name is validated by StoreConfig ([A-Za-z_][A-Za-z0-9_]*) and quoted; it
        // cannot be a bind parameter in DDL.
        try (Connection c = DriverManager.getConnection(poolUrl(config), driverProperties(config));
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + config.database() + "` CHARACTER SET utf8mb4"
                    + " COLLATE utf8mb4_bin");
        }
    }

    @Override
    public void configurePool(HikariConfig pool, StoreConfig config) {
        pool.setCatalog(config.database());
        pool.setMaximumPoolSize(config.maxPoolSize());
        // as PostgresDialect: waiters give up after busyTimeout; MariaDB (the executable comment,
        // which MySQL skips) also ends a session idle inside a transaction for that long. Both
        // variables count whole seconds.
        long s = Math.max(1, (config.busyTimeout().toMillis() + 999) / 1000);
        pool.setConnectionInitSql("SET SESSION innodb_lock_wait_timeout = " + s + " /*M!100300 , idle_transaction_timeout = "
                + s + " */");
    }

    @Override
    public SchemaDdl schema() {
        // MySQL has no CREATE INDEX IF NOT EXISTS: the journal's indexes are part of its idempotent CREATE TABLE
        return new SchemaDdl(true, "LONGTEXT", "BIGINT", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY", TABLE_OPTIONS,
                false);
    }

    /** MySQL has no {@code CREATE INDEX IF NOT EXISTS} (MariaDB has): a second run gets ER_DUP_KEYNAME. */
    @Override
    public boolean isAlreadyThere(SQLException e) {
        return e.getErrorCode() == ER_DUP_KEYNAME;
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
