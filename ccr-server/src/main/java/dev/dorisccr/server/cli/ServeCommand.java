package dev.dorisccr.server.cli;

import dev.dorisccr.core.CcrVersion;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.sync.PeriodicVerification;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.engine.internal.ExecutorScheduler;
import dev.dorisccr.engine.internal.metrics.MeteredMetadataStore;
import dev.dorisccr.server.config.GoFeature;
import dev.dorisccr.server.config.SecretKeyFile;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import dev.dorisccr.server.http.MeteredHandler;
import dev.dorisccr.server.metrics.ServerMetrics;
import dev.dorisccr.server.logging.LogSetup;
import dev.dorisccr.server.process.DaemonLauncher;
import dev.dorisccr.server.process.PidFile;
import dev.dorisccr.server.view.StatusPageHandler;
import dev.dorisccr.server.view.StatusSampler;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ccr-syncer serve} (also {@code ccr-syncer} alone, as the Go binary): the syncer process
 * with the Go syncer's flags: the metadata store, the HTTP API on {@code -port} (every interface
 * unless {@code -bind_address}), the jobs this syncer holds leases for, the log, the pid file, and
 * {@code --daemon}.
 */
@Command(name = "serve", versionProvider = CcrSyncerMain.Version.class,
        description = "Run the syncer: HTTP API on -port, jobs from the metadata store (the default command).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** How long a stop waits for the jobs' steps in progress to finish and be checkpointed. */
    static final java.time.Duration STEP_WAIT_AT_STOP = java.time.Duration.ofSeconds(20);

    @Mixin ServerOptions options = new ServerOptions();
    @Mixin GoHelpOptions help = new GoHelpOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** A running syncer; {@link #close()} stops it in reverse order of start. */
    public static final class Running implements AutoCloseable {
        private final List<AutoCloseable> parts = new ArrayList<>();
        private ApiServer api;
        private int jobsInStore;

        public int port() {
            return api.port();
        }

        /** The address the HTTP server listens on. */
        public InetSocketAddress address() {
            return api.address();
        }

        /** Jobs found in the store at start. */
        public int jobsInStore() {
            return jobsInStore;
        }

        @Override
        public void close() {
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    log.warn("while stopping: {}", e.toString());
                }
            }
            parts.clear();
        }
    }

    /** Starts everything and returns; for tests and embedding. */
    public static Running start(ServerConfig config) {
        Running r = new Running();
        try {
            ServerMetrics metrics = new ServerMetrics(Clock.systemUTC());
            r.parts.add(metrics);
            // the store is metered with the server's registry and closed by the server; the engine
            // hears the jobs through metrics.jobs() (its lag gauges fed by the engine's lag round), which the Go
            // gauges read too
            MetadataStore metadata = new MeteredMetadataStore(Stores.open(storeConfig(config)), metrics.registry());
            r.parts.add(metadata);
            CcrEngine engine = CcrEngine.builder()
                    .store(metadata)
                    .identity(config.hostPort())
                    .connectTimeout(config.rpc().connectTimeout())
                    .rpcTimeout(config.rpc().rpcTimeout())
                    .ingestPerBackend(config.apply().maxIngestConcurrencyPerBackend())
                    .ingestTotal(config.apply().maxIngestConcurrency())
                    .sqlConnectionsPerCluster(config.apply().maxSqlConnectionsPerCluster())
                    .binlogBatchSize(config.pacing().binlogBatchSize())
                    .pipelineDepth(config.apply().pipelineDepth())
                    .lookaheadThreads(config.apply().lookaheadThreads())
                    .parallelTableCommits(config.apply().parallelTableCommits())
                    .journalRetention(config.audit().journalRetention())
                    .binlogProbe(config.pacing().binlogProbe())
                    .leaseTtl(config.lease().leaseTtl())
                    .listener(metrics.jobs())
                    .build();
            // stop_syncer.sh waits 30 s before SIGKILL: the steps in progress get 20 s of it
            r.parts.add(() -> engine.close(STEP_WAIT_AT_STOP));
            JobService syncer = engine.jobs();
            JobEndpoints endpoints = new JobEndpoints(syncer, CcrVersion.get(), metrics::scrape, ZoneId.systemDefault(),
                    features());
            // The status page's sampler has its own thread: a slow source FE answering its lag calls
            // never holds a thread the job runners need.
            ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor(
                    task -> new Thread(task, "ccr-status-sampler"));
            r.parts.add(sampling::shutdownNow);
            StatusSampler sampler = new StatusSampler(syncer, new ExecutorScheduler(sampling), Clock.systemUTC());
            StatusPageHandler page = new StatusPageHandler(sampler, Clock.systemUTC(), ZoneId.systemDefault(),
                    config.hostPort(), CcrVersion.get());
            r.api = ApiServer.start(config.http().bindAddress(), config.http().port(),
                    new MeteredHandler(new ApiHandler(endpoints, page), metrics.registry()));
            r.parts.add(r.api);
            r.jobsInStore = syncer.list().size();
            engine.start();
            r.parts.add(sampler);
            sampler.start();
            if (!config.audit().verifyInterval().isZero()) {
                // a verification blocks for its queries: a thread of its own, never the jobs' pool
                ScheduledExecutorService verifying = Executors.newSingleThreadScheduledExecutor(
                        task -> new Thread(task, "ccr-periodic-verification"));
                r.parts.add(verifying::shutdownNow);
                PeriodicVerification periodic = new PeriodicVerification(syncer, new ExecutorScheduler(verifying),
                        config.audit().verifyInterval());
                r.parts.add(periodic);
                periodic.start();
            }
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The metadata store the flags ({@code -db_type}, {@code -db_dir}, {@code -db_host}, ..., db.conf) name. */
    static StoreConfig storeConfig(ServerConfig config) {
        return storeConfig(config, System.getenv());
    }

    /**
     * As above with an explicit environment: a SQLite store without {@code CCR_SECRET_KEY}
     * encrypts secrets with its own key file ({@link SecretKeyFile}).
     */
    static StoreConfig storeConfig(ServerConfig config, java.util.Map<String, String> env) {
        return storeConfig(config, env, true);
    }

    /** As above; {@code mayCreateKey=false} (a dry run) uses an existing key file but makes none. */
    static StoreConfig storeConfig(ServerConfig config, java.util.Map<String, String> env, boolean mayCreateKey) {
        StoreConfig.Builder store = StoreConfig.builder(config.store().kind());
        if (config.store().kind() == StoreKind.SQLITE3) {
            store.sqlitePath(config.store().sqliteFile());
            String fromEnv = env.get("CCR_SECRET_KEY");
            if (fromEnv == null || fromEnv.isBlank()) {
                if (mayCreateKey) {
                    store.secretKey(SecretKeyFile.loadOrCreate(config.store().sqliteFile()));
                } else {
                    SecretKeyFile.load(config.store().sqliteFile()).ifPresent(store::secretKey);
                }
            }
        } else {
            store.host(config.store().host()).port(config.store().port()).user(config.store().user())
                    .password(Secret.of(config.store().password())).database(config.store().database());
        }
        return store.build();
    }

    /** The Go feature flags whose behaviour this syncer has fixed, for {@code /features}. */
    public static List<JobEndpoints.Feature> features() {
        List<JobEndpoints.Feature> list = new ArrayList<>();
        for (GoFeature f : GoFeature.values()) {
            f.fixedValue().ifPresent(v -> list.add(new JobEndpoints.Feature(f.flag(), v, Boolean.toString(f.goDefault()))));
        }
        return list;
    }

    @Override
    public Integer call() {
        return serve(options, spec);
    }

    /** Runs the syncer from {@code options} until the JVM is stopped; the exit code. */
    static int serve(ServerOptions options, CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions.Resolved resolved;
        try {
            resolved = options.resolve();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for the flags.");
            return 2;
        }
        ServerConfig config = resolved.config();
        if (config.process().daemon()) {
            resolved.warnings().forEach(w -> err.println("warning: " + w));
            List<String> args = spec.root().commandLine().getParseResult().originalArgs();
            return new DaemonLauncher(config, spec.commandLine().getOut(), err).start(args);
        }
        try {
            LogSetup.configure(config);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        for (String info : resolved.infos()) {
            log.info(info);
        }
        for (String warning : resolved.warnings()) {
            log.warn(warning);
        }
        PidFile pid;
        try {
            pid = config.pidFile().map(PidFile::claim).orElse(null);
        } catch (PidFile.AlreadyRunningException e) {
            log.error("not started: {}", e.getMessage());
            err.println("error: " + e.getMessage());
            return 1;
        }
        Running running;
        try {
            running = start(config);
        } catch (RuntimeException e) {
            log.error("not started: {}", e.getMessage());
            err.println("error: cannot start the syncer: " + e.getMessage());
            return 1;
        }
        if (pid != null) {
            pid.write();
        }
        log.info("ccr-syncer {} started: store {}, syncer {}, HTTP on {}:{}, {} job(s) in the store, log {}, pid file {}",
                CcrVersion.get(), config.store().description(), config.hostPort(), config.http().bindAddress(), running.port(),
                running.jobsInStore(), config.log().file().map(Path::toString).orElse("stdout"),
                config.pidFile().map(Path::toString).orElse("none"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("ccr-syncer {} stopping", config.hostPort());
            running.close();
            if (pid != null) {
                pid.close();
            }
            log.info("ccr-syncer {} stopped", config.hostPort());
            stopped.countDown();
        }, "ccr-syncer-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
