package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated server configuration, built by {@link ServerOptions#toConfig} or {@link #builder}.
 * {@link #toString()} never shows the store password.
 *
 * @param home the distribution root (the parent of {@code bin/}); relative defaults resolve here
 * @param storeKind metadata store
 * @param sqliteFile the SQLite file (sqlite3 only)
 * @param dbHost MySQL/PostgreSQL host
 * @param dbPort MySQL/PostgreSQL port
 * @param dbUser MySQL/PostgreSQL user
 * @param dbPassword MySQL/PostgreSQL password (never printed)
 * @param dbName MySQL database / PostgreSQL schema holding the syncer's tables
 * @param host this syncer's host name in the syncer cluster (its identity, not the bind address)
 * @param port HTTP port
 * @param bindAddress the address the HTTP server listens on ({@code 0.0.0.0}: every interface)
 * @param logLevel level of the syncer's own loggers
 * @param logFile log file, empty for stdout
 * @param logAlsoToStderr with a log file, also write every line to stderr
 * @param logRotation size, age and count limits of the rotated log files
 * @param connectTimeout Thrift connect timeout
 * @param rpcTimeout Thrift RPC timeout
 * @param commitTxnTimeout commitTxn timeout as given (commitTxn runs under {@code rpcTimeout})
 * @param maxIngestConcurrencyPerBackend in-flight ingest calls per target BE, over all jobs
 * @param binlogBatchSize binlogs fetched per getBinlog call
 * @param pipelineDepth most upserts of a job in flight at once (1: one at a time)
 * @param pidDir where {@code <host>_<port>.pid} is written, empty for no pid file
 * @param daemon start in the background and return once the HTTP API answers
 * @param startTimeout how long {@code --daemon} waits for the HTTP API
 * @param maxIngestConcurrency in-flight ingest calls in all, over all jobs and BEs
 * @param maxSqlConnectionsPerCluster SQL connections per FE endpoint and credentials, shared by all jobs
 * @param journalRetention how long and how many apply journal entries are kept
 * @param verifyInterval the time between two periodic verifications of every job, zero for none
 * @param leaseTtl how long a job lease lives unless renewed (HA); the syncer ticks every third of it
 */
public record ServerConfig(Path home, StoreKind storeKind, Path sqliteFile, String dbHost, int dbPort, String dbUser,
        String dbPassword, String dbName, String host, int port, String bindAddress, LogLevel logLevel,
        Optional<Path> logFile, boolean logAlsoToStderr, LogRotation logRotation, Duration connectTimeout,
        Duration rpcTimeout, Duration commitTxnTimeout, int maxIngestConcurrencyPerBackend, int binlogBatchSize,
        int pipelineDepth, Optional<Path> pidDir, boolean daemon, Duration startTimeout, int maxIngestConcurrency,
        int maxSqlConnectionsPerCluster, dev.dorisccr.core.syncer.JournalRetention.Settings journalRetention,
        Duration verifyInterval, Duration leaseTtl) {
    public ServerConfig {
        requireNonNull(leaseTtl, "leaseTtl is null");
        new dev.dorisccr.core.ha.HaSettings(leaseTtl); // validates the range
        requireNonNull(verifyInterval, "verifyInterval is null");
        if (verifyInterval.isNegative()) {
            throw new IllegalArgumentException("verifyInterval < 0");
        }
        requireNonNull(journalRetention, "journalRetention is null");
        requireNonNull(home, "home is null");
        requireNonNull(storeKind, "storeKind is null");
        requireNonNull(sqliteFile, "sqliteFile is null");
        requireNonNull(dbHost, "dbHost is null");
        requireNonNull(dbUser, "dbUser is null");
        requireNonNull(dbPassword, "dbPassword is null");
        requireNonNull(dbName, "dbName is null");
        requireNonNull(host, "host is null");
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(logFile, "logFile is null");
        requireNonNull(logRotation, "logRotation is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(rpcTimeout, "rpcTimeout is null");
        requireNonNull(commitTxnTimeout, "commitTxnTimeout is null");
        requireNonNull(pidDir, "pidDir is null");
        requireNonNull(startTimeout, "startTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxIngestConcurrencyPerBackend < 1) {
            throw new IllegalArgumentException("maxIngestConcurrencyPerBackend < 1");
        }
        if (binlogBatchSize < 1) {
            throw new IllegalArgumentException("binlogBatchSize < 1");
        }
        if (pipelineDepth < 1) {
            throw new IllegalArgumentException("pipelineDepth < 1");
        }
        if (maxIngestConcurrency < 1) {
            throw new IllegalArgumentException("maxIngestConcurrency < 1");
        }
        if (maxSqlConnectionsPerCluster < 1) {
            throw new IllegalArgumentException("maxSqlConnectionsPerCluster < 1");
        }
    }

    /**
     * Limits of the rotated log files, like the Go syncer's lumberjack settings.
     *
     * @param maxFileBytes a file rolls over at this size
     * @param maxAgeDays rolled files older than this are deleted
     * @param maxBackups at most this many rolled files are kept
     */
    public record LogRotation(long maxFileBytes, int maxAgeDays, int maxBackups) {
        /** 1 GiB, 7 days, 30 files: the Go syncer's. */
        public static final LogRotation GO_DEFAULTS = new LogRotation(1L << 30, 7, 30);

        public LogRotation {
            if (maxFileBytes < 1024) {
                throw new IllegalArgumentException("maxFileBytes < 1 KiB");
            }
            if (maxAgeDays < 1) {
                throw new IllegalArgumentException("maxAgeDays < 1");
            }
            if (maxBackups < 1) {
                throw new IllegalArgumentException("maxBackups < 1");
            }
        }
    }

    /** A builder with the Go syncer's defaults, the sqlite file under {@code home/db}. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** This syncer's identity among syncers sharing a store. */
    public String hostPort() {
        return host + ":" + port;
    }

    /** {@code <pidDir>/<host>_<port>.pid}, when a pid directory is set. */
    public Optional<Path> pidFile() {
        return pidDir.map(d -> d.resolve(host + "_" + port + ".pid"));
    }

    /** The store, without its password: {@code sqlite3 file=...} or {@code mysql root@h:3306/ccr}. */
    public String storeDescription() {
        String kind = storeKind.name().toLowerCase(Locale.ROOT);
        return storeKind == StoreKind.SQLITE3 ? kind + " file=" + sqliteFile
                : kind + " " + dbUser + "@" + dbHost + ":" + dbPort + "/" + dbName
                        + (dbPassword.isEmpty() ? " (no password)" : " (password set)");
    }

    /** A copy with another HTTP port (tests, and port 0 resolved after binding). */
    public ServerConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(home);
        b.storeKind = storeKind;
        b.sqliteFile = sqliteFile;
        b.dbHost = dbHost;
        b.dbPort = dbPort;
        b.dbUser = dbUser;
        b.dbPassword = dbPassword;
        b.dbName = dbName;
        b.host = host;
        b.port = port;
        b.bindAddress = bindAddress;
        b.logLevel = logLevel;
        b.logFile = logFile.orElse(null);
        b.logAlsoToStderr = logAlsoToStderr;
        b.logRotation = logRotation;
        b.connectTimeout = connectTimeout;
        b.rpcTimeout = rpcTimeout;
        b.commitTxnTimeout = commitTxnTimeout;
        b.maxIngestConcurrencyPerBackend = maxIngestConcurrencyPerBackend;
        b.binlogBatchSize = binlogBatchSize;
        b.pipelineDepth = pipelineDepth;
        b.pidDir = pidDir.orElse(null);
        b.daemon = daemon;
        b.startTimeout = startTimeout;
        b.maxIngestConcurrency = maxIngestConcurrency;
        b.maxSqlConnectionsPerCluster = maxSqlConnectionsPerCluster;
        b.journalRetention = journalRetention;
        b.verifyInterval = verifyInterval;
        b.leaseTtl = leaseTtl;
        return b;
    }

    @Override
    public String toString() {
        return "ServerConfig[store=" + storeDescription() + ", syncer=" + hostPort() + ", listen=" + bindAddress + ":"
                + port + ", logLevel=" + logLevel + ", logFile=" + logFile.map(Path::toString).orElse("stdout")
                + ", pidFile=" + pidFile().map(Path::toString).orElse("-") + ", home=" + home + "]";
    }

    /** Builder; every field starts at the Go syncer's default. */
    public static final class Builder {
        private final Path home;
        private StoreKind storeKind = StoreKind.SQLITE3;
        private Path sqliteFile;
        private String dbHost = "127.0.0.1";
        private int dbPort = 3306;
        private String dbUser = "root";
        private String dbPassword = "";
        private String dbName = "ccr";
        private String host = "127.0.0.1";
        private int port = 9190;
        private String bindAddress = "0.0.0.0";
        private LogLevel logLevel = LogLevel.INFO;
        private Path logFile;
        private boolean logAlsoToStderr;
        private LogRotation logRotation = LogRotation.GO_DEFAULTS;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration rpcTimeout = Duration.ofSeconds(30);
        private Duration commitTxnTimeout = Duration.ofSeconds(33);
        private int maxIngestConcurrencyPerBackend = 48;
        private int binlogBatchSize = 100;
        private int pipelineDepth = 4;
        private int maxIngestConcurrency = 256;
        private int maxSqlConnectionsPerCluster = 16;
        private dev.dorisccr.core.syncer.JournalRetention.Settings journalRetention =
                dev.dorisccr.core.syncer.JournalRetention.Settings.DEFAULTS;
        private Duration verifyInterval = Duration.ZERO;
        private Duration leaseTtl = dev.dorisccr.core.ha.HaSettings.DEFAULT_LEASE_TTL;
        private Path pidDir;
        private boolean daemon;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder(Path home) {
            this.home = requireNonNull(home, "home is null");
            this.sqliteFile = home.resolve("db").resolve("ccr.db");
        }

        public Builder storeKind(StoreKind v) {
            storeKind = v;
            return this;
        }

        public Builder sqliteFile(Path v) {
            sqliteFile = v;
            return this;
        }

        public Builder dbHost(String v) {
            dbHost = v;
            return this;
        }

        public Builder dbPort(int v) {
            dbPort = v;
            return this;
        }

        public Builder dbUser(String v) {
            dbUser = v;
            return this;
        }

        public Builder dbPassword(String v) {
            dbPassword = v;
            return this;
        }

        public Builder dbName(String v) {
            dbName = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder logLevel(LogLevel v) {
            logLevel = v;
            return this;
        }

        public Builder logFile(Path v) {
            logFile = v;
            return this;
        }

        public Builder logAlsoToStderr(boolean v) {
            logAlsoToStderr = v;
            return this;
        }

        public Builder logRotation(LogRotation v) {
            logRotation = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder rpcTimeout(Duration v) {
            rpcTimeout = v;
            return this;
        }

        public Builder commitTxnTimeout(Duration v) {
            commitTxnTimeout = v;
            return this;
        }

        public Builder maxIngestConcurrencyPerBackend(int v) {
            maxIngestConcurrencyPerBackend = v;
            return this;
        }

        public Builder binlogBatchSize(int v) {
            binlogBatchSize = v;
            return this;
        }

        public Builder pipelineDepth(int v) {
            pipelineDepth = v;
            return this;
        }

        public Builder pidDir(Path v) {
            pidDir = v;
            return this;
        }

        public Builder daemon(boolean v) {
            daemon = v;
            return this;
        }

        public Builder startTimeout(Duration v) {
            startTimeout = v;
            return this;
        }

        public Builder maxIngestConcurrency(int v) {
            maxIngestConcurrency = v;
            return this;
        }

        public Builder maxSqlConnectionsPerCluster(int v) {
            maxSqlConnectionsPerCluster = v;
            return this;
        }

        public Builder journalRetention(dev.dorisccr.core.syncer.JournalRetention.Settings v) {
            journalRetention = v;
            return this;
        }

        /** The time between two periodic verifications of every job; zero (the default) for none. */
        public Builder verifyInterval(Duration v) {
            verifyInterval = v;
            return this;
        }

        /** How long a job lease lives unless renewed (default 15 s); the HA tick is a third of it. */
        public Builder leaseTtl(Duration v) {
            leaseTtl = v;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(home, storeKind, sqliteFile, dbHost, dbPort, dbUser, dbPassword, dbName, host, port,
                    bindAddress, logLevel, Optional.ofNullable(logFile), logAlsoToStderr, logRotation, connectTimeout,
                    rpcTimeout, commitTxnTimeout, maxIngestConcurrencyPerBackend, binlogBatchSize,
                    pipelineDepth, Optional.ofNullable(pidDir), daemon, startTimeout, maxIngestConcurrency,
                    maxSqlConnectionsPerCluster, journalRetention, verifyInterval, leaseTtl);
        }
    }
}
