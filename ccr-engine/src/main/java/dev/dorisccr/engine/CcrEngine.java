package dev.dorisccr.engine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.PeriodicRound;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.ha.StopReason;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.service.JournalPruner;
import dev.dorisccr.core.service.LagSampler;
import dev.dorisccr.core.service.Syncer;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.sync.DorisClusterOperations;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.core.sync.IngestLimits;
import dev.dorisccr.core.sync.LookaheadPool;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.syncer.JobStatus;
import dev.dorisccr.core.syncer.JournalRetention;
import dev.dorisccr.engine.internal.ExecutorScheduler;
import dev.dorisccr.engine.internal.JobWatch;
import dev.dorisccr.engine.internal.metrics.MicrometerBinding;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.thrift.ThriftClusterConnector;
import dev.dorisccr.thrift.sql.SqlPools;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable CCR engine: replicates Doris databases and tables from a source cluster to a
 * target cluster, with its jobs and progress in a metadata store. The one front door for Java
 * programs; the {@code ccr-syncer} server builds its engine the same way.
 *
 * <pre>{@code
 * try (CcrEngine engine = CcrEngine.builder().sqliteStore(Path.of("ccr.db")).build()) {
 *     engine.start();
 *     ClusterSpec src = ClusterSpec.of("src-fe", 9030, 9020, "root", "");
 *     ClusterSpec dst = ClusterSpec.of("dst-fe", 9030, 9020, "root", "");
 *     engine.create(new JobSpec("shop_job", new JobEndpoint(src, "shop", ""), new JobEndpoint(dst, "shop", ""),
 *             JobOptions.DEFAULTS));
 *     engine.awaitCaughtUp("shop_job", Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Jobs run on a small scheduled pool ({@link Builder#schedulerThreads}, 4 by
 * default): a job takes a bounded number of steps per turn and then yields, and every wait (a
 * backup, a restore, an idle poll, a back-off) is a scheduled re-check, never a blocked thread. The
 * target BEs' pulls of an upsert's tablets run on an ingest pool whose threads start on demand and end
 * after a minute idle ({@link Builder#ingestThreads}, at most 512; past that the job's own thread
 * makes the call), every tablet of a binlog in flight but at most {@link Builder#ingestPerBackend}
 * at a time per target BE and {@link Builder#ingestTotal} in all, over every job. Every job shares
 * one Thrift connection pool per address and one SQL pool per FE endpoint and credentials
 * ({@link Builder#sqlConnectionsPerCluster}). Methods of this class may be called from any thread.
 *
 * <p><b>Ownership.</b> The engine creates and closes its scheduler pool, its ingest pool and its
 * Thrift/JDBC cluster clients. It closes the metadata store only when the builder opened it
 * ({@link Builder#sqliteStore}, {@link Builder#store(StoreConfig)}); a store given as a
 * {@link MetadataStore} ({@link Builder#store(MetadataStore)}), a {@link Scheduler} given with
 * {@link Builder#scheduler}, listeners and a meter registry stay the caller's.
 *
 * <p><b>Lifecycle.</b> {@link Builder#build} opens nothing remote; {@link #start} joins the store (as
 * {@link #identity()}), takes the leases of the jobs it can run and starts them;
 * {@link #close(Duration)} stops every job at a checkpoint boundary, releases the leases and
 * closes what the engine owns. A closed engine does not start again: build a new one on the same
 * store, which resumes every job from its last checkpoint.
 */
public final class CcrEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CcrEngine.class);

    /** How long {@link #close()} waits for the steps in progress. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Syncer syncer;
    private final JobWatch watch;
    private final InstantSource clock;
    private final List<AutoCloseable> owned;
    private final PeriodicRound lagRound;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;

    /** Prunes the apply journal; started with the engine, closed with it (one of {@link #owned}). */
    private final JournalPruner retention;

    private CcrEngine(Syncer syncer, JobWatch watch, InstantSource clock, List<AutoCloseable> owned,
            PeriodicRound lagRound, JournalPruner retention) {
        this.retention = retention;
        this.syncer = syncer;
        this.lagRound = lagRound;
        this.watch = watch;
        this.clock = clock;
        this.owned = owned;
    }

    /** A builder with the defaults; only the store is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Joins the store and starts the jobs this engine wins leases for (in the background: this
     * returns at once). Calling it again does nothing.
     *
     * @throws IllegalStateException when the engine was closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the engine is closed; build a new one on the same store");
            }
            if (started) {
                return;
            }
            started = true;
        }
        syncer.start();
        retention.start();
        if (lagRound != null) {
            lagRound.start();
        }
        log.info("CCR engine {} started", syncer.identity());
    }

    /**
     * Every job operation (create, pause, resume, delete, desync, force a full sync, skip a binlog,
     * status, lag, progress, list), as the server's HTTP API offers them.
     */
    public JobService jobs() {
        return syncer;
    }

    /**
     * Creates a job after checking both clusters (the source must have binlog enabled); it starts
     * on the engine that wins its lease, this one when it is alone.
     *
     * @throws CcrException {@code JOB_ALREADY_EXISTS}, {@code INVALID_ARGUMENT}, or the clusters' errors;
     *     nothing is stored then
     */
    public void create(JobSpec spec) {
        syncer.create(requireNonNull(spec, "spec is null"));
    }

    /** Pauses a job after the step in progress; kept across restarts. */
    public void pause(String job) {
        syncer.pause(job);
    }

    /** Resumes a paused job from its last checkpoint. */
    public void resume(String job) {
        syncer.resume(job);
    }

    /** Deletes a job and its progress; nothing changes on the target. */
    public void delete(String job) {
        syncer.delete(job);
    }

    /**
     * The job's status. Its {@link JobStatus#caughtUp()} costs no FE call when the job's runner here
     * just found nothing new; otherwise it reads the job's shared lag sample (at most one source FE
     * call per job per 10 s, shared with {@code jobs().lag} and the lag gauges). To wait, use
     * {@link #awaitCaughtUp}.
     */
    public JobStatus status(String job) {
        return syncer.status(job);
    }

    /** The names of every job in the store. */
    public List<String> list() {
        return syncer.list();
    }

    /**
     * Waits until the job is caught up with everything the source committed before this call: a
     * fetch of the job that started after the call found no newer binlog. It listens to the job's
     * runner (no FE call per check) and cuts the job's idle wait short once.
     *
     * @return true when caught up; false at the timeout (the job failing, paused, still copying,
     *     or running on another engine: see {@link #status})
     * @throws CcrException {@code JOB_NOT_FOUND} when there is no such job
     * @throws InterruptedException when the calling thread is interrupted
     */
    public boolean awaitCaughtUp(String job, Duration timeout) throws InterruptedException {
        requireNonNull(timeout, "timeout is null");
        syncer.detail(job); // JOB_NOT_FOUND early
        CompletableFuture<Long> done = watch.caughtUpSince(job, clock.millis());
        try {
            syncer.wakeUp(job);
            done.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("caught-up waiter failed", e.getCause()); // never completed exceptionally
        } finally {
            watch.forget(job, done);
        }
    }

    /**
     * Healthy, degraded with reasons, or stopped; from what the engine observed (no RPC, no store
     * read).
     */
    public EngineHealth health() {
        synchronized (lifecycle) {
            if (!started || closed) {
                return new EngineHealth(EngineHealth.State.STOPPED, List.of(closed ? "closed" : "not started"));
            }
        }
        List<String> reasons = new ArrayList<>();
        syncer.tickFailure().ifPresent(f -> reasons.add("store or lease tick failing: " + f));
        for (Map.Entry<String, StopReason> lost : new java.util.TreeMap<>(syncer.lostJobs()).entrySet()) {
            reasons.add("job " + lost.getKey() + " stopped here: " + lost.getValue().name().toLowerCase(java.util.Locale.ROOT));
        }
        new java.util.TreeMap<>(watch.statuses()).forEach((job, st) -> describe(job, st).ifPresent(reasons::add));
        for (dev.dorisccr.core.service.BinlogWatcher.ProbeState p : syncer.binlogProbes()) {
            if (!p.served() && !p.reason().isEmpty()) {
                reasons.add("binlog probe of " + p.cluster() + " not in use, its " + p.jobs()
                        + " job(s) poll on their own: " + p.reason());
            }
        }
        return new EngineHealth(reasons.isEmpty() ? EngineHealth.State.HEALTHY : EngineHealth.State.DEGRADED, reasons);
    }

    private static java.util.Optional<String> describe(String job, ObservedStatus st) {
        String error = st.error().map(e -> e.code() + ": " + e.message()).orElse("");
        if (st.state() == ObservedState.FAILED) {
            return java.util.Optional.of("job " + job + " failed at " + st.detail() + " (" + error + ")");
        }
        if (st.state() == ObservedState.BACKING_OFF) {
            return java.util.Optional.of("job " + job + " retrying " + st.detail() + " (attempt " + st.attempt() + ", "
                    + error + ")");
        }
        return java.util.Optional.empty();
    }

    /** This engine's identity in the store: {@code host:port}, port 0 when it has no HTTP API. */
    public String identity() {
        return syncer.identity();
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops every job at a checkpoint boundary, waiting up to {@code timeout} for the steps in
     * progress (a step still running then is abandoned and replayed, idempotently, by the next
     * owner), releases the leases, then closes what the engine owns (see the class comment).
     * Calling it again does nothing and answers true.
     *
     * @return true when every job stopped at a checkpoint boundary within the timeout
     */
    public boolean close(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        synchronized (lifecycle) {
            if (closed) {
                return true;
            }
            closed = true;
        }
        boolean clean;
        if (lagRound != null) {
            lagRound.close();
        }
        try {
            clean = syncer.close(timeout);
        } finally {
            for (int i = owned.size() - 1; i >= 0; i--) {
                try {
                    owned.get(i).close();
                } catch (Exception e) {
                    log.warn("CCR engine {}: closing {} failed: {}", syncer.identity(), owned.get(i), e.toString());
                }
            }
        }
        log.info("CCR engine {} closed{}", syncer.identity(), clean ? "" : " (some steps did not finish in " + timeout + ")");
        return clean;
    }

    /**
     * Builds a {@link CcrEngine}. Everything but the store has a default; a bad value fails at once
     * with {@link IllegalArgumentException} and nothing is opened.
     */
    public static final class Builder {
        private MetadataStore store;
        private StoreConfig storeConfig;
        private String identity;
        private InstantSource clock = Clock.systemUTC();
        private Scheduler scheduler;
        private int schedulerThreads = 4;
        private int ingestThreads = DorisClusterOperations.MAX_INGEST_THREADS;
        private BinlogProbeSettings binlogProbe = BinlogProbeSettings.DEFAULTS;
        private int ingestPerBackend = IngestLimits.DEFAULT_PER_BACKEND;
        private int ingestTotal = IngestLimits.DEFAULT_TOTAL;
        private int lookaheadThreads = LookaheadPool.DEFAULT_THREADS;
        private boolean parallelTableCommits;
        private int sqlConnectionsPerCluster = SqlPools.DEFAULT_MAX_CONNECTIONS;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration rpcTimeout = Duration.ofSeconds(30);
        private Duration txnTimeout = Duration.ofMinutes(5);
        private Duration leaseTtl = HaSettings.DEFAULT_LEASE_TTL;
        private JobMachine.Config machine = JobMachine.Config.DEFAULTS;
        private boolean adaptivePolling = true;
        private final List<JobListener> listeners = new ArrayList<>();
        private MeterRegistry meterRegistry;
        private JournalRetention.Settings journalRetention = JournalRetention.Settings.DEFAULTS;

        private Builder() {}

        /**
         * How long and how many apply journal entries are kept (default 7 days, 100,000 per job,
         * pruned every 10 minutes by every engine sharing the store).
         */
        public Builder journalRetention(JournalRetention.Settings v) {
            journalRetention = requireNonNull(v, "journalRetention is null");
            return this;
        }

        /** A store the caller opened and closes (an in-memory store, a custom one, a JDBC one). */
        public Builder store(MetadataStore v) {
            store = requireNonNull(v, "store is null");
            storeConfig = null;
            return this;
        }

        /** A JDBC store (SQLite, MySQL, PostgreSQL) the engine opens at {@link #build} and closes. */
        public Builder store(StoreConfig v) {
            storeConfig = requireNonNull(v, "storeConfig is null");
            store = null;
            return this;
        }

        /**
         * A SQLite file the engine opens (created if missing) and closes. Cluster passwords are
         * encrypted with the key in {@code CCR_SECRET_KEY} when it is set; use
         * {@link #store(StoreConfig)} to give a key.
         */
        public Builder sqliteStore(Path file) {
            return store(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(requireNonNull(file, "file is null")).build());
        }

        /**
         * The engine's identity in the store, {@code host:port}: the server's HTTP address, so that
         * other syncers redirect requests for its jobs there. Default: unique per process,
         * {@code embedded-<pid>-<random>.<hostname>:0} (port 0: no HTTP API). Engines sharing a
         * store must have different identities.
         */
        public Builder identity(String v) {
            identity = StoreNames.requireAddress(requireNonNull(v, "identity is null"));
            return this;
        }

        /** The clock that stamps progress, leases and listener times (default: the system UTC clock). */
        public Builder clock(InstantSource v) {
            clock = requireNonNull(v, "clock is null");
            return this;
        }

        /**
         * Runs the jobs on the caller's scheduler instead of a pool the engine owns (tests drive a
         * manual one); the engine does not close it.
         */
        public Builder scheduler(Scheduler v) {
            scheduler = requireNonNull(v, "scheduler is null");
            return this;
        }

        /** Threads of the engine's scheduler pool (default 4); many jobs share them. */
        public Builder schedulerThreads(int v) {
            schedulerThreads = range("schedulerThreads", v, 1, 256);
            return this;
        }

        /** Most threads of the ingest pool (default 512, started on demand). */
        public Builder ingestThreads(int v) {
            ingestThreads = range("ingestThreads", v, 1, 4096);
            return this;
        }

        /**
         * Tablet pulls at a time per target BE, over every job of the engine (default 48, the
         * server's {@code -max_ingest_concurrency_per_backend}).
         */
        public Builder ingestPerBackend(int v) {
            ingestPerBackend = range("ingestPerBackend", v, 1, IngestLimits.MAX);
            return this;
        }

        /**
         * Tablet pulls at a time in all, over every job and BE (default 256, the server's
         * {@code -max_ingest_concurrency}).
         */
        public Builder ingestTotal(int v) {
            ingestTotal = range("ingestTotal", v, 1, IngestLimits.MAX);
            return this;
        }

        /**
         * Threads on which every job of the engine begins and ingests upserts ahead of their turn
         * (pipelined apply; default 32, the server's {@code -lookahead_threads}). A job holds at
         * most its share of them while others ask; when none is free it applies without
         * lookahead, never waits. So the engine never runs more of these threads, whatever the
         * number of jobs.
         */
        public Builder lookaheadThreads(int v) {
            lookaheadThreads = range("lookaheadThreads", v, 1, LookaheadPool.MAX_THREADS);
            return this;
        }

        /**
         * Opt-in (default false, the server's {@code -parallel_table_commits}): an upsert of a db job
         * begun ahead of its turn is also committed ahead of it when no earlier upsert of the job that
         * is not committed yet shares a table with it, so per table (and for an upsert spanning
         * tables) the source's commit order is kept. The job still checkpoints once per upsert in
         * commit seq order and counts an upsert committed early done by its label, never committing
         * it twice. But a reader of the target may see states the source never had (table B at
         * commit seq N+1 while table A lacks N), and {@code prev_commit_seq} (lag, verify) tells
         * only the prefix done in order. docs/engine.md, "Commits of independent tables".
         */
        public Builder parallelTableCommits(boolean v) {
            parallelTableCommits = v;
            return this;
        }

        /**
         * SQL connections per FE endpoint and credentials, shared by every job (default 16, the
         * server's {@code -max_sql_connections_per_cluster}); a job holds one only while a statement runs.
         */
        public Builder sqlConnectionsPerCluster(int v) {
            sqlConnectionsPerCluster = range("sqlConnectionsPerCluster", v, 1, SqlPools.MAX_CONNECTIONS);
            return this;
        }

        /** Thrift and JDBC connect timeout (default 10 s). */
        public Builder connectTimeout(Duration v) {
            connectTimeout = positive("connectTimeout", v);
            return this;
        }

        /** Thrift read timeout of every FE/BE call, commitTxn included (default 30 s). */
        public Builder rpcTimeout(Duration v) {
            rpcTimeout = positive("rpcTimeout", v);
            return this;
        }

        /** The timeout of the target txns the engine begins (default 5 min). */
        public Builder txnTimeout(Duration v) {
            txnTimeout = positive("txnTimeout", v);
            return this;
        }

        /** How long a job lease lives without renewal (default 15 s); engines tick every third of it. */
        public Builder leaseTtl(Duration v) {
            requireNonNull(v, "leaseTtl is null");
            new HaSettings(v); // validates
            leaseTtl = v;
            return this;
        }

        /** Binlogs fetched per call (default 100). */
        public Builder binlogBatchSize(int v) {
            machine = machine.withBatchSize(range("binlogBatchSize", v, 1, 10_000));
            return this;
        }

        /**
         * Most upserts of a job in flight at once (default 8; 1: one at a time). Above 1 the next
         * upserts of a fetched batch are begun and ingested while the current one commits; commits
         * stay one at a time, in commit seq order (docs/engine.md, "Pipelined apply").
         */
        public Builder pipelineDepth(int v) {
            machine = machine.withPipelineDepth(range("pipelineDepth", v, 1, JobMachine.Config.MAX_PIPELINE_DEPTH));
            return this;
        }

        /**
         * The longest idle wait between two fetches of a caught-up job, and between two polls of a
         * backup or restore (default 3 s; after activity the job polls faster, from 100 ms).
         */
        public Builder pollInterval(Duration v) {
            positive("pollInterval", v);
            JobMachine.Config m = machine;
            machine = new JobMachine.Config(m.batchSize(), v, v, m.retryBase(), m.retryMax(), m.fullSyncTimeout(),
                    v.compareTo(m.fastPollInterval()) < 0 ? v : m.fastPollInterval(), m.fastPolls(), m.pipelineDepth());
            return this;
        }

        /**
         * Whether a job polls faster after activity (default true: from 100 ms, slowing down to
         * {@link #pollInterval}); false waits {@link #pollInterval} every time.
         */
        public Builder adaptivePolling(boolean v) {
            adaptivePolling = v;
            return this;
        }

        /**
         * The shared source probe (default {@link BinlogProbeSettings#DEFAULTS}: one {@code SHOW PROC
         * '/binlog'} per source cluster every 500 ms wakes the jobs whose source has new binlogs; a
         * served job fetches on its own only every 30 s; without ADMIN on the source its jobs poll on
         * their own). {@link BinlogProbeSettings#DISABLED}: every job polls on its own.
         */
        public Builder binlogProbe(BinlogProbeSettings v) {
            binlogProbe = requireNonNull(v, "binlogProbe is null");
            return this;
        }

        /** Adds a listener told what every job running here does (see {@link JobListener}); kept the caller's. */
        public Builder listener(JobListener v) {
            listeners.add(requireNonNull(v, "listener is null"));
            return this;
        }

        /**
         * Records the jobs' and the store's metrics ({@code ccr_*} meters, tagged by job, the
         * {@code ccr.job.lag.*} gauges included) in the caller's registry; needs
         * {@code io.micrometer:micrometer-core} on the class path (an optional dependency of this
         * module). With a registry or a {@link #listener}, the engine measures the lag of its jobs
         * every 10 s ({@link JobListener#lagMeasured}) on a thread of its own (on the
         * {@link #scheduler} when one is given), sharing each job's sample with
         * {@link CcrEngine#status} and {@code jobs().lag}: at most one source FE call per job per
         * 10 s, none for a job its runner just found caught up.
         */
        public Builder meterRegistry(MeterRegistry v) {
            meterRegistry = requireNonNull(v, "meterRegistry is null");
            return this;
        }

        /**
         * Opens the store (when given as a config) and creates the pools and clients; nothing
         * remote is called until {@link CcrEngine#start()}.
         *
         * @throws IllegalStateException when no store was given
         */
        public CcrEngine build() {
            if (store == null && storeConfig == null) {
                throw new IllegalStateException("a store is required: store(...) or sqliteStore(path)");
            }
            List<AutoCloseable> owned = new ArrayList<>();
            try {
                MetadataStore metadata = store;
                if (metadata == null) {
                    metadata = Stores.open(storeConfig);
                    owned.add(metadata);
                }
                List<JobListener> all = new ArrayList<>();
                if (meterRegistry != null) {
                    MicrometerBinding.Bound bound = MicrometerBinding.bind(meterRegistry, metadata, clock);
                    metadata = bound.store();
                    all.add(bound.listener());
                }
                all.addAll(listeners);
                JobWatch watch = new JobWatch(all);
                Scheduler jobsScheduler = scheduler;
                if (jobsScheduler == null) {
                    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(schedulerThreads,
                            threads("ccr-engine-job-"));
                    // a wake-up cancels the job's pending re-check: drop it from the queue at once, so
                    // 1,000 jobs woken often do not keep their cancelled timers until they are due
                    timers.setRemoveOnCancelPolicy(true);
                    owned.add(pool(timers));
                    jobsScheduler = new ExecutorScheduler(timers);
                }
                ExecutorService ingest = DorisClusterOperations.newIngestPool(ingestThreads);
                owned.add(pool(ingest));
                ThriftClusterConnector connector = new ThriftClusterConnector(connectTimeout, rpcTimeout,
                        sqlConnectionsPerCluster);
                owned.add(connector);
                LookaheadPool lookahead = new LookaheadPool(lookaheadThreads, parallelTableCommits);
                owned.add(lookahead); // closed after the syncer, whose jobs roll their early txns back first
                DorisClusterOperations clusters = new DorisClusterOperations(connector, ingest,
                        new IngestLimits(ingestPerBackend, ingestTotal), lookahead, txnTimeout, clock)
                        .withBinlogProbe(jobsScheduler, binlogProbe);
                owned.add(clusters::closeBinlogWatcher); // closed before the connector's pools
                String self = identity != null ? identity : defaultIdentity();
                Syncer syncer = new Syncer(metadata, clusters, jobsScheduler, clock, self, new HaSettings(leaseTtl),
                        adaptivePolling ? machine : machine.fixed(), watch);
                if (meterRegistry != null) {
                    MicrometerBinding.bindProbes(meterRegistry, syncer::binlogProbes);
                }
                PeriodicRound lagRound = null;
                if (meterRegistry != null || !listeners.isEmpty()) {
                    // someone listens: measure the lag of the jobs here in the background, on a thread
                    // that may block for an FE call (the caller's scheduler when given: tests drive it)
                    Scheduler lagScheduler = scheduler;
                    if (lagScheduler == null) {
                        ScheduledExecutorService lagThread = Executors.newSingleThreadScheduledExecutor(
                                threads("ccr-engine-lag-"));
                        owned.add(pool(lagThread));
                        lagScheduler = new ExecutorScheduler(lagThread);
                    }
                    lagRound = new PeriodicRound("lag round", syncer::sampleLags, lagScheduler,
                            LagSampler.DEFAULT_INTERVAL);
                }
                JournalPruner retention = new JournalPruner(metadata, jobsScheduler, clock, journalRetention);
                owned.add(retention); // closed from the end: the pruning stops before the pools and the store
                return new CcrEngine(syncer, watch, clock, List.copyOf(owned), lagRound, retention);
            } catch (RuntimeException e) {
                for (int i = owned.size() - 1; i >= 0; i--) {
                    try {
                        owned.get(i).close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private static AutoCloseable pool(ExecutorService pool) {
            return new AutoCloseable() {
                @Override
                public void close() {
                    pool.shutdownNow();
                }

                @Override
                public String toString() {
                    return "pool " + pool;
                }
            };
        }

        private static ThreadFactory threads(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return task -> {
                Thread t = new Thread(task, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        private static int range(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + v);
            }
            return v;
        }

        private static Duration positive(String name, Duration v) {
            requireNonNull(v, name + " is null");
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
            return v;
        }
    }

    /** {@code embedded-<pid>-<8 hex>.<hostname>:0}: unique per process, port 0 for "no HTTP API". */
    static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost"; // no name resolution: the pid and the random part keep it unique
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        String id = "embedded-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random) + "." + host;
        if (id.length() > StoreNames.MAX_LENGTH - 2) {
            id = id.substring(0, StoreNames.MAX_LENGTH - 2);
        }
        return StoreNames.requireAddress(id + ":0");
    }
}
