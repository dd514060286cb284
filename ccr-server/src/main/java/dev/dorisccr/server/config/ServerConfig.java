package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A validated server configuration. {@link #toString()} hides the store password.
 *
 * @param storeKind metadata store
 * @param sqliteFile the SQLite file (sqlite3 only)
 * @param dbHost MySQL/PostgreSQL host
 * @param dbPort MySQL/PostgreSQL port
 * @param dbUser MySQL/PostgreSQL user
 * @param dbPassword MySQL/PostgreSQL password (never printed)
 * @param host this syncer's host name in the syncer cluster
 * @param port HTTP port
 * @param logLevel log level
 * @param logFile log file, null for stdout
 * @param connectTimeout Thrift connect timeout
 * @param rpcTimeout Thrift RPC timeout
 * @param commitTxnTimeout commitTxn timeout
 * @param maxIngestConcurrencyPerBackend per job and target BE
 */
public record ServerConfig(StoreKind storeKind, Path sqliteFile, String dbHost, int dbPort, String dbUser,
        String dbPassword, String host, int port, LogLevel logLevel, Path logFile, Duration connectTimeout,
        Duration rpcTimeout, Duration commitTxnTimeout, int maxIngestConcurrencyPerBackend) {
    public ServerConfig {
        requireNonNull(storeKind, "storeKind is null");
        requireNonNull(sqliteFile, "sqliteFile is null");
        requireNonNull(dbHost, "dbHost is null");
        requireNonNull(dbUser, "dbUser is null");
        requireNonNull(dbPassword, "dbPassword is null");
        requireNonNull(host, "host is null");
        requireNonNull(logLevel, "logLevel is null");
    }

    /** This syncer's identity among syncers sharing a store. */
    public String hostPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "ServerConfig[store=" + storeKind.name().toLowerCase(java.util.Locale.ROOT)
                + (storeKind == StoreKind.SQLITE3 ? " file=" + sqliteFile : " " + dbUser + "@" + dbHost + ":" + dbPort)
                + ", syncer=" + hostPort() + ", logLevel=" + logLevel + "]";
    }
}
