package dev.dorisccr.server.cli;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.migrate.GoMigration;
import dev.dorisccr.core.migrate.GoProgressImport;
import dev.dorisccr.core.migrate.GoStoreContents;
import dev.dorisccr.core.migrate.SqlTxnLookup;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.server.config.DbConf;
import dev.dorisccr.server.config.Home;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.store.jdbc.GoStoreReader;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.thrift.ThriftClusterConnector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ccr-syncer migrate-from-go [--dry-run] [--replace]}: imports the jobs of a stopped Go
 * syncer, with their progress, into this syncer's store, so each continues from the Go syncer's
 * commit seq without a copy where that can be done exactly (see {@link GoMigration} and {@link
 * GoProgressImport}). This syncer's store is given by the same flags as {@code serve}; the Go
 * store by the {@code --go_*} flags, and by default is the same database, schema or file (the Go
 * tables {@code jobs}/{@code progresses} and this syncer's {@code ccr_*} tables live side by side).
 *
 * <p>Exit codes: 0 every job was imported (or would be, or was already there); 1 a job could not
 * be imported, a store could not be read, or a Go syncer still runs; 2 bad flags.
 */
@Command(name = "migrate-from-go", versionProvider = CcrSyncerMain.Version.class,
        description = {"Import the jobs of a stopped Go ccr-syncer, with their progress, into this syncer's store.",
            "This store: the serve flags (-db_type, -db_dir, -db_host, ..., -config_file, " + ServerOptions.PASSWORD_ENV
                    + "). The Go store: the --go_* flags, by default the same place (its tables jobs/progresses"
                    + " beside this syncer's ccr_* tables).",
            "Cluster passwords go to this store's secrets (encrypted with CCR_SECRET_KEY); nothing printed shows them."})
public final class MigrateFromGoCommand implements Callable<Integer> {
    /** Environment variable with the Go store's password. */
    public static final String GO_PASSWORD_ENV = "CCR_GO_DB_PASSWORD";
    /** A Go syncer heartbeat newer than this means it still runs. */
    static final Duration GO_HEARTBEAT_WINDOW = Duration.ofSeconds(30);

    @Mixin ServerOptions options = new ServerOptions();
    @Mixin GoHelpOptions help = new GoHelpOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"--dry-run", "--dry_run", "-dry_run"}, description = "Print what would happen per job; write nothing.")
    boolean dryRun;

    @Option(names = {"--replace", "-replace"}, description = "Overwrite jobs of the same name in this store (default: skip"
            + " them). A job a live syncer runs is never replaced.")
    boolean replace;

    @Option(names = {"--ignore_go_heartbeats", "-ignore_go_heartbeats"}, description = "Import even though a Go syncer"
            + " heartbeated in the last 30 s (only when you know it is stopped, e.g. clocks differ).")
    boolean ignoreGoHeartbeats;

    @Option(names = {"--go_db_type", "-go_db_type"}, paramLabel = "TYPE", description = "The Go store: sqlite3, mysql or"
            + " postgresql (default: this store's).")
    String goDbType;

    @Option(names = {"--go_db_dir", "-go_db_dir"}, paramLabel = "FILE", description = "The Go SQLite file (Go's -db_dir).")
    Path goDbDir;

    @Option(names = {"--go_db_host", "-go_db_host"}, paramLabel = "HOST", description = "The Go MySQL/PostgreSQL host.")
    String goDbHost;

    @Option(names = {"--go_db_port", "-go_db_port"}, paramLabel = "PORT", description = "The Go MySQL/PostgreSQL port.")
    Integer goDbPort;

    @Option(names = {"--go_db_user", "-go_db_user"}, paramLabel = "USER", description = "The Go MySQL/PostgreSQL user.")
    String goDbUser;

    @Option(names = {"--go_db_password", "-go_db_password"}, paramLabel = "PASSWORD", description = "The Go store's"
            + " password; visible in ps: prefer " + GO_PASSWORD_ENV + " or --go_config_file.")
    String goDbPassword;

    @Option(names = {"--go_db_name", "-go_db_name"}, paramLabel = "NAME", description = "The Go MySQL database or"
            + " PostgreSQL schema (Go: ccr).")
    String goDbName;

    @Option(names = {"--go_config_file", "-go_config_file"}, paramLabel = "FILE", description = "The Go syncer's db.conf"
            + " (db_type, db_host, db_port, db_user, db_password, db_name) for the Go store.")
    Path goConfigFile;

    private final Map<String, String> env;
    private final Clock clock;

    public MigrateFromGoCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    /** For tests: the environment ({@code CCR_HOME}, passwords, {@code CCR_SECRET_KEY}) and the clock. */
    public MigrateFromGoCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(requireNonNull(env, "env is null"));
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        StoreConfig ours;
        StoreConfig go;
        try {
            String home = env.get(Home.ENV);
            ServerOptions.Resolved resolved = options.resolve(home == null || home.isBlank() ? Home.resolve()
                    : Path.of(home).toAbsolutePath(), env::get);
            config = resolved.config();
            ours = ServeCommand.storeConfig(config, env, !dryRun);
            go = goStore(ours);
        } catch (IllegalArgumentException | CcrException e) {
            err.println("error: " + e.getMessage());
            err.println("Run `ccr_syncer migrate-from-go --help` for the flags.");
            err.flush();
            return 2;
        }
        try (ThriftClusterConnector connector = new ThriftClusterConnector(config.rpc().connectTimeout(), config.rpc().rpcTimeout())) {
            return run(out, err, ours, go, new GoMigration(s -> new SqlTxnLookup(connector, s), clock));
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err, StoreConfig ours, StoreConfig go, GoMigration migration) {
        GoStoreContents contents;
        try {
            contents = GoStoreReader.read(go);
        } catch (CcrException e) {
            err.println("error: cannot read the Go syncer's store: " + e.getMessage() + context(e));
            return 1;
        }
        out.println("Go syncer store: " + contents.where() + " (" + contents.jobs().size() + " jobs)");
        Instant now = clock.instant();
        List<GoStoreContents.Syncer> alive = contents.syncersAliveSince(now.minus(GO_HEARTBEAT_WINDOW));
        for (GoStoreContents.Syncer s : alive) {
            String what = "the Go syncer " + s.hostInfo() + " heartbeated " + Duration.between(s.heartbeatAt(), now)
                    .toSeconds() + " s ago: stop it first (two syncers must not run the same jobs)";
            if (dryRun || ignoreGoHeartbeats) {
                out.println("warning: " + what);
            } else {
                err.println("error: " + what + "; --ignore_go_heartbeats if you know it is stopped");
                return 1;
            }
        }
        GoMigration.Report report;
        try {
            if (dryRun) {
                report = migration.dryRun(contents, Stores.existingJobNames(ours), replace);
            } else {
                try (MetadataStore store = Stores.open(ours, env, clock)) {
                    report = migration.migrate(contents, store, replace);
                }
            }
        } catch (CcrException e) {
            err.println("error: this syncer's store: " + e.getMessage() + context(e));
            return 1;
        }
        report.results().forEach(r -> print(out, r));
        out.println(summary(report));
        return report.allImported() ? 0 : 1;
    }

    private static void print(PrintWriter out, GoMigration.Result r) {
        out.println(r.name() + (r.route().isEmpty() ? "" : ": " + r.route()));
        r.plan().ifPresent(p -> out.println("    Go " + p.goState() + (p.goCommitSeq() < 0 ? ""
                : ", prev_commit_seq " + p.goPrevCommitSeq() + ", commit_seq " + p.goCommitSeq()) + ": " + p.action()));
        String status = switch (r.status()) {
            case IMPORTED, WOULD_IMPORT -> r.message();
            case SKIPPED -> "skipped: " + r.message();
            case FAILED -> "error: " + r.message();
        };
        out.println("    " + status);
    }

    private String summary(GoMigration.Report r) {
        long failed = r.count(GoMigration.Status.FAILED);
        long skipped = r.count(GoMigration.Status.SKIPPED);
        if (dryRun) {
            return "dry run: " + r.count(GoMigration.Status.WOULD_IMPORT) + " job(s) would be imported, " + skipped
                    + " skipped, " + failed + " cannot be imported; nothing was written";
        }
        return r.count(GoMigration.Status.IMPORTED) + " job(s) imported, " + skipped + " skipped, " + failed
                + " not imported" + (failed > 0 ? " (fix them and run again: imported jobs are skipped)" : "")
                + "; start this syncer (it picks them up) once the Go syncer is stopped for good";
    }

    private static String context(CcrException e) {
        Object where = e.context().get("store");
        return where == null ? "" : " (" + where + ")";
    }

    /** The Go store: this store's place unless a {@code --go_*} flag or {@code --go_config_file} says otherwise. */
    private StoreConfig goStore(StoreConfig ours) {
        DbConf conf = DbConf.none();
        if (goConfigFile != null) {
            if (!Files.isRegularFile(goConfigFile)) {
                throw new IllegalArgumentException("--go_config_file " + goConfigFile + ": no such file");
            }
            conf = DbConf.read(goConfigFile);
        }
        String type = conf.get("db_type").orElse(goDbType);
        boolean given = type != null || goDbDir != null || goDbHost != null || goDbPort != null || goDbUser != null
                || goDbPassword != null || goDbName != null || !conf.keysSet().isEmpty() || env.containsKey(GO_PASSWORD_ENV);
        if (!given) {
            return ours;
        }
        StoreKind kind = type == null ? ours.kind() : StoreKind.parse(type);
        boolean sameKind = kind == ours.kind();
        StoreConfig.Builder b = StoreConfig.builder(kind);
        if (kind == StoreKind.SQLITE3) {
            return b.sqlitePath(goDbDir != null ? goDbDir.toAbsolutePath() : ours.sqlitePath()).build();
        }
        int defaultPort = kind == StoreKind.POSTGRESQL ? 5432 : 3306;
        String password = conf.get("db_password").orElse(goDbPassword != null ? goDbPassword
                : env.getOrDefault(GO_PASSWORD_ENV, sameKind ? ours.password().reveal() : ""));
        return b.host(conf.get("db_host").orElse(goDbHost != null ? goDbHost : sameKind ? ours.host() : "127.0.0.1"))
                .port(conf.get("db_port").map(MigrateFromGoCommand::port)
                        .orElse(goDbPort != null ? goDbPort : sameKind ? ours.port() : defaultPort))
                .user(conf.get("db_user").orElse(goDbUser != null ? goDbUser : sameKind ? ours.user() : "root"))
                .password(Secret.of(password))
                .database(conf.get("db_name").orElse(goDbName != null ? goDbName : sameKind ? ours.database() : "ccr"))
                .build();
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--go_config_file db_port: not a number: \"" + text + "\"");
        }
    }
}
