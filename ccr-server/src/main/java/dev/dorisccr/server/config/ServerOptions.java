package dev.dorisccr.server.config;

import dev.dorisccr.store.jdbc.StoreKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Every flag of the Go syncer binary plus those of its start script, in Go's forms ({@code
 * -db_type=mysql}, {@code -db_type mysql}) and GNU's ({@code --db_type mysql}). Flags that have no
 * meaning here are accepted and reported by {@link #resolve} as one warning each. {@link
 * #attach(CommandLine)} adds the {@code -feature_*} flags (from {@link GoFeature}) to a command
 * line that mixes these options in.
 */
public final class ServerOptions {
    /** Environment variable with the store password. */
    public static final String PASSWORD_ENV = "CCR_DB_PASSWORD";
    /** The range {@code -lease_ttl} accepts: a tick (a third) of at least 333 ms, at most 20 min. */
    static final Duration MIN_LEASE_TTL = Duration.ofSeconds(1);
    static final Duration MAX_LEASE_TTL = Duration.ofHours(1);

    @Option(names = {"-db_type", "--db_type"}, paramLabel = "TYPE",
            description = "Metadata store: sqlite3 (default), mysql or postgresql.")
    String dbType = "sqlite3";

    @Option(names = {"-db_dir", "--db_dir"}, paramLabel = "FILE",
            description = "SQLite file (sqlite3 only; default <home>/db/ccr.db).")
    Path dbDir;

    @Option(names = {"-db_host", "--db_host"}, paramLabel = "HOST",
            description = "MySQL/PostgreSQL host (default 127.0.0.1).")
    String dbHost = "127.0.0.1";

    @Option(names = {"-db_port", "--db_port"}, paramLabel = "PORT",
            description = "MySQL/PostgreSQL port (default 3306, 5432 for postgresql).")
    Integer dbPort;

    @Option(names = {"-db_user", "--db_user"}, paramLabel = "USER",
            description = "MySQL/PostgreSQL user (default root).")
    String dbUser;

    @Option(names = {"-db_password", "--db_password"}, paramLabel = "PASSWORD",
            description = "MySQL/PostgreSQL password; visible in ps: prefer " + PASSWORD_ENV + " or -config_file.")
    String dbPassword;

    @Option(names = {"-config_file", "--config_file"}, paramLabel = "FILE",
            description = "key=value store settings (db_type, db_host, db_port, db_user, db_password, db_name) that"
                    + " override the flags, as in the Go syncer (default <home>/conf/db.conf when it exists).")
    Path configFile;

    @Option(names = {"-host", "--host"}, paramLabel = "HOST",
            description = "This syncer's name among syncers (host of host:port; default 127.0.0.1). Not the bind"
                    + " address.")
    String host = "127.0.0.1";

    @Option(names = {"-port", "--port"}, paramLabel = "PORT", description = "HTTP port (default 9190).")
    int port = 9190;

    @Option(names = {"-bind_address", "--bind_address"}, paramLabel = "ADDRESS",
            description = "Address the HTTP server listens on (default 0.0.0.0, every interface, like Go).")
    String bindAddress = "0.0.0.0";

    @Option(names = {"-log_level", "--log_level"}, paramLabel = "LEVEL",
            description = "trace, debug, info (default), warn, error (fatal, panic: error).")
    String logLevel = "info";

    @Option(names = {"-log_filename", "--log_filename"}, paramLabel = "FILE",
            description = "Log file, rotated (default: stdout; <home>/log/ccr_syncer.log with --daemon).")
    Path logFilename;

    @Option(names = {"-log_dir", "--log_dir"}, paramLabel = "FILE",
            description = "start_syncer.sh's name for the log file; a directory gets ccr_syncer.log in it.")
    Path logDir;

    @Option(names = {"-log_also_to_stderr", "--log_also_to_stderr"}, arity = "0..1", fallbackValue = "true",
            paramLabel = "BOOL", description = "With a log file, write every line to stderr too.")
    boolean logAlsoToStderr;

    @Option(names = {"-log_max_size", "--log_max_size"}, paramLabel = "SIZE",
            description = "Roll the log file at this size (default 1GB; KB, MB, GB).")
    String logMaxSize = "1GB";

    @Option(names = {"-log_max_age_days", "--log_max_age_days"}, paramLabel = "DAYS",
            description = "Delete rolled log files older than this (default 7).")
    int logMaxAgeDays = 7;

    @Option(names = {"-log_max_backups", "--log_max_backups"}, paramLabel = "N",
            description = "Keep rolled log files up to N x -log_max_size in total (default 30).")
    int logMaxBackups = 30;

    @Option(names = {"-connect_timeout", "--connect_timeout"}, paramLabel = "DURATION",
            description = "Thrift connect timeout (Go duration, default 10s).")
    String connectTimeout = "10s";

    @Option(names = {"-rpc_timeout", "--rpc_timeout"}, paramLabel = "DURATION",
            description = "Thrift RPC timeout (default 30s).")
    String rpcTimeout = "30s";

    @Option(names = {"-commit_txn_timeout", "--commit_txn_timeout"}, paramLabel = "DURATION",
            description = "Go's commitTxn timeout; here commitTxn runs under -rpc_timeout (warned if different).")
    String commitTxnTimeout;

    @Option(names = {"-max_ingest_concurrency_per_backend", "--max_ingest_concurrency_per_backend"},
            paramLabel = "N", description = "In-flight ingest_binlog calls per target BE, over all jobs (default 48).")
    int maxIngestConcurrencyPerBackend = 48;

    @Option(names = {"-max_ingest_concurrency", "--max_ingest_concurrency"}, paramLabel = "N",
            description = "In-flight ingest_binlog calls in all, over all jobs and BEs (default 256).")
    int maxIngestConcurrency = 256;

    @Option(names = {"-max_sql_connections_per_cluster", "--max_sql_connections_per_cluster"}, paramLabel = "N",
            description = "SQL connections per FE endpoint and user, shared by all jobs (default 16).")
    int maxSqlConnectionsPerCluster = 16;

    @Option(names = {"-binlog_batch_size", "--binlog_batch_size"}, paramLabel = "N",
            description = "Binlogs fetched per getBinlog call (default 100; Go: 16).")
    int binlogBatchSize = 100;

    @Option(names = {"-pipeline_depth", "--pipeline_depth"}, paramLabel = "N",
            description = "Most upserts of a job in flight at once (default 4; 1: one at a time; up to 64). Above 1"
                    + " the next upserts are begun and ingested while one commits; commits stay in order.")
    int pipelineDepth = 4;

    @Option(names = {"-journal_max_age", "--journal_max_age"}, paramLabel = "DURATION",
            description = "Apply journal entries older than this are removed (default 168h).")
    String journalMaxAge = "168h";

    @Option(names = {"-journal_max_entries", "--journal_max_entries"}, paramLabel = "N",
            description = "Apply journal entries kept per job, the newest (default 100000).")
    int journalMaxEntries = 100_000;

    @Option(names = {"-verify_interval", "--verify_interval"}, paramLabel = "DURATION",
            description = "Verify every job this syncer runs this often, as ctl verify does (default 0: never).")
    String verifyInterval = "0";

    @Option(names = {"-lease_ttl", "--lease_ttl"}, paramLabel = "DURATION",
            description = "How long a job lease lives unless renewed, with several syncers on one store (default 15s,"
                    + " 1s to 1h). The syncer ticks every third of it; a dead syncer's jobs move within about 4/3 of it."
                    + " Give every syncer of a store the same value.")
    String leaseTtl = "15s";

    @Option(names = {"-daemon", "--daemon"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Run in the background; return once the HTTP API answers, or say why it does not.")
    boolean daemon;

    @Option(names = {"-pid_dir", "--pid_dir"}, paramLabel = "DIR",
            description = "Write <DIR>/<host>_<port>.pid while running (default <home>/bin with --daemon).")
    Path pidDir;

    @Option(names = {"-start_timeout", "--start_timeout"}, paramLabel = "DURATION",
            description = "How long --daemon waits for the HTTP API (default 60s).")
    String startTimeout = "60s";

    @Option(names = {"-pprof", "--pprof"}, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Go's profiler: not available; true is warned (use JFR or jcmd).")
    boolean pprof;

    @Option(names = {"-pprof_port", "--pprof_port"}, paramLabel = "PORT", description = "Go's profiler port: unused.")
    Integer pprofPort;

    @Option(names = {"-local_repo_name", "--local_repo_name"}, paramLabel = "NAME",
            description = "Unused, as in the Go syncer (the repository is __keep_on_local__); warned when set.")
    String localRepoName;

    @Option(names = {"-mysql_max_allowed_packet", "--mysql_max_allowed_packet"}, paramLabel = "BYTES",
            description = "Go's MySQL client packet limit; the JDBC driver follows the server's (warned).")
    Long mysqlMaxAllowedPacket;

    final Map<GoFeature, Boolean> features = new EnumMap<>(GoFeature.class);

    /**
     * The result of {@link #resolve}: the configuration, the WARN lines for flags that have no effect
     * here, and INFO lines about where settings came from. None contains a password.
     */
    public record Resolved(ServerConfig config, List<String> warnings, List<String> infos) {
        public Resolved {
            warnings = List.copyOf(warnings);
            infos = List.copyOf(infos);
        }
    }

    /** Adds the {@code -feature_*} flags to every command of {@code cl} that mixes in these options. */
    public static CommandLine attach(CommandLine cl) {
        for (CommandLine.Model.CommandSpec mixin : cl.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof ServerOptions o) {
                o.addFeatureFlags(cl.getCommandSpec());
            }
        }
        cl.getSubcommands().values().forEach(ServerOptions::attach);
        return cl;
    }

    private void addFeatureFlags(CommandLine.Model.CommandSpec spec) {
        for (GoFeature f : GoFeature.values()) {
            spec.addOption(OptionSpec.builder("-" + f.flag(), "--" + f.flag())
                    .type(boolean.class)
                    .arity("0..1")
                    .fallbackValue("true")
                    .paramLabel("BOOL")
                    .hidden(true)
                    .description("Go feature switch (Go default " + f.goDefault() + "); here: " + f.behaviour() + ".")
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) {
                                features.put(f, (Boolean) value);
                            }
                            return null;
                        }
                    })
                    .build());
        }
    }

    /** {@link #resolve(Path, Function)} with the real home and environment. */
    public Resolved resolve() {
        return resolve(Home.resolve(), System::getenv);
    }

    /** Checks every flag; the first problem is thrown as {@link IllegalArgumentException}. */
    public Resolved resolve(Path home, Function<String, String> env) {
        List<String> warnings = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        DbConf conf = dbConf(home);
        if (!conf.keysSet().isEmpty()) {
            infos.add("store settings " + String.join(", ", conf.keysSet()) + " read from " + conf.file().orElseThrow());
        }

        String type = conf.get("db_type").orElse(dbType);
        StoreKind kind;
        try {
            kind = StoreKind.parse(type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-db_type must be sqlite3, mysql or postgresql, not \"" + type + "\"");
        }
        String user = conf.get("db_user").orElse(dbUser);
        if (kind == StoreKind.SQLITE3 && user != null && !user.isEmpty()) {
            throw new IllegalArgumentException("-db_user is for mysql/postgresql; sqlite3 has no users");
        }
        int storePort = conf.get("db_port").map(p -> integer("db_port", p))
                .orElse(dbPort != null ? dbPort : kind == StoreKind.POSTGRESQL ? 5432 : 3306);
        checkPort("-db_port", storePort);
        String password = password(conf, env, warnings, infos);
        checkPort("-port", port);
        if (host.isBlank()) {
            throw new IllegalArgumentException("-host is empty");
        }
        Duration rpc = GoDuration.parse("-rpc_timeout", rpcTimeout);
        Duration commit = commitTxnTimeout == null ? Duration.ofSeconds(33)
                : GoDuration.parse("-commit_txn_timeout", commitTxnTimeout);
        if (commitTxnTimeout != null && !commit.equals(rpc)) {
            warnings.add("-commit_txn_timeout=" + commitTxnTimeout + " has no effect: commitTxn runs under -rpc_timeout ("
                    + rpcTimeout + ") like every Thrift call here; set -rpc_timeout to the commit timeout you need.");
        }
        range("-max_ingest_concurrency_per_backend", maxIngestConcurrencyPerBackend, 1, 4096);
        range("-binlog_batch_size", binlogBatchSize, 1, 10_000);
        range("-pipeline_depth", pipelineDepth, 1, 64);
        range("-max_ingest_concurrency", maxIngestConcurrency, 1, 4096);
        range("-max_sql_connections_per_cluster", maxSqlConnectionsPerCluster, 1, 1024);
        range("-journal_max_entries", journalMaxEntries, 1, 100_000_000);
        Duration journalAge = GoDuration.parse("-journal_max_age", journalMaxAge);
        if (journalAge.isNegative() || journalAge.isZero()) {
            throw new IllegalArgumentException("-journal_max_age must be positive: " + journalMaxAge);
        }
        Duration verifyEvery = "0".equals(verifyInterval.trim()) ? Duration.ZERO
                : GoDuration.parse("-verify_interval", verifyInterval);
        if (verifyEvery.isNegative() || (!verifyEvery.isZero() && verifyEvery.compareTo(Duration.ofMinutes(1)) < 0)) {
            throw new IllegalArgumentException("-verify_interval must be 0 (never) or at least 1m: " + verifyInterval);
        }
        Duration lease = GoDuration.parse("-lease_ttl", leaseTtl);
        if (lease.compareTo(MIN_LEASE_TTL) < 0 || lease.compareTo(MAX_LEASE_TTL) > 0) {
            throw new IllegalArgumentException("-lease_ttl must be between 1s and 1h, not " + leaseTtl);
        }
        Path log = logFile(home);
        ServerConfig config = ServerConfig.builder(home)
                .storeKind(kind)
                .sqliteFile(dbDir != null ? dbDir.toAbsolutePath() : home.resolve("db").resolve("ccr.db"))
                .dbHost(conf.get("db_host").orElse(dbHost))
                .dbPort(storePort)
                .dbUser(user == null || user.isEmpty() ? "root" : user)
                .dbPassword(password)
                .dbName(conf.get("db_name").orElse("ccr"))
                .host(host)
                .port(port)
                .bindAddress(bindAddress(bindAddress))
                .logLevel(LogLevel.parse(logLevel))
                .logFile(log)
                .logAlsoToStderr(logAlsoToStderr)
                .logRotation(rotation())
                .connectTimeout(GoDuration.parse("-connect_timeout", connectTimeout))
                .rpcTimeout(rpc)
                .commitTxnTimeout(commit)
                .maxIngestConcurrencyPerBackend(maxIngestConcurrencyPerBackend)
                .binlogBatchSize(binlogBatchSize)
                .pipelineDepth(pipelineDepth)
                .maxIngestConcurrency(maxIngestConcurrency)
                .maxSqlConnectionsPerCluster(maxSqlConnectionsPerCluster)
                .pidDir(pidDir != null ? pidDir.toAbsolutePath() : daemon ? home.resolve("bin") : null)
                .daemon(daemon)
                .startTimeout(GoDuration.parse("-start_timeout", startTimeout))
                .journalRetention(new dev.dorisccr.core.syncer.JournalRetention.Settings(journalAge, journalMaxEntries,
                        dev.dorisccr.core.syncer.JournalRetention.Settings.DEFAULTS.interval()))
                .verifyInterval(verifyEvery)
                .leaseTtl(lease)
                .build();
        goOnlyWarnings(kind, warnings);
        if (logAlsoToStderr && log == null) {
            infos.add("-log_also_to_stderr: no log file, the log goes to stdout");
        }
        return new Resolved(config, warnings, infos);
    }

    private DbConf dbConf(Path home) {
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IllegalArgumentException("-config_file " + configFile + ": no such file");
            }
            return DbConf.read(configFile);
        }
        Path byDefault = home.resolve("conf").resolve("db.conf");
        return Files.isRegularFile(byDefault) ? DbConf.read(byDefault) : DbConf.none();
    }

    private String password(DbConf conf, Function<String, String> env, List<String> warnings, List<String> infos) {
        if (conf.get("db_password").isPresent()) {
            return conf.get("db_password").get();
        }
        if (dbPassword != null && !dbPassword.isEmpty()) {
            warnings.add("-db_password on the command line is visible to every user (ps); put it in " + PASSWORD_ENV
                    + " or in -config_file instead.");
            return dbPassword;
        }
        String fromEnv = env.apply(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            infos.add("store password taken from " + PASSWORD_ENV);
            return fromEnv;
        }
        return "";
    }

    private Path logFile(Path home) {
        Path given = logFilename != null ? logFilename : logDir;
        if (given == null) {
            return daemon ? home.resolve("log").resolve("ccr_syncer.log") : null;
        }
        Path abs = given.toAbsolutePath();
        return Files.isDirectory(abs) ? abs.resolve("ccr_syncer.log") : abs;
    }

    private ServerConfig.LogRotation rotation() {
        range("-log_max_age_days", logMaxAgeDays, 1, 36_500);
        range("-log_max_backups", logMaxBackups, 1, 100_000);
        return new ServerConfig.LogRotation(ByteSize.parse("-log_max_size", logMaxSize), logMaxAgeDays, logMaxBackups);
    }

    private void goOnlyWarnings(StoreKind kind, List<String> warnings) {
        if (pprofPort != null) {
            checkPort("-pprof_port", pprofPort);
        }
        if (pprof) {
            warnings.add("-pprof=true" + (pprofPort != null ? " -pprof_port=" + pprofPort : "") + " has no effect: Go's"
                    + " pprof profiler does not exist in the Java syncer; profile with JDK Flight Recorder"
                    + " (jcmd <pid> JFR.start) or take a heap dump (jcmd <pid> GC.heap_dump <file>).");
        }
        if (localRepoName != null && !localRepoName.isEmpty()) {
            warnings.add("-local_repo_name=" + localRepoName + " has no effect, as in the Go syncer: backups always use"
                    + " the __keep_on_local__ repository. Drop the flag.");
        }
        if (mysqlMaxAllowedPacket != null) {
            if (mysqlMaxAllowedPacket < 1) {
                throw new IllegalArgumentException("-mysql_max_allowed_packet must be positive");
            }
            if (kind == StoreKind.MYSQL) {
                warnings.add("-mysql_max_allowed_packet=" + mysqlMaxAllowedPacket + " has no effect: the JDBC driver"
                        + " uses the MySQL server's max_allowed_packet; raise that on the server if needed.");
            }
        }
        features.forEach((f, v) -> f.warning(v).ifPresent(warnings::add));
    }

    private static String bindAddress(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("-bind_address is empty");
        }
        try {
            return InetAddress.getByName(text.strip()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("-bind_address: unknown host \"" + text + "\"");
        }
    }

    private static int integer(String key, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: \"" + text + "\"");
        }
    }

    private static void checkPort(String flag, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(flag + " out of range: " + value);
        }
    }

    private static void range(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(flag + " must be in [" + min + ", " + max + "], not " + value);
        }
    }
}
