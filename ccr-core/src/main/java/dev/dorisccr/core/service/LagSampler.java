package dev.dorisccr.core.service;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorClassifier;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.syncer.JobLag;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rate-limited lag sample per job, shared by every reader: {@code /get_lag}, the
 * {@code caught_up} of {@code /job_status}, the status page's sampler and the lag gauges. While the
 * job stays at the same position (its last committed binlog), the source FE is asked at most once
 * per job per {@link #interval()}: a reader within the interval gets the last answer (a failure
 * too: a source that does not answer is not asked again by every reader). Once the job has moved,
 * the answer is stale and the next reader asks again, but not within {@link #MIN_REMEASURE} of the
 * last call. Readers of one job that arrive while its FE call is in flight wait for that call
 * rather than make their own. An answer may thus be up to an interval old: to wait for writes just
 * made on the source, wait for a fetch that started after them ({@code CcrEngine.awaitCaughtUp}).
 *
 * <p>Caught-up needs no FE call at all when the job runs here: the runner reports every fetch that
 * found no newer binlog ({@link JobListener#caughtUp}), and such a report at the job's current
 * position, younger than the interval, answers {@link #caughtUp} by itself.
 *
 * <p>New binlogs on the source set aside what was learnt before them: when the shared probe saw
 * binlogs on the job's source ({@link #binlogsSeen}) or the job's own fetch returned some
 * ({@link JobListener#binlogsFetched}, recorded by {@link #listening}), a caught-up report asked
 * earlier no longer answers, nor does a lag sample of 0 measured earlier (the next reader asks the
 * source). Without the probe (a source user without ADMIN, {@code -binlog_probe_interval 0}) the
 * job's fetch is the first to know, and it tells before the job's status shows the fetch, so
 * {@code caught_up} true with {@code observed.since} after a write means the write is applied.
 *
 * <p>Every FE answer is told to the listener ({@link JobListener#lagMeasured},
 * {@link JobListener#lagUnknown}) from the thread that measured, one call at a time per job.
 * Thread safe.
 */
public final class LagSampler {
    private static final Logger log = LoggerFactory.getLogger(LagSampler.class);
    /** How long a measured lag is reused: the Go syncer's metrics collector interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** The shortest time between two FE calls of a job, even when it has moved since the last one. */
    public static final Duration MIN_REMEASURE = Duration.ofSeconds(1);

    private final InstantSource clock;
    private final long intervalMs;
    private final Duration interval;
    private final JobListener out;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    /** The last FE answer of a job (a lag or a failure), and the runner's last caught-up report. */
    private static final class Track {
        /** Held while an FE call of this job is in flight; guards the sample fields. */
        final Object measuring = new Object();
        JobLag lag;
        CcrException failure;
        long measuredAtMs = Long.MIN_VALUE;
        long measuredAtSeq;
        volatile long caughtUpSeq = -1;
        volatile long caughtUpAtMs = Long.MIN_VALUE;
        /**
         * A caught-up report asked, or a lag-0 sample measured, before this (epoch ms) is stale: the
         * shared probe or the job's own fetch saw newer binlogs then.
         */
        volatile long notBeforeMs = Long.MIN_VALUE;
        long calls;
    }

    /**
     * @param interval how long an answer is reused (positive)
     * @param out told every FE answer
     */
    public LagSampler(InstantSource clock, Duration interval, JobListener out) {
        this.clock = requireNonNull(clock, "clock is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.intervalMs = interval.toMillis();
        this.out = requireNonNull(out, "out is null");
    }

    /** How long an answer is reused. */
    public Duration interval() {
        return interval;
    }

    /**
     * The job's lag at {@code position} (its last committed commit seq): the last answer when it
     * is younger than the interval and was measured at the same position (or is younger than
     * {@link #MIN_REMEASURE}) and, when it is 0, not older than the last sight of new binlogs on the
     * job's source ({@link #binlogsSeen}, {@link JobListener#binlogsFetched}), else {@code measure}'s
     * (an FE call), kept for the next readers. A sample above 0 or a failure is reused whatever was
     * seen since: it does not answer caught up, and re-measuring after every fetch of a busy job
     * would undo the rate limit.
     *
     * @throws CcrException the failure of the last FE call when it is reused
     */
    public JobLag lag(String job, long position, Supplier<JobLag> measure) {
        requireNonNull(measure, "measure is null");
        Track t = tracks.computeIfAbsent(requireNonNull(job, "job is null"), k -> new Track());
        synchronized (t.measuring) {
            long now = clock.millis();
            long age = now - t.measuredAtMs;
            // a lag-0 sample taken before binlogs were last seen on the source is not reused: it
            // would answer caught_up for writes it never saw
            boolean stale = t.measuredAtMs < t.notBeforeMs && t.lag != null && t.lag.lag() == 0;
            if (t.measuredAtMs != Long.MIN_VALUE && age < intervalMs && !stale
                    && (t.measuredAtSeq == position || age < MIN_REMEASURE.toMillis())) {
                if (t.failure != null) {
                    throw new CcrException(t.failure.code(), t.failure.getMessage(), t.failure);
                }
                return t.lag;
            }
            t.calls++;
            try {
                JobLag l = requireNonNull(measure.get(), "measured lag is null");
                t.lag = l;
                t.failure = null;
                t.measuredAtMs = clock.millis();
                t.measuredAtSeq = position;
                tell(() -> out.lagMeasured(job, l.lag(), l.lagSeconds()));
                return l;
            } catch (RuntimeException e) {
                CcrException c = e instanceof CcrException ce ? ce
                        : new CcrException(ErrorClassifier.codeOf(e), String.valueOf(e.getMessage()), e);
                t.lag = null;
                t.failure = c;
                t.measuredAtMs = clock.millis();
                t.measuredAtSeq = position;
                ErrorCode code = c.code();
                tell(() -> out.lagUnknown(job, code));
                throw c;
            }
        }
    }

    /**
     * Whether the job is known to be caught up at {@code progress}: the runner's last caught-up
     * report is at the job's position and younger than the interval, or else the lag sample
     * ({@link #lag}) is 0. A failed measurement answers false (not known to be caught up).
     */
    public boolean caughtUp(String job, SyncProgress progress, Supplier<JobLag> measure) {
        if (caughtUpHere(job, progress)) {
            return true;
        }
        try {
            return lag(job, progress.prevCommitSeq(), measure).lag() == 0;
        } catch (CcrException e) {
            return false; // the source cannot tell: not known to be caught up
        }
    }

    /**
     * Measures the job for the listener, as the lag gauges need it: a job the runner reports caught
     * up at its position is told lag 0 without an FE call; any other reads {@link #lag} (a failure
     * is told to the listener, not thrown).
     */
    public void refresh(String job, SyncProgress progress, Supplier<JobLag> measure) {
        if (caughtUpHere(job, progress)) {
            tell(() -> out.lagMeasured(job, 0, 0));
            return;
        }
        try {
            lag(job, progress.prevCommitSeq(), measure);
        } catch (CcrException e) {
            // told to the listener by lag(); the gauges keep their last value
        }
    }

    private boolean caughtUpHere(String job, SyncProgress progress) {
        Track t = tracks.get(job);
        return t != null && progress.isDone() && t.caughtUpSeq == progress.prevCommitSeq()
                && t.caughtUpAtMs >= t.notBeforeMs && clock.millis() - t.caughtUpAtMs < intervalMs;
    }

    // ---- the shared source probe (BinlogWatcher)

    /**
     * The shared probe (or the job's own fetch, through {@link #listening}) saw binlogs on the job's
     * source at {@code seenAtMs}: a caught-up report asked, or a lag-0 sample measured, before then no
     * longer answers {@link #caughtUp} (the next fetch of the job, or the next FE call, will tell).
     */
    public void binlogsSeen(String job, long seenAtMs) {
        Track t = tracks.computeIfAbsent(requireNonNull(job, "job is null"), k -> new Track());
        if (seenAtMs > t.notBeforeMs) {
            t.notBeforeMs = seenAtMs;
        }
    }

    /**
     * The shared probe saw nothing new on the job's source from {@code sinceMs} to {@code asOfMs}:
     * the job's caught-up report, when it was asked at or after {@code sinceMs}, holds at
     * {@code asOfMs} (same position), so {@link #caughtUp} answers from the probe's latest read.
     */
    public void stillCaughtUp(String job, long sinceMs, long asOfMs) {
        Track t = tracks.get(requireNonNull(job, "job is null"));
        if (t == null) {
            return;
        }
        synchronized (t) {
            long at = t.caughtUpAtMs;
            if (at != Long.MIN_VALUE && at >= sinceMs && at >= t.notBeforeMs && asOfMs > at) {
                t.caughtUpAtMs = asOfMs;
            }
        }
    }

    /** FE calls made for the job so far (tests and benchmarks). */
    public long calls(String job) {
        Track t = tracks.get(job);
        if (t == null) {
            return 0;
        }
        synchronized (t.measuring) {
            return t.calls;
        }
    }

    /** Drops what is known of the job (deleted, or stopped running here). */
    public void forget(String job) {
        tracks.remove(job);
    }

    /**
     * {@code next} with the runners' caught-up reports and fetches that found binlogs recorded here
     * first; give the result to the runners. Every other call goes to {@code next} unchanged.
     */
    public JobListener listening(JobListener next) {
        requireNonNull(next, "next is null");
        return new JobListener() {
            @Override
            public void caughtUp(String job, long commitSeq, long askedAtMs) {
                Track t = tracks.computeIfAbsent(job, k -> new Track());
                synchronized (t) {
                    if (askedAtMs >= t.caughtUpAtMs || commitSeq > t.caughtUpSeq) { // the probe may have moved the time on
                        t.caughtUpSeq = commitSeq;
                        t.caughtUpAtMs = askedAtMs;
                    }
                }
                next.caughtUp(job, commitSeq, askedAtMs);
            }

            @Override
            public void binlogsFetched(String job, long commitSeq, int binlogs, long answeredAtMs) {
                binlogsSeen(job, answeredAtMs);
                next.binlogsFetched(job, commitSeq, binlogs, answeredAtMs);
            }

            @Override
            public void statusChanged(String job, ObservedStatus status) {
                next.statusChanged(job, status);
            }

            @Override
            public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs,
                    Duration took) {
                next.binlogApplied(job, typeCode, commitSeq, sourceCommitTimeMs, took);
            }

            @Override
            public void txnFinished(String job, TxnOutcome outcome) {
                next.txnFinished(job, outcome);
            }

            @Override
            public void ingested(String job, int tablets, long bytes, Duration took) {
                next.ingested(job, tablets, bytes, took);
            }

            @Override
            public void syncStarted(String job, SyncKind kind, SyncReason reason, String detail) {
                next.syncStarted(job, kind, reason, detail);
            }

            @Override
            public void syncFinished(String job, SyncKind kind, Duration took) {
                next.syncFinished(job, kind, took);
            }

            @Override
            public void stepFailed(String job, String step, ErrorCode code) {
                next.stepFailed(job, step, code);
            }

            @Override
            public void lagMeasured(String job, long binlogs, long seconds) {
                next.lagMeasured(job, binlogs, seconds);
            }

            @Override
            public void lagUnknown(String job, ErrorCode code) {
                next.lagUnknown(job, code);
            }

            @Override
            public void checkpointed(String job, SyncProgress progress) {
                next.checkpointed(job, progress);
            }

            @Override
            public void journaled(String job, JournalEntry entry) {
                next.journaled(job, entry);
            }
        };
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // a listener's failure never changes the answer; the engine's listeners log their own
            log.warn("lag listener failed, ignored", e);
        }
    }
}
