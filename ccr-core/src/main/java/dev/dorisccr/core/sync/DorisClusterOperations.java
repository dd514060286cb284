package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.render.DesyncStatements;
import dev.dorisccr.core.ddl.render.Statements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.DryRun;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.service.BinlogWatcher;
import dev.dorisccr.core.service.ClusterOperations;
import dev.dorisccr.core.service.Verifier;
import dev.dorisccr.core.spi.BinlogLagInfo;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link ClusterOperations} over real clusters, through a {@link ClusterConnector}. Each job's
 * executor owns its clients for the life of the job runner.
 */
public final class DorisClusterOperations implements ClusterOperations {
    private final ClusterConnector connector;
    private final ExecutorService ingestPool;
    private final IngestLimits ingestLimits;
    private final LookaheadPool lookahead;
    private final Duration txnTimeout;
    private final InstantSource clock;
    /** Database ids per cluster, listed once for every job (a restart of 1,000 jobs reads them once). */
    private final DatabaseIds databaseIds;
    /** The shared source probe, or {@link BinlogWatcher#NONE}. */
    private final BinlogWatcher watcher;
    /** The cluster checks of create_ccr that passed a moment ago, per cluster and credentials. */
    private final ClusterChecks clusterChecks;
    /** Which source tables have binlog on, one read per source cluster for all its table jobs. */
    private final BinlogEnabledTables binlogTables;

