package dev.dorisccr.core.service;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorClassifier;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.ha.JobLeaseManager;
import dev.dorisccr.core.ha.LocalJobs;
import dev.dorisccr.core.ha.StopReason;
import dev.dorisccr.core.ha.SyncerMembership;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.machine.DryRun;
import dev.dorisccr.core.machine.JobLoggingContext;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobDetail;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.syncer.JobStatus;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.core.syncer.SkipBy;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedding facade: many jobs, one metadata store, one small scheduler. Jobs run where this
 * syncer holds their lease ({@link JobLeaseManager}); every progress write carries the lease's
 * fencing token. Operator requests change the stored desired state first, so they hold across
 * restarts and take-overs; the owner applies them at its next tick.
 *
 * <p>Embedders do not build it themselves: {@code dev.dorisccr.engine.CcrEngine} (module
 * {@code ccr-engine}) wires it with defaults and owns its threads; see {@code docs/embedding.md}.
 *
 * <pre>{@code
 * Syncer syncer = new Syncer(store, clusters, scheduler, clock, "10.0.0.5:9190",
 *         HaSettings.defaults(), JobMachine.Config.DEFAULTS);
 * syncer.start();
 * syncer.create(JobSpecJson.parseCreateRequest(body));
 * }</pre>
 */
public final class Syncer implements JobService, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Syncer.class);
    /** The wait between the attempts of a verification asked over the API. */
    private static final Duration VERIFY_PAUSE = Duration.ofSeconds(1);

    private final MetadataStore store;
    private final ClusterOperations clusters;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final HaSettings ha;
    private final JobMachine.Config machineConfig;
    private final JobLeaseManager leases;
    private final JobListener listener;
    private final LagSampler lags;
    private final String self;
    private final Map<String, LocalJob> local = new ConcurrentHashMap<>();
    private final Object tickLock = new Object();
    private Scheduler.Cancellable nextTick;
    private boolean closed;
    private volatile String tickFailure;
    private final Map<String, StopReason> lost = new ConcurrentHashMap<>();
    private final AtomicBoolean nudgePending = new AtomicBoolean();

    /** A job running here: its lease, spec and runner. */
    private record LocalJob(JobLease lease, JobSpec spec, JobRunner runner) {}

    /** A job whose lease is held here but whose start failed: retried with back-off from the tick. */
    private record FailedStart(JobLease lease, ObservedStatus status, long nextAtMs) {}

    private final Map<String, FailedStart> failedStarts = new ConcurrentHashMap<>();

    public Syncer(MetadataStore store, ClusterOperations clusters, Scheduler scheduler, InstantSource clock,
            String self, HaSettings ha, JobMachine.Config machineConfig) {
        this(store, clusters, scheduler, clock, self, ha, machineConfig, JobListener.NONE);
    }

    /** As above, telling {@code listener} what every job running here does (metrics, embedders). */
    public Syncer(MetadataStore store, ClusterOperations clusters, Scheduler scheduler, InstantSource clock,
            String self, HaSettings ha, JobMachine.Config machineConfig, JobListener listener) {
        this.lags = new LagSampler(clock, LagSampler.DEFAULT_INTERVAL, requireNonNull(listener, "listener is null"));
        this.listener = lags.listening(listener); // the runners' caught-up reports answer caught_up without an FE call
        this.store = StoreGuard.guard(store); // any exception type from the store: STORE_UNAVAILABLE
        this.clusters = requireNonNull(clusters, "clusters is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.self = requireNonNull(self, "self is null");
        this.ha = requireNonNull(ha, "ha is null");
        this.machineConfig = requireNonNull(machineConfig, "machineConfig is null");
        SyncerMembership membership = new SyncerMembership(this.store.leases(), self, clock, ha);
        this.leases = new JobLeaseManager(this.store.jobs(), this.store.leases(), membership, new Local(), clock, ha);
    }

    /** Starts the periodic lease/desired-state tick; jobs start as leases are won. */
    public void start() {
        synchronized (tickLock) {
            if (closed || nextTick != null) {
                return;
            }
            nextTick = scheduler.schedule(this::tick, java.time.Duration.ZERO);
        }
    }

    /** One round: leases, then desired states of the jobs held here. Runs on the scheduler. */
    private void tick() {
        try {
            tickOnce();
            tickFailure = null;
        } catch (RuntimeException e) {
            tickFailure = ErrorClassifier.codeOf(e) + ": " + e.getMessage();
            log.warn("syncer {}: tick failed: {}", self, e.getMessage());
        } finally {
            synchronized (tickLock) {
                if (!closed) {
                    nextTick = scheduler.schedule(this::tick, ha.tickInterval());
                }
            }
        }
    }

    /** Leases, then the desired states of the jobs held here. */
    private void tickOnce() {
        leases.tick();
        applyDesiredStates();
    }

    private void applyDesiredStates() {
        retryFailedStarts();
        SortedMap<String, DesiredState> states = leases.lastDesiredStates(); // read by the lease round just now
        local.forEach((name, job) -> {
            DesiredState want = states.get(name);
            if (want == DesiredState.RUNNING && !job.runner().isRunning()) {
                job.runner().start();
            } else if (want == DesiredState.PAUSED && job.runner().isRunning()) {
                job.runner().pause();
            }
        });
    }

    /**
     * Stops at once: the tick ends, each job stops after the step in progress without waiting for
     * it, and the leases are released. Same as {@code close(Duration.ZERO)}.
     */
    @Override
    public void close() {
        close(java.time.Duration.ZERO);
    }

    /**
     * Stops the jobs at a checkpoint boundary, waiting up to {@code timeout} for the steps in
     * progress to finish and be checkpointed, then stops them, releases the leases and ends the
     * tick. A step still running at the deadline is abandoned: its late checkpoint is refused by
     * the store (the lease is released), and the next owner replays it from the last checkpoint,
     * which the labels make idempotent. A closed syncer does not start again.
     *
     * @return true when every job stopped at a checkpoint boundary within {@code timeout}
     */
    public boolean close(java.time.Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        synchronized (tickLock) {
            closed = true;
            if (nextTick != null) {
                nextTick.cancel();
            }
        }
        List<java.util.concurrent.CompletableFuture<Void>> drains = local.values().stream()
                .map(j -> j.runner().drain()).toList();
        boolean clean = true;
        try {
            java.util.concurrent.CompletableFuture.allOf(drains.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(Math.max(0, timeout.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            clean = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (java.util.concurrent.ExecutionException e) {
            clean = false; // drains never complete exceptionally; kept for the compiler
        }
        long unfinished = drains.stream().filter(d -> !d.isDone()).count();
        if (unfinished > 0) {
            log.warn("syncer {}: {} job(s) still in a step after {}; stopping them anyway (the next owner replays"
                    + " the step from its checkpoint)", self, unfinished, timeout);
        }
        leases.releaseAll();
        return clean;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (tickLock) {
            return closed;
        }
    }

    /**
     * The failure of the last lease/desired-state tick (the store unreachable, most often), empty
     * when it succeeded.
     */
    public Optional<String> tickFailure() {
        String f = tickFailure;
        return f != null ? Optional.of(f) : leases.storeFailure();
    }

    /**
     * Jobs this syncer stopped because it lost their lease or could not confirm it, with the reason;
     * a job leaves the map when it runs here again or is deleted.
     */
    public Map<String, StopReason> lostJobs() {
        return Map.copyOf(lost);
    }

    /** This syncer's identity in the store. */
    public String identity() {
        return self;
    }

    // ---- JobService

    @Override
    public void create(JobSpec spec) {
        if (store.jobs().get(spec.name()).isPresent()) {
            throw new CcrException(ErrorCode.JOB_ALREADY_EXISTS, "job " + spec.name() + " already exist");
        }
        // the checks, the target database's creation and the job's executor share one set of clients
        try (ClusterOperations.Held held = clusters.hold(spec)) {
            clusters.checkCreate(spec);
            store.jobs().create(spec.name(), JobSpecJson.toStoredJson(spec), DesiredState.RUNNING,
                    JobSpecJson.secrets(spec));
            log.info("job {} created ({} {}.{} -> {}.{})", spec.name(), spec.syncType().goName(),
                    spec.source().database(), spec.source().table(), spec.target().database(), spec.target().table());
            // no round over all jobs on the request path: take this one lease, or let a tick place it
            try {
                if (!leases.claim(spec.name())) {
                    nudge();
                }
            } catch (RuntimeException e) {
                log.warn("job {} is stored; it starts at the next tick: {}", spec.name(), e.getMessage());
            }
        }
    }

    /** Runs one extra tick soon on the scheduler (at most one pending), without moving the periodic one. */
    private void nudge() {
        if (!nudgePending.compareAndSet(false, true)) {
            return;
        }
        synchronized (tickLock) {
            if (closed) {
                return;
            }
            scheduler.schedule(() -> {
                nudgePending.set(false);
                synchronized (tickLock) {
                    if (closed) {
                        return;
                    }
                }
                try {
                    tickOnce();
                } catch (RuntimeException e) {
                    log.warn("syncer {}: tick after a create failed: {}", self, e.getMessage());
                }
            }, Duration.ZERO);
        }
    }

    @Override
    public PreflightReport preflight(JobSpec spec) {
        return clusters.preflight(spec);
    }

    @Override
    public void pause(String name) {
        setDesired(name, DesiredState.PAUSED);
        operator(name, "paused");
        Optional.ofNullable(local.get(name)).ifPresent(j -> j.runner().pause());
    }

    @Override
    public void resume(String name) {
        setDesired(name, DesiredState.RUNNING);
        operator(name, "resumed");
        Optional.ofNullable(local.get(name)).ifPresent(j -> j.runner().start());
    }

    @Override
    public void delete(String name) {
        JobRecord marked = setDesired(name, DesiredState.DELETED);
        LocalJob job = local.remove(name);
        if (job != null) {
            job.runner().stop();
        }
        store.jobs().delete(name, marked.version());
        lags.forget(name);
        log.info("job {} deleted; nothing was changed on the target", name);
    }

    @Override
    public DesyncReport desync(String name) {
        JobSpec spec = spec(record(name));
        DesyncReport r = clusters.desync(spec, progress(name));
        operator(name, "desynced: is_being_synced cleared on " + r.desynced() + (r.failed().isEmpty() ? ""
                : ", failed on " + r.failed()));
        return r;
    }

    /** Waits about a second between attempts (on the syncer's scheduler) and nudges the job to fetch. */
    @Override
    public VerifyReport verify(String name, VerifyRequest request) {
        return verify(name, request, attempt -> pauseFor(VERIFY_PAUSE));
    }

    /**
     * As {@link #verify(String, VerifyRequest)}, waiting between attempts with {@code pause}. The job
     * owned here is nudged to look for binlogs before each new attempt, and the outcome is kept in
     * its observed status.
     */
    public VerifyReport verify(String name, VerifyRequest request, Verifier.Pause pause) {
        JobSpec spec = spec(record(name));
        LocalJob job = local.get(name);
        Supplier<SyncProgress> position = () -> job != null ? job.runner().state().progress() : progress(name);
        VerifyReport report = clusters.verify(spec, position, request, attempt -> {
            if (job != null) {
                job.runner().syncNow();
            }
            pause.before(attempt);
        });
        if (job != null) {
            job.runner().noteVerification(report.summary());
        }
        return report;
    }

    @Override
    public ReplayPlan plan(String name, int count) {
        if (count < 1 || count > DryRun.MAX_BINLOGS) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "count must be 1 to " + DryRun.MAX_BINLOGS);
        }
        JobSpec spec = spec(record(name));
        // from where the job is (a binlog in flight is planned from its start, as a restart would)
        return clusters.plan(spec, progress(name), new JobMachine(spec, machineConfig), count);
    }

    @Override
    public void recopyTable(String name, String table) {
        if (table == null || table.isBlank()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "table is empty (the source table to copy again)");
        }
        LocalJob job = localJob(name);
        SyncProgress p = job.runner().state().progress();
        if (!p.syncState().isIncremental()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "job " + name + " is copying the source ("
                    + p.syncState().goName() + "): ask again once it is incremental");
        }
        Long id = p.tableNameMapping().entrySet().stream().filter(e -> e.getValue().equals(table))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (id == null) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "no table " + table + " in job " + name + " (tables: "
                    + String.join(", ", new java.util.TreeSet<>(p.tableNameMapping().values())) + ")");
        }
        job.runner().recopyTable(id, table);
        operator(name, "asked to copy table " + table + " again");
    }

    @Override
    public List<dev.dorisccr.core.spi.JournalEntry> journal(dev.dorisccr.core.spi.JournalQuery query) {
        record(query.jobName());
        if (!store.progress().keepsJournal()) {
            throw new CcrException(ErrorCode.DORIS_UNSUPPORTED,
                    "this metadata store keeps no apply journal (a custom store without the journal methods)");
        }
        return store.progress().journal(query);
    }

    private void pauseFor(Duration d) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(() -> done.complete(null), d);
        try {
            done.get(d.toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the scheduler is busy: go on with the next attempt
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public JobStatus status(String name) {
        JobRecord r = record(name);
        LocalJob job = local.get(name);
        if (job != null) {
            JobMachine.State s = job.runner().state();
            return new JobStatus(name, r.desiredState(), s.progress().syncState(), s.progress().subSyncState(),
                    s.lastError(), caughtUp(r, s.progress(), s.lastError()), job.runner().status());
        }
        FailedStart failed = failedStarts.get(name);
        SyncProgress p;
        try {
            p = progress(name);
        } catch (RuntimeException e) {
            if (failed == null) {
                throw e;
            }
            // the start failed on this very read: the failure is the answer
            p = SyncProgress.initial(name, spec(r).syncType(), r.createdAt().getEpochSecond(), r.version());
        }
        ObservedStatus observed = failed != null ? failed.status()
                : store.progress().get(name).map(x -> SyncProgressJson.readStatus(x.progress(), clock.millis()))
                        .orElseGet(() -> ObservedStatus.starting(clock.millis()));
        if (r.desiredState() == DesiredState.PAUSED && failed == null) {
            observed = new ObservedStatus(ObservedState.PAUSED, "", observed.error(), 0, 0, observed.sinceMs(),
                    observed.verification());
        }
        Optional<String> lastError = observed.error().map(e -> e.code() + ": " + e.message());
        return new JobStatus(name, r.desiredState(), p.syncState(), p.subSyncState(), lastError,
                caughtUp(r, p, lastError), observed);
    }

    /**
     * {@link JobStatus#caughtUp()}: asks the source FE only when everything else says so and the
     * runner has not just reported it, at most once per job per {@link LagSampler#interval()}.
     */
    private boolean caughtUp(JobRecord r, SyncProgress p, Optional<String> lastError) {
        boolean incremental = !p.syncState().isFullSync() && !p.syncState().isPartialSync();
        if (r.desiredState() != DesiredState.RUNNING || !incremental || !p.isDone() || lastError.isPresent()) {
            return false;
        }
        return lags.caughtUp(r.name(), p, () -> clusters.lag(spec(r), p));
    }

    /** The shared lag sample: at most one source FE call per job per {@link LagSampler#interval()}. */
    @Override
    public JobLag lag(String name) {
        JobRecord r = record(name);
        SyncProgress p = progress(name);
        return lags.lag(name, p.prevCommitSeq(), () -> clusters.lag(spec(r), p));
    }

    /**
     * Measures the lag of every job running here for the listeners ({@link JobListener#lagMeasured}),
     * sharing the sample {@link #lag} and {@link #status} read; a job the runner reports caught up
     * costs no FE call. May block for an FE call per job: run it on a thread of its own.
     */
    public void sampleLags() {
        for (Map.Entry<String, LocalJob> e : new java.util.TreeMap<>(local).entrySet()) {
            LocalJob job = e.getValue();
            SyncProgress p = job.runner().state().progress();
            try (JobLoggingContext ignored = JobLoggingContext.forJob(e.getKey())) {
                lags.refresh(e.getKey(), p, () -> clusters.lag(job.spec(), p));
            }
        }
    }

    @Override
    public List<String> list() {
        return store.jobs().list().stream().map(JobRecord::name).toList();
    }

    @Override
    public JobDetail detail(String name) {
        JobRecord r = record(name);
        return new JobDetail(spec(r), r.desiredState());
    }

    @Override
    public SyncProgress progress(String name) {
        LocalJob job = local.get(name);
        if (job != null) {
            return job.runner().state().progress();
        }
        JobRecord r = record(name);
        return store.progress().get(name)
                .map(p -> SyncProgressJson.read(p.progress()))
                .orElseGet(() -> SyncProgress.initial(name, spec(r).syncType(), r.createdAt().getEpochSecond(),
                        r.version()));
    }

    @Override
    public boolean sync(String name) {
        boolean triggered = localJob(name).runner().syncNow();
        operator(name, "asked to sync now (" + (triggered ? "started" : "busy: it looks again after its step") + ")");
        return triggered;
    }

    /**
     * Cuts the wait of a job running here short (its idle re-check), without the operator's log
     * line of {@link #sync}; false when the job does not run here or is not waiting.
     */
    public boolean wakeUp(String name) {
        LocalJob job = local.get(name);
        return job != null && job.runner().syncNow();
    }

    @Override
    public void forceFullSync(String name) {
        localJob(name).runner().forceFullSync();
        operator(name, "asked for a full sync (at the next step)");
    }

    @Override
    public void skipBinlog(String name, SkipBy by, long commitSeq) {
        LocalJob job = localJob(name);
        if (by == SkipBy.FULLSYNC) {
            job.runner().forceFullSync();
            operator(name, "asked to skip by full sync");
        } else {
            job.runner().skipBinlog(commitSeq);
            operator(name, "asked to skip binlog " + commitSeq);
        }
    }

    @Override
    public void updateHostMapping(String name, Map<String, String> source, Map<String, String> target) {
        JobRecord r = record(name);
        JobSpec spec = spec(r);
        HostMapping src = spec.source().cluster().hostMapping().with(source);
        HostMapping dest = spec.target().cluster().hostMapping().with(target);
        updateSpec(r, spec.withEndpoints(spec.source().withCluster(spec.source().cluster().withHostMapping(src)),
                spec.target().withCluster(spec.target().cluster().withHostMapping(dest))));
        operator(name, "host mapping updated (source " + source.keySet() + ", target " + target.keySet() + ")");
    }

    @Override
    public void updateSkipError(String name, boolean skipError) {
        JobRecord r = record(name);
        JobSpec spec = spec(r);
        JobOptions options = spec.options().withSkipError(skipError);
        updateSpec(r, spec.withOptions(options));
        operator(name, "skip_error set to " + skipError);
    }

    @Override
    public JobOwner ownerOf(String name) {
        if (store.jobs().get(name).isEmpty()) {
            return JobOwner.notFound();
        }
        if (local.containsKey(name)) {
            return JobOwner.local();
        }
        return leases.ownerOf(name).filter(o -> !o.equals(self)).map(JobOwner::remote).orElse(JobOwner.local());
    }

    // ---- helpers

    /** One INFO line per operator action, logged for the job (ccrName=). */
    private static void operator(String job, String what) {
        try (JobLoggingContext ignored = JobLoggingContext.forJob(job)) {
            log.info("job {}: {} by the operator", job, what);
        }
    }

    private void updateSpec(JobRecord r, JobSpec spec) {
        store.jobs().update(r.name(), r.version(), JobSpecJson.toStoredJson(spec), r.desiredState(),
                JobSpecJson.secrets(spec));
        LocalJob job = local.get(r.name());
        if (job != null) { // restart from the checkpoint with the new spec
            job.runner().stop();
            startLocal(job.lease(), spec, r.desiredState(), r.version());
        }
    }

    private JobRecord setDesired(String name, DesiredState state) {
        JobRecord r = record(name);
        return store.jobs().update(name, r.version(), r.spec(), state, r.secrets());
    }

    private JobRecord record(String name) {
        return store.jobs().get(name)
                .orElseThrow(() -> new CcrException(ErrorCode.JOB_NOT_FOUND, "job " + name + " not exist"));
    }

    private LocalJob localJob(String name) {
        LocalJob job = local.get(name);
        if (job == null) {
            record(name);
            throw new CcrException(ErrorCode.JOB_NOT_FOUND, "job not exist: " + name
                    + " (it is not running on this syncer yet)");
        }
        return job;
    }

    private static JobSpec spec(JobRecord r) {
        return JobSpecJson.fromStoredJson(r.spec(), r.secrets());
    }

    /**
     * Runs a job here from its stored progress, or from a new one whose incarnation is the job
     * record's version: versions are unique in the store and only grow, so a job deleted and
     * created again under the same name gets labels the old one never used.
     */
    private void startLocal(JobLease lease, JobSpec spec, DesiredState desired, long recordVersion) {
        Optional<ProgressRecord> stored = store.progress().get(spec.name());
        SyncProgress progress = stored.map(p -> SyncProgressJson.read(p.progress()))
                .orElseGet(() -> SyncProgress.initial(spec.name(), spec.syncType(), clock.instant().getEpochSecond(),
                        recordVersion));
        ObservedStatus status = stored.map(p -> SyncProgressJson.readStatus(p.progress(), clock.millis()))
                .orElseGet(() -> ObservedStatus.starting(clock.millis()));
        JobRunner runner = new JobRunner(spec.name(), new JobMachine(spec, machineConfig), progress, status,
                clusters.executor(spec),
                new StoreCheckpointer(store.progress(), spec.name(), lease.token()),
                scheduler, clock, listener);
        local.put(spec.name(), new LocalJob(lease, spec, runner));
        watchBinlogs(spec, runner);
        if (desired == DesiredState.RUNNING) {
            runner.start();
        }
    }

    /**
     * Lets the shared source probe ({@link ClusterOperations#binlogWatcher()}) wake the job and keep
     * its caught-up report fresh; the subscription ends when another runner (or none) runs the job.
     */
    private void watchBinlogs(JobSpec spec, JobRunner runner) {
        String name = spec.name();
        BinlogWatcher.Subscription sub = clusters.binlogWatcher().watch(spec, new BinlogWatcher.Callbacks() {
            @Override
            public boolean alive() {
                LocalJob j = local.get(name);
                return j != null && j.runner() == runner;
            }

            @Override
            public void wake(long seenAtMs) {
                lags.binlogsSeen(name, seenAtMs);
                runner.nudge();
            }

            @Override
            public void stillCaughtUp(long sinceMs, long asOfMs) {
                lags.stillCaughtUp(name, sinceMs, asOfMs);
            }
        });
        runner.useBinlogWatch(sub::served, clusters.binlogWatcher().servedIdleInterval());
    }

    /** The shared source probes of this syncer: per source cluster, whether its jobs are woken by one. */
    public List<BinlogWatcher.ProbeState> binlogProbes() {
        return clusters.binlogWatcher().states();
    }

    /** Starts a leased job here; a failure is shown in its status and retried with back-off. */
    private void tryStart(JobLease lease) {
        Optional<JobRecord> r = store.jobs().get(lease.jobName());
        if (r.isEmpty() || r.get().desiredState() == DesiredState.DELETED) {
            failedStarts.remove(lease.jobName());
            return;
        }
        try (JobLoggingContext ignored = JobLoggingContext.forJob(lease.jobName())) {
            try {
                startLocal(lease, spec(r.get()), r.get().desiredState(), r.get().version());
                failedStarts.remove(lease.jobName());
                lost.remove(lease.jobName());
                log.info("job {} runs on {} (lease token {})", lease.jobName(), self, lease.token());
            } catch (RuntimeException e) {
                FailedStart before = failedStarts.get(lease.jobName());
                int attempt = before == null ? 1 : before.status().attempt() + 1;
                long delayMs = Math.min(machineConfig.retryMax().toMillis(),
                        machineConfig.retryBase().toMillis() << Math.min(20, attempt - 1));
                long now = clock.millis();
                ErrorCode code = ErrorClassifier.codeOf(e);
                JobError err = new JobError(code, String.valueOf(e.getMessage()), "start", -1,
                        before == null ? now : before.status().error().map(JobError::firstAtMs).orElse(now), now, attempt,
                        List.of("wait (retried by itself)", "fix the cause shown", "delete"));
                ObservedStatus st = new ObservedStatus(ObservedState.BACKING_OFF, "start", Optional.of(err), attempt,
                        now + delayMs, before == null ? now : before.status().sinceMs());
                failedStarts.put(lease.jobName(), new FailedStart(lease, st, now + delayMs));
                tell(lease.jobName(), st);
                log.error("job {} cannot start ({}: {}); retrying in {} ms (attempt {})", lease.jobName(), code,
                        e.getMessage(), delayMs, attempt);
            }
        }
    }

    /** A status no runner reports (a start that failed): the listener hears it from here. */
    private void tell(String job, ObservedStatus status) {
        try {
            listener.statusChanged(job, status);
        } catch (RuntimeException e) {
            log.warn("job {}: listener statusChanged failed, ignored", job, e);
        }
    }

    private void retryFailedStarts() {
        long now = clock.millis();
        failedStarts.values().stream().filter(f -> f.nextAtMs() <= now).map(FailedStart::lease).toList()
                .forEach(this::tryStart);
    }

    /** Saves a job's progress under its lease, with the journal entries it accounts for. */
    private record StoreCheckpointer(dev.dorisccr.core.spi.ProgressStore progress, String job, long token)
            implements dev.dorisccr.core.machine.Checkpointer {
        @Override
        public void save(SyncProgress p, ObservedStatus st) {
            progress.put(job, SyncProgressJson.write(p, st), token);
        }

        @Override
        public void save(SyncProgress p, ObservedStatus st, List<dev.dorisccr.core.spi.JournalEntry> journal) {
            if (journal.isEmpty()) {
                save(p, st);
            } else {
                progress.put(job, SyncProgressJson.write(p, st), token, journal);
            }
        }
    }

    /** The lease manager's view of the jobs running here. */
    private final class Local implements LocalJobs {
        @Override
        public void start(JobLease lease) {
            tryStart(lease);
        }

        @Override
        public CompletableFuture<Void> drain(String jobName) {
            LocalJob job = local.get(jobName);
            return job == null ? CompletableFuture.completedFuture(null) : job.runner().drain();
        }

        @Override
        public boolean cancelDrain(String jobName) {
            LocalJob job = local.get(jobName);
            return job != null && job.runner().cancelDrain();
        }

        @Override
        public void stop(String jobName, StopReason reason) {
            FailedStart failed = failedStarts.remove(jobName);
            if (failed != null) {
                tell(jobName, new ObservedStatus(ObservedState.STOPPED, "", failed.status().error(), 0, 0, clock.millis()));
            }
            LocalJob job = local.remove(jobName);
            if (reason == StopReason.LEASE_LOST || reason == StopReason.STORE_UNREACHABLE) {
                lost.put(jobName, reason);
            } else {
                lost.remove(jobName);
            }
            if (job != null) {
                job.runner().stop();
                log.info("job {} stopped on {}: {}", jobName, self, reason);
            }
        }
    }
}
