package dev.dorisccr.engine.internal.metrics;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-job metrics, fed by the runners through {@link JobListener} (no RPC, no store read):
 * every series carries the tag {@code job}; the Go syncer's names carry {@code name} (the server's
 * {@code GoCompatCollector} reads {@link #jobs()} for its gauges). A job's series appear with its first event on this syncer
 * and go away when it stops here (deleted, lease lost, shut down), so a scrape only shows jobs
 * this syncer runs. Lag comes from the engine's shared lag sample ({@link #lagMeasured}: its lag round
 * every 10 s, and every status or lag call) and is 0 as soon as the runner reports
 * {@link ObservedState#CAUGHT_UP}. docs/operations.md lists every series.
 */
public final class JobMetrics implements JobListener {
    /** Histogram buckets of the Go syncer's {@code ccr_handle_binlog_duration_seconds} ({@code LargeBuckets}). */
    static final Duration[] GO_LARGE_BUCKETS = seconds(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15, 20, 25,
            30, 35, 40, 45, 50);
    /** Buckets of the ingest and copy latency histograms. */
    static final Duration[] LATENCY_BUCKETS = seconds(.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);

    private final MeterRegistry registry;
    private final InstantSource clock;
    private final Map<String, JobGauges> jobs = new ConcurrentHashMap<>();

    /** What the gauges of one job read. Fields are written by the job's thread, read by scrapes. */
    public static final class JobGauges {
        volatile ObservedState state = ObservedState.STARTING;
        volatile double lagBinlogs = Double.NaN;
        volatile double lagSeconds = Double.NaN;
        volatile long committedSeq = -1;
        volatile long handlingSeq = -1;
        volatile int syncState = -1;
        volatile int subSyncState = -1;
        volatile double applyDelaySeconds = Double.NaN;
        volatile boolean progressKnown;
        volatile double verifiedAtSeconds = Double.NaN;
        volatile String verifyOutcome = "";

        public ObservedState state() {
            return state;
        }

        public double lagBinlogs() {
            return lagBinlogs;
        }

        public double lagSeconds() {
            return lagSeconds;
        }

        public long handlingSeq() {
            return handlingSeq;
        }

        public int syncState() {
            return syncState;
        }

        public int subSyncState() {
            return subSyncState;
        }

        /** Whether a checkpoint was seen, so the progress gauges hold real values. */
        public boolean progressKnown() {
            return progressKnown;
        }
    }

    public JobMetrics(MeterRegistry registry, InstantSource clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    // ---- what the collectors and the poller read

    /** The jobs seen here and not stopped, by name, with what their gauges show. */
    public SortedMap<String, JobGauges> jobs() {
        return new TreeMap<>(jobs);
    }

    // ---- JobListener

    @Override
    public void statusChanged(String job, ObservedStatus status) {
        if (status.state() == ObservedState.STOPPED) {
            forget(job);
            return;
        }
        JobGauges g = gauges(job);
        g.state = status.state();
        if (status.state() == ObservedState.CAUGHT_UP) {
            g.lagBinlogs = 0;
            g.lagSeconds = 0;
        }
        status.verification().ifPresent(v -> {
            g.verifiedAtSeconds = v.atMs() / 1000.0;
            g.verifyOutcome = v.outcome();
        });
    }

    @Override
    public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs, Duration took) {
        JobGauges g = gauges(job);
        Counter.builder("ccr.job.binlogs.applied").description("binlogs replayed on the target, by binlog type")
                .tag("job", job).tag("type", BinlogType.fromCode(typeCode).name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        Counter.builder("ccr.handle.binlog").description("The number of handled binlog (Go syncer name)")
                .tag("name", job).register(registry).increment();
        Timer.builder("ccr.handle.binlog.duration").description("The handle binlog duration in seconds (Go syncer name)")
                .tag("name", job).serviceLevelObjectives(GO_LARGE_BUCKETS).register(registry).record(took);
        if (sourceCommitTimeMs > 0) {
            g.applyDelaySeconds = Math.max(0, clock.millis() - sourceCommitTimeMs) / 1000.0;
        }
    }

    @Override
    public void txnFinished(String job, TxnOutcome outcome) {
        gauges(job);
        Counter.builder("ccr.job.txns").description("target txns by how they ended").tag("job", job)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    @Override
    public void ingested(String job, int tablets, long bytes, Duration took) {
        gauges(job);
        Timer.builder("ccr.job.ingest").description("time the target BEs took to pull an upsert's tablets")
                .tag("job", job).serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(took);
        Counter.builder("ccr.job.ingest.tablets").description("tablets ingested").tag("job", job).register(registry)
                .increment(tablets);
        if (bytes >= 0) {
            Counter.builder("ccr.job.ingest.bytes").description("bytes ingested").baseUnit("bytes").tag("job", job)
                    .register(registry).increment(bytes);
        }
    }

    @Override
    public void syncStarted(String job, SyncKind kind, SyncReason reason, String detail) {
        gauges(job);
        Counter.builder("ccr.job.syncs").description("full and partial copies started, by reason").tag("job", job)
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void syncFinished(String job, SyncKind kind, Duration took) {
        gauges(job);
        Timer.builder("ccr.job.sync").description("how long finished copies took").tag("job", job)
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(took);
    }

    @Override
    public void stepFailed(String job, String step, ErrorCode code) {
        gauges(job);
        Counter.builder("ccr.job.errors").description("failed steps by error code").tag("job", job)
                .tag("code", code.name()).register(registry).increment();
        Counter.builder("ccr.error").description("The number of errors (Go syncer name)")
                .tag("error", code.name().toLowerCase(Locale.ROOT))
                .tag("type", code.retriable() ? "recoverable" : "panic").register(registry).increment();
    }

    /** A lag the engine measured (its lag round, or a status or lag call sharing the sample). */
    @Override
    public void lagMeasured(String job, long binlogs, long seconds) {
        JobGauges g = jobs.get(job);
        if (g == null) {
            return; // not running here (a status call for another syncer's job), or stopped meanwhile
        }
        g.lagBinlogs = binlogs;
        g.lagSeconds = seconds;
    }

    /** The lag of a job could not be measured; its last value stays. */
    @Override
    public void lagUnknown(String job, ErrorCode code) {
        if (jobs.containsKey(job)) {
            Counter.builder("ccr.job.lag.poll.failures").description("lag polls that failed").tag("job", job)
                    .register(registry).increment();
        }
    }

    @Override
    public void checkpointed(String job, SyncProgress progress) {
        JobGauges g = gauges(job);
        g.committedSeq = progress.prevCommitSeq();
        g.handlingSeq = progress.commitSeq();
        g.syncState = progress.syncState().code();
        g.subSyncState = progress.subSyncState().state();
        g.progressKnown = true;
    }

    @Override
    public void journaled(String job, dev.dorisccr.core.spi.JournalEntry entry) {
        gauges(job);
        Counter.builder("ccr.job.journal.entries").description("apply journal entries written, by outcome")
                .tag("job", job).tag("outcome", entry.outcome().name().toLowerCase(Locale.ROOT)).register(registry)
                .increment();
    }

    // ---- per-job meters

    private JobGauges gauges(String job) {
        return jobs.computeIfAbsent(job, this::register);
    }

    private JobGauges register(String job) {
        JobGauges g = new JobGauges();
        for (ObservedState s : ObservedState.values()) {
            if (s == ObservedState.STOPPED) {
                continue; // a stopped job has no series here
            }
            Gauge.builder("ccr.job.status", g, x -> x.state == s ? 1 : 0)
                    .description("1 for the job's observed state, 0 for the others").tag("job", job)
                    .tag("state", s.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
        }
        Gauge.builder("ccr.job.lag.binlogs", g, x -> x.lagBinlogs)
                .description("source binlogs not yet applied (NaN until measured)").tag("job", job)
                .strongReference(true).register(registry);
        Gauge.builder("ccr.job.lag.seconds", g, x -> x.lagSeconds)
                .description("seconds the oldest unapplied source binlog waits (NaN until measured)").tag("job", job)
                .strongReference(true).register(registry);
        Gauge.builder("ccr.job.committed.commit.seq", g, x -> x.committedSeq)
                .description("commit seq of the last source binlog applied on the target (progress prev_commit_seq)")
                .tag("job", job).strongReference(true).register(registry);
        Gauge.builder("ccr.job.apply.delay.seconds", g, x -> x.applyDelaySeconds)
                .description("source commit to target replay of the last binlog applied").tag("job", job)
                .strongReference(true).register(registry);
        Gauge.builder("ccr.job.verification.timestamp.seconds", g, x -> x.verifiedAtSeconds)
                .description("when the job's last consistency check (/verify) finished, epoch seconds (NaN: never)")
                .tag("job", job).strongReference(true).register(registry);
        for (String o : List.of("EQUAL", "DIFFERS", "NOT_ALIGNED", "FAILED")) {
            Gauge.builder("ccr.job.verification.outcome", g, x -> x.verifyOutcome.equals(o) ? 1 : 0)
                    .description("1 for the outcome of the job's last consistency check, 0 for the others").tag("job", job)
                    .tag("outcome", o.toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
        }
        return g;
    }

    /** The job stopped here: every series of it goes. */
    private void forget(String job) {
        jobs.remove(job);
        for (Meter m : registry.getMeters()) {
            if (job.equals(m.getId().getTag("job")) || job.equals(m.getId().getTag("name"))) {
                registry.remove(m);
            }
        }
    }

    private static Duration[] seconds(double... s) {
        Duration[] out = new Duration[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Duration.ofNanos(Math.round(s[i] * 1e9));
        }
        return out;
    }
}
