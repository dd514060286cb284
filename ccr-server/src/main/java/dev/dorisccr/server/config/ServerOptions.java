package dev.dorisccr.server.config;

import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.syncer.JournalRetention;
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
import java.util.Optional;
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
 *
 * <p>A new flag: its {@code @Option} field, a component of the one {@link ServerConfig} group of its concern
 * ({@link StoreSettings}, {@link HttpSettings}, {@link LogSettings}, {@link ProcessSettings}, {@link RpcSettings},
 * {@link PacingSettings}, {@link ApplySettings}, {@link AuditSettings}; a new concern is a new group), and its
 * check in that group's method here; {@code ServerOptionsTest} gets a row, {@code docs/cli.md} is regenerated.
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
            description = "Most upserts of a job in flight at once (default 8; 1: one at a time; up to 64). Above 1"
                    + " the next upserts are begun and ingested while one commits; commits stay in order.")
    int pipelineDepth = JobMachine.Config.PIPELINE_DEPTH;

    @Option(names = {"-lookahead_threads", "--lookahead_threads"}, paramLabel = "N",
            description = "Threads all jobs share to begin and ingest upserts ahead of their turn (default 32; up to"
                    + " 1024). A job short of one applies without lookahead.")
    int lookaheadThreads = 32;

    @Option(names = {"-parallel_table_commits", "--parallel_table_commits"}, arity = "0..1", fallbackValue = "true",
            paramLabel = "BOOL", description = "Let an upsert begun ahead also commit ahead of its turn when no"
                    + " earlier upsert of its db job not committed yet shares a table (default false: commits in"
                    + " commit seq order). A reader of the target may then see states the source never had.")
    boolean parallelTableCommits;

    @Option(names = {"-journal_max_age", "--journal_max_age"}, paramLabel = "DURATION",
            description = "Apply journal entries older than this are removed (default 168h).")
    String journalMaxAge = "168h";

    @Option(names = {"-journal_max_entries", "--journal_max_entries"}, paramLabel = "N",
            description = "Apply journal entries kept per job, the newest (default 100000).")
    int journalMaxEntries = 100_000;

    @Option(names = {"-verify_interval", "--verify_interval"}, paramLabel = "DURATION",
            description = "Verify every job this syncer runs this often, as ctl verify does (default 0: never).")
    String verifyInterval = "0";

    @Option(names = {"-binlog_probe_interval", "--binlog_probe_interval"}, paramLabel = "DURATION",
            description = "One SHOW PROC '/binlog' per source cluster this often wakes the jobs whose source has new"
                    + " binlogs (default 250ms; a cluster with more than 500 binlog databases/tables is read less often,"
                    + " at most 2,000 rows a second; needs ADMIN, else the jobs poll on their own; 0: off, each job"
                    + " polls).")
    String binlogProbeInterval = "250ms";
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

        // one method per group, in this order: the first bad flag is the one reported
        ServerConfig config = ServerConfig.builder(home)
                .store(store(home, conf, env, warnings, infos))
                .http(http())
                .rpc(rpc(warnings))
                .apply(apply())
                .pacing(pacing())
                .audit(audit())
                .lease(lease())
                .log(log(home))
                .process(process(home))
                .build();
        goOnlyWarnings(config.store().kind(), warnings);
        if (logAlsoToStderr && config.log().file().isEmpty()) {
            infos.add("-log_also_to_stderr: no log file, the log goes to stdout");
        }
        return new Resolved(config, warnings, infos);
    }

    /** {@code -db_*} and {@code db.conf}; {@code db.conf} wins over the flags. */
    private StoreSettings store(Path home, DbConf conf, Function<String, String> env, List<String> warnings,
            List<String> infos) {
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
        return new StoreSettings(kind, dbDir != null ? dbDir.toAbsolutePath() : home.resolve("db").resolve("ccr.db"),
                conf.get("db_host").orElse(dbHost), storePort, user == null || user.isEmpty() ? "root" : user,
                password, conf.get("db_name").orElse("ccr"));
    }

    /** {@code -host}, {@code -port}, {@code -bind_address}. */
    private HttpSettings http() {
        checkPort("-port", port);
        if (host.isBlank()) {
            throw new IllegalArgumentException("-host is empty");
        }
        return new HttpSettings(host, port, bindAddress(bindAddress));
    }

    /** The Thrift timeouts; a {@code -commit_txn_timeout} other than {@code -rpc_timeout} is warned. */
    private RpcSettings rpc(List<String> warnings) {
        Duration rpc = GoDuration.parse("-rpc_timeout", rpcTimeout);
        Duration commit = commitTxnTimeout == null ? Duration.ofSeconds(33)
                : GoDuration.parse("-commit_txn_timeout", commitTxnTimeout);
        if (commitTxnTimeout != null && !commit.equals(rpc)) {
            warnings.add("-commit_txn_timeout=" + commitTxnTimeout + " has no effect: commitTxn runs under -rpc_timeout ("
                    + rpcTimeout + ") like every Thrift call here; set -rpc_timeout to the commit timeout you need.");
        }
        return new RpcSettings(GoDuration.parse("-connect_timeout", connectTimeout), rpc, commit);
    }

    /**
     * {@code -pipeline_depth}, {@code -lookahead_threads}, {@code -parallel_table_commits} and the
     * ingest and SQL connection limits.
     */
    private ApplySettings apply() {
        range("-max_ingest_concurrency_per_backend", maxIngestConcurrencyPerBackend, 1, 4096);
        range("-pipeline_depth", pipelineDepth, 1, 64);
        range("-lookahead_threads", lookaheadThreads, 1, 1024);
        range("-max_ingest_concurrency", maxIngestConcurrency, 1, 4096);
        range("-max_sql_connections_per_cluster", maxSqlConnectionsPerCluster, 1, 1024);
        return new ApplySettings(pipelineDepth, maxIngestConcurrencyPerBackend, maxIngestConcurrency,
                maxSqlConnectionsPerCluster, lookaheadThreads, parallelTableCommits);
    }

    /** {@code -binlog_batch_size}, {@code -binlog_probe_interval}. */
    private PacingSettings pacing() {
        range("-binlog_batch_size", binlogBatchSize, 1, 10_000);
        Duration probeEvery = "0".equals(binlogProbeInterval.trim()) ? Duration.ZERO
                : GoDuration.parse("-binlog_probe_interval", binlogProbeInterval);
        if (probeEvery.isNegative() || (!probeEvery.isZero() && (probeEvery.compareTo(Duration.ofMillis(50)) < 0
                || probeEvery.compareTo(Duration.ofMinutes(1)) > 0))) {
            throw new IllegalArgumentException("-binlog_probe_interval must be 0 (off) or 50ms to 1m: "
                    + binlogProbeInterval);
        }
        return new PacingSettings(binlogBatchSize, probeEvery);
    }

    /** {@code -lease_ttl}. */
    private LeaseSettings lease() {
        Duration lease = GoDuration.parse("-lease_ttl", leaseTtl);
        if (lease.compareTo(MIN_LEASE_TTL) < 0 || lease.compareTo(MAX_LEASE_TTL) > 0) {
            throw new IllegalArgumentException("-lease_ttl must be between 1s and 1h, not " + leaseTtl);
        }
        return new LeaseSettings(lease);
    }

    /** {@code -journal_max_age}, {@code -journal_max_entries}, {@code -verify_interval}. */
    private AuditSettings audit() {
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
        return new AuditSettings(new JournalRetention.Settings(journalAge, journalMaxEntries,
                JournalRetention.Settings.DEFAULTS.interval()), verifyEvery);
    }

    /** {@code -log_*}; with {@code -daemon} and no file, {@code <home>/log/ccr_syncer.log}. */
    private LogSettings log(Path home) {
        LogLevel level = LogLevel.parse(logLevel);
        return new LogSettings(level, Optional.ofNullable(logFile(home)), logAlsoToStderr, rotation());
    }

    /** {@code -daemon}, {@code -pid_dir} ({@code <home>/bin} with {@code -daemon}), {@code -start_timeout}. */
    private ProcessSettings process(Path home) {
        Path pids = pidDir != null ? pidDir.toAbsolutePath() : daemon ? home.resolve("bin") : null;
        return new ProcessSettings(daemon, Optional.ofNullable(pids), GoDuration.parse("-start_timeout", startTimeout));
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

    private LogSettings.Rotation rotation() {
        range("-log_max_age_days", logMaxAgeDays, 1, 36_500);
        range("-log_max_backups", logMaxBackups, 1, 100_000);
        return new LogSettings.Rotation(ByteSize.parse("-log_max_size", logMaxSize), logMaxAgeDays, logMaxBackups);
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