    /**
     * The only constructor: the lookahead pool is the caller's (the engine's, shared by all its
     * jobs), so these operations start no threads of their own that nobody closes.
     *
     * @param ingestPool the threads of every job's tablet ingests; a create's checks of the source
     *     cluster also run on it, beside those of the target on the caller's thread
     * @param ingestLimits the ingest slots every job's upserts share (per target BE and in all)
     * @param lookahead the threads every job's pipelined apply shares to begin and ingest upserts
     *     ahead of their turn; the caller closes it after the jobs
     */
    public DorisClusterOperations(ClusterConnector connector, ExecutorService ingestPool, IngestLimits ingestLimits,
            LookaheadPool lookahead, Duration txnTimeout, InstantSource clock) {
        this.connector = requireNonNull(connector, "connector is null");
        this.lookahead = requireNonNull(lookahead, "lookahead is null");
        this.ingestPool = requireNonNull(ingestPool, "ingestPool is null");
        this.ingestLimits = requireNonNull(ingestLimits, "ingestLimits is null");
        this.txnTimeout = requireNonNull(txnTimeout, "txnTimeout is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.databaseIds = new DatabaseIds(clock, DatabaseIds.DEFAULT_TTL);
        this.watcher = BinlogWatcher.NONE;
        this.clusterChecks = new ClusterChecks(clock, ClusterChecks.DEFAULT_TTL);
        this.binlogTables = new BinlogEnabledTables(clock, BinlogEnabledTables.DEFAULT_MAX_AGE,
                BinlogEnabledTables.DEFAULT_UNSUPPORTED_RETRY);
    }

    private DorisClusterOperations(DorisClusterOperations o, BinlogWatcher watcher) {
        this.connector = o.connector;
        this.ingestPool = o.ingestPool;
        this.ingestLimits = o.ingestLimits;
        this.txnTimeout = o.txnTimeout;
        this.clock = o.clock;
        this.databaseIds = o.databaseIds;
        this.lookahead = o.lookahead;
        this.clusterChecks = o.clusterChecks;
        this.binlogTables = o.binlogTables;
        this.watcher = watcher;
    }

    /**
     * These operations with a shared source probe ({@link SourceBinlogProbe}) reading on
     * {@code scheduler}; {@link BinlogProbeSettings#DISABLED} gives none. Close the probe with
     * {@link #closeBinlogWatcher()} when the syncer is closed.
     */
    public DorisClusterOperations withBinlogProbe(Scheduler scheduler, BinlogProbeSettings settings) {
        requireNonNull(settings, "settings is null");
        return new DorisClusterOperations(this, settings.enabled()
                ? new SourceBinlogProbe(connector, requireNonNull(scheduler, "scheduler is null"), clock, settings)
                : BinlogWatcher.NONE);
    }

    @Override
    public BinlogWatcher binlogWatcher() {
        return watcher;
    }

    /** Stops the shared probe's reads (no-op without one). */
    public void closeBinlogWatcher() {
        watcher.close();
    }

    /** Most ingest threads {@link #newIngestPool()} starts; beyond, the job's own thread ingests. */
    public static final int MAX_INGEST_THREADS = 512;

    /**
     * The ingest pool a server shares between its jobs (ServeCommand and the benchmarks use this
     * one). Every tablet of a binlog is in flight at once, bounded by the {@link IngestLimits}
     * every job shares: a thread per ingest call, started on demand and ended after a minute idle, at
     * most {@link #MAX_INGEST_THREADS}; past that the job's thread makes the call itself, so a
     * busy server slows down instead of queueing or failing.
     */
    public static ExecutorService newIngestPool() {
        return newIngestPool(MAX_INGEST_THREADS);
    }

    /** As {@link #newIngestPool()}, with at most {@code maxThreads} threads. */
    public static ExecutorService newIngestPool(int maxThreads) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(0, maxThreads, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), task -> {
                    Thread t = new Thread(task, "ccr-ingest-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Override
    public void checkCreate(JobSpec spec) {
        try (SqlClient src = connector.sql(spec.source().cluster());
                SqlClient dest = connector.sql(spec.target().cluster())) {
            PreflightReport report = new Preflight(src, dest, connector, spec, databaseIds, clusterChecks, ingestPool)
                    .run();
            if (!report.passed()) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, report.failures());
            }
            dest.execute(Statements.createDatabase(Identifier.of(spec.target().database())));
        }
    }

    /** Holds a SQL client of each cluster (the connector's pools stay open while one is held). */
    @Override
    public Held hold(JobSpec spec) {
        SqlClient src = connector.sql(spec.source().cluster());
        SqlClient dest;
        try {
            dest = connector.sql(spec.target().cluster());
        } catch (RuntimeException e) {
            src.close();
            throw e;
        }
        return () -> {
            try {
                dest.close();
            } finally {
                src.close();
            }
        };
    }

    @Override
    public PreflightReport preflight(JobSpec spec) {
        try (SqlClient src = connector.sql(spec.source().cluster());
                SqlClient dest = connector.sql(spec.target().cluster())) {
            return new Preflight(src, dest, connector, spec, databaseIds, clusterChecks, ingestPool).run();
        }
    }

    @Override
    public CommandExecutor executor(JobSpec spec) {
        FeClient srcFe = connector.fe(spec.source().cluster());
        FeClient destFe = connector.fe(spec.target().cluster());
        SqlClient srcSql = connector.sql(spec.source().cluster());
        SqlClient destSql = connector.sql(spec.target().cluster());
        return new DorisCommandExecutor(spec, connector, srcFe, destFe, srcSql, destSql, ingestPool, ingestLimits,
                txnTimeout, clock, databaseIds, lookahead, binlogTables);
    }

    @Override
    public JobLag lag(JobSpec spec, SyncProgress progress) {
        try (FeClient fe = connector.fe(spec.source().cluster())) {
            BinlogScope scope = spec.source().isTable()
                    ? new BinlogScope(spec.source().database(), spec.source().table(), -1)
                    : BinlogScope.database(spec.source().database());
            // from the last binlog committed on the target: one in flight is not applied yet
            BinlogLagInfo l;
            try {
                l = fe.getBinlogLag(scope, progress.prevCommitSeq());
            } catch (CcrException e) {
                if (e.code() != ErrorCode.BINLOG_NOT_FOUND) {
                    throw e;
                }
                // no binlog written since binlog was enabled (create_ccr checked it was): nothing pending
                l = new BinlogLagInfo(0, -1, -1, -1, -1, 0, 0);
            }
            long lag = Math.max(0, l.lag());
            long seconds = lag == 0 || l.nextBinlogTimestamp() <= 0 ? 0
                    : Math.max(0, clock.millis() - l.nextBinlogTimestamp()) / 1000;
            if (progress.syncState().isFullSync() || progress.syncState().isPartialSync()) {
                // a copy is needed or running: the target misses at least everything since the copy
                // became needed, even when the binlogs that said so were collected (a lower bound)
                lag = Math.max(lag, 1);
                long since = progress.fullSyncStartAt() > 0 ? clock.millis() / 1000 - progress.fullSyncStartAt() : 0;
                seconds = Math.max(seconds, Math.max(0, since));
            }
            return new JobLag(lag, seconds, l.nextCommitSeq() > 0 ? l.nextCommitSeq() : l.firstCommitSeq(),
                    l.lastCommitSeq(), l.nextBinlogTimestamp() > 0 ? l.nextBinlogTimestamp() : l.firstBinlogTimestamp(),
                    l.lastBinlogTimestamp());
        }
    }

    @Override
    public DesyncReport desync(JobSpec spec, SyncProgress progress) {
        try (SqlClient dest = connector.sql(spec.target().cluster())) {
            ClusterIds ids = new ClusterIds(dest, spec.target().database());
            List<String> tables = spec.target().isTable() ? List.of(spec.target().table())
                    : new ArrayList<>(ids.tables().keySet());
            List<String> done = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (String t : tables) {
                try {
                    dest.execute(DesyncStatements.forTable(QualifiedName.of(spec.target().database(), t)));
                    done.add(t);
                } catch (CcrException e) {
                    failed.add(t);
                }
            }
            return new DesyncReport(done, failed);
        }
    }

    @Override
    public VerifyReport verify(JobSpec spec, Supplier<SyncProgress> progress, VerifyRequest request,
            Verifier.Pause pause) {
        try (SqlClient src = connector.sql(spec.source().cluster()); SqlClient dst = connector.sql(spec.target().cluster())) {
            // the source's last binlog: the job's own position when nothing is pending after it
            LongSupplier last = () -> {
                SyncProgress p = progress.get();
                JobLag l = lag(spec, p);
                return l.lag() == 0 ? p.prevCommitSeq() : l.lastCommitSeq();
            };
            Supplier<Verifier.Applied> applied = () -> {
                SyncProgress p = progress.get();
                return new Verifier.Applied(p.prevCommitSeq(), p.syncState().isFullSync() || p.syncState().isPartialSync());
            };
            return new Verifier(src, dst, last, applied, pause, clock).verify(spec, request);
        }
    }

    @Override
    public ReplayPlan plan(JobSpec spec, SyncProgress progress, JobMachine machine, int count) {
        FeClient srcFe = connector.fe(spec.source().cluster());
        FeClient destFe = connector.fe(spec.target().cluster());
        SqlClient srcSql = connector.sql(spec.source().cluster());
        PlanningExecutor.Recording destSql = new PlanningExecutor.Recording(connector.sql(spec.target().cluster()));
        try (PlanningExecutor planner = new PlanningExecutor(new DorisCommandExecutor(spec, connector, srcFe, destFe,
                srcSql, destSql, ingestPool, ingestLimits, txnTimeout, clock, null, lookahead, null))) {
            return new DryRun(machine, planner, destSql::drain).plan(spec.name(), progress, count,
                    clock.instant().getEpochSecond());
        }
    }
}
