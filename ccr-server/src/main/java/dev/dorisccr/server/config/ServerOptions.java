package dev.dorisccr.server.config;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The Go syncer's command-line flags, accepted both in Go's single-dash form ({@code
 * -db_type=mysql}) and as {@code --db_type mysql}, so existing start scripts keep working.
 * {@link #toConfig()} validates them into a {@link ServerConfig}.
 */
public final class ServerOptions {
    @Option(names = {"--db_type", "-db_type"}, defaultValue = "sqlite3",
            description = "Metadata store: sqlite3 (default), mysql or postgresql.")
    String dbType;

    @Option(names = {"--db_dir", "-db_dir"}, defaultValue = "db/ccr.db", description = "SQLite file (sqlite3 only).")
    Path dbDir;

    @Option(names = {"--db_host", "-db_host"}, defaultValue = "127.0.0.1", description = "MySQL/PostgreSQL host.")
    String dbHost;

    @Option(names = {"--db_port", "-db_port"}, description = "MySQL/PostgreSQL port (3306 / 5432 by default).")
    Integer dbPort;

    @Option(names = {"--db_user", "-db_user"}, description = "MySQL/PostgreSQL user (root by default).")
    String dbUser;

    @Option(names = {"--db_password", "-db_password"}, defaultValue = "",
            description = "MySQL/PostgreSQL password; prefer the CCR_DB_PASSWORD environment variable.")
    String dbPassword;

    @Option(names = {"--host", "-host"}, defaultValue = "127.0.0.1",
            description = "This syncer's name in the cluster of syncers (host part of host:port).")
    String host;

    @Option(names = {"--port", "-port"}, defaultValue = "9190", description = "HTTP port.")
    int port;

    @Option(names = {"--log_level", "-log_level"}, defaultValue = "info",
            description = "trace, debug, info, warn, error.")
    String logLevel;

    @Option(names = {"--log_filename", "-log_filename"}, description = "Log file; stdout when absent.")
    Path logFilename;

    @Option(names = {"--connect_timeout", "-connect_timeout"}, defaultValue = "10s",
            description = "Thrift connect timeout (Go duration, e.g. 10s).")
    String connectTimeout;

    @Option(names = {"--rpc_timeout", "-rpc_timeout"}, defaultValue = "30s", description = "Thrift RPC timeout.")
    String rpcTimeout;

    @Option(names = {"--commit_txn_timeout", "-commit_txn_timeout"}, defaultValue = "33s",
            description = "commitTxn RPC timeout.")
    String commitTxnTimeout;

    @Option(names = {"--max_ingest_concurrency_per_backend", "-max_ingest_concurrency_per_backend"},
            defaultValue = "48", description = "In-flight ingest_binlog calls per job and target BE.")
    int maxIngestConcurrencyPerBackend;

    /** Checks every flag; the first problem is thrown as {@link IllegalArgumentException}. */
    public ServerConfig toConfig() {
        StoreKind kind;
        try {
            kind = StoreKind.parse(dbType);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--db_type must be sqlite3, mysql or postgresql, not \"" + dbType + "\"");
        }
        int resolvedPort = dbPort != null ? dbPort : kind == StoreKind.POSTGRESQL ? 5432 : 3306;
        if (kind == StoreKind.SQLITE3 && dbUser != null && !dbUser.isEmpty()) {
            throw new IllegalArgumentException("--db_user is for mysql/postgresql; sqlite3 has no users");
        }
        checkPort("--db_port", resolvedPort);
        checkPort("--port", port);
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host is empty");
        }
        if (maxIngestConcurrencyPerBackend < 1 || maxIngestConcurrencyPerBackend > 4096) {
            throw new IllegalArgumentException("--max_ingest_concurrency_per_backend must be in [1, 4096]");
        }
        return new ServerConfig(kind, dbDir, dbHost, resolvedPort, dbUser == null ? "root" : dbUser, dbPassword,
                host, port, LogLevel.parse(logLevel), logFilename,
                GoDuration.parse("--connect_timeout", connectTimeout),
                GoDuration.parse("--rpc_timeout", rpcTimeout),
                GoDuration.parse("--commit_txn_timeout", commitTxnTimeout),
                maxIngestConcurrencyPerBackend);
    }

    private static void checkPort(String flag, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(flag + " out of range: " + value);
        }
    }

    /** Parses Go's duration syntax ({@code 10s}, {@code 1m30s}, {@code 500ms}). */
    static final class GoDuration {
        private GoDuration() {}

        static Duration parse(String flag, String text) {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException(flag + " is empty");
            }
            Duration total = Duration.ZERO;
            int i = 0;
            while (i < text.length()) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    throw new IllegalArgumentException(flag + ": not a duration: \"" + text + "\" (e.g. 10s, 1m30s)");
                }
                long n = Long.parseLong(text.substring(start, Math.min(i, start + 12)));
                int unitStart = i;
                while (i < text.length() && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                String unit = text.substring(unitStart, i);
                switch (unit) {
                    case "ms": total = total.plusMillis(n); break;
                    case "s": total = total.plusSeconds(n); break;
                    case "m": total = total.plusMinutes(n); break;
                    case "h": total = total.plusHours(n); break;
                    default:
                        throw new IllegalArgumentException(flag + ": unknown unit \"" + unit + "\" in \"" + text
                                + "\" (ms, s, m, h)");
                }
            }
            if (total.isZero()) {
                throw new IllegalArgumentException(flag + " must be positive");
            }
            return total;
        }
    }
}
