package dev.dorisccr.server.cli;

import dev.dorisccr.core.CcrVersion;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.job.JobMachine;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.store.MetadataStore;
import dev.dorisccr.core.sync.DorisClusterOperations;
import dev.dorisccr.core.syncer.Syncer;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.thrift.ThriftClusterConnector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ccr-syncer serve}: the syncer process with the Go syncer's flags: the metadata store, the
 * HTTP API on {@code --host}/{@code --port}, and the jobs this syncer holds leases for.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the syncer: HTTP API on --port, jobs from the metadata store.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** A running syncer; {@link #close()} stops it in reverse order of start. */
    public static final class Running implements AutoCloseable {
        private final List<AutoCloseable> parts = new ArrayList<>();
        private ApiServer api;

        public int port() {
            return api.port();
        }

        @Override
        public void close() {
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    // keep closing the rest; nothing useful to add at shutdown
                }
            }
            parts.clear();
        }
    }

    /** Starts everything and returns; for tests and embedding. */
    public static Running start(ServerConfig config) {
        Running r = new Running();
        try {
            StoreConfig.Builder store = StoreConfig.builder(config.storeKind());
            if (config.storeKind() == StoreKind.SQLITE3) {
                store.sqlitePath(config.sqliteFile());
            } else {
                store.host(config.dbHost()).port(config.dbPort()).user(config.dbUser())
                        .password(Secret.of(config.dbPassword()));
            }
            MetadataStore metadata = Stores.open(store.build());
            r.parts.add(metadata);
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
            r.parts.add(timers::shutdownNow);
            ExecutorService ingest = Executors.newFixedThreadPool(16);
            r.parts.add(ingest::shutdownNow);
            ThriftClusterConnector connector = new ThriftClusterConnector(config.connectTimeout(), config.rpcTimeout());
            r.parts.add(connector);
            DorisClusterOperations clusters = new DorisClusterOperations(connector, ingest,
                    config.maxIngestConcurrencyPerBackend(), Duration.ofMinutes(5), Clock.systemUTC());
            Syncer syncer = new Syncer(metadata, clusters, new ExecutorScheduler(timers), Clock.systemUTC(),
                    config.hostPort(), HaSettings.defaults(), JobMachine.Config.DEFAULTS);
            r.parts.add(syncer);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            JobEndpoints endpoints = new JobEndpoints(syncer, CcrVersion.get(), registry::scrape, ZoneId.systemDefault());
            r.api = ApiServer.start(config.host().equals("127.0.0.1") ? "127.0.0.1" : "0.0.0.0", config.port(),
                    new ApiHandler(endpoints));
            r.parts.add(r.api);
            syncer.start();
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = options.toConfig();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.toLevel(config.logLevel().name()));
        Running running;
        try {
            running = start(config);
        } catch (RuntimeException e) {
            err.println("error: cannot start the syncer: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("ccr-syncer " + CcrVersion.get() + " serving " + config.hostPort()
                + " (HTTP port " + running.port() + ", " + config + ")");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
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
