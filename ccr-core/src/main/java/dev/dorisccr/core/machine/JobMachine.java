package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The replication state machine of one job: a pure function (state, event) -> (state, checkpoint?,
 * command). It does no I/O and reads no clock (the time is an argument). The runner that drives
 * it must persist {@link Transition#state()}'s progress whenever {@link Transition#checkpoint()}
 * is set, <em>before</em> it runs the command; then a crash anywhere resumes from the last
 * checkpoint, and the idempotent commands (labels derived from the job and the commit seq) make
 * the replay neither lose nor duplicate data.
 *
 * <p>Upserts: (checkpoint: this binlog is in BEGIN_TRANSACTION with its label, merged with the
 * previous binlog's done) BeginTxn -> Ingest -> CommitTxn -> (checkpoint done). The txn id and the
 * commit infos stay in memory: a restart in the middle fetches the binlog again and begins with
 * the same label, which answers the earlier txn: committed, the binlog is done; still open, it is
 * rolled back and begun again. Progress stored by an older version in INGEST_BINLOG or
 * COMMIT_TRANSACTION still resumes as before (rollback, or the commit re-sent).
 */
public final class JobMachine {
    /**
     * Pacing of the machine.
     *
     * <p>Idle fetches adapt: after binlogs were applied, the first {@code fastPolls} empty fetches
     * are followed by a fetch after {@code fastPollInterval}; from then on the delay doubles up to
     * {@code idleInterval} ({@link #idleDelay}). Backup and restore status polls wait a tenth of
     * the time the job has been running, between {@code fastPollInterval} and {@code pollInterval}
     * ({@link #statusPollDelay}). {@code fastPolls = 0} and {@code fastPollInterval >= idleInterval,
     * pollInterval} give the fixed pacing of earlier versions.
     *
     * @param batchSize binlogs asked per fetch
     * @param pollInterval longest wait between two looks at a backup or restore
     * @param idleInterval longest wait between two fetches when caught up
     * @param retryBase first delay after a failure, doubled per consecutive failure
     * @param retryMax largest delay after failures
     * @param fullSyncTimeout a full sync not finished after this long starts over
     * @param fastPollInterval wait after an empty fetch while the job was recently active, and the
     *     shortest wait between two status polls
     * @param fastPolls empty fetches after activity that are followed by a fast fetch
     * @param pipelineDepth most upserts in flight at once (default 8): 1 applies one binlog at a time; more lets
     *     the executor begin and ingest the next upserts of the batch while the current one commits
     *     ({@link JobCommand.BeginTxn#ahead()}); commits stay one at a time, in commit seq order
     */
    public record Config(int batchSize, Duration pollInterval, Duration idleInterval, Duration retryBase,
            Duration retryMax, Duration fullSyncTimeout, Duration fastPollInterval, int fastPolls, int pipelineDepth) {
        /** Default shortest wait after an empty fetch and between status polls. */
        public static final Duration FAST_POLL_INTERVAL = Duration.ofMillis(100);
        /** Default count of fast fetches after activity (two seconds at 100 ms). */
        public static final int FAST_POLLS = 20;
        /** Default most upserts of a job in flight at once (docs/engine.md, "Why depth 8"). */
        public static final int PIPELINE_DEPTH = 8;
        /** Most upserts in flight that {@link #withPipelineDepth} accepts. */
        public static final int MAX_PIPELINE_DEPTH = 64;
        /** A status poll waits this fraction (1/10) of the time the backup or restore has run. */
        static final int STATUS_POLL_DIVISOR = 10;

        public static final Config DEFAULTS = new Config(100, Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(24), FAST_POLL_INTERVAL, FAST_POLLS, PIPELINE_DEPTH);

        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize < 1");
            }
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(idleInterval, "idleInterval is null");
            requireNonNull(retryBase, "retryBase is null");
            requireNonNull(retryMax, "retryMax is null");
            requireNonNull(fullSyncTimeout, "fullSyncTimeout is null");
            requireNonNull(fastPollInterval, "fastPollInterval is null");
            if (fastPollInterval.isNegative() || fastPollInterval.isZero()) {
                throw new IllegalArgumentException("fastPollInterval <= 0");
            }
            if (fastPolls < 0) {
                throw new IllegalArgumentException("fastPolls < 0");
            }
            if (pipelineDepth < 1 || pipelineDepth > MAX_PIPELINE_DEPTH) {
                throw new IllegalArgumentException("pipelineDepth must be 1 to " + MAX_PIPELINE_DEPTH + ", not "
                        + pipelineDepth);
            }
        }

        /** With the default pipeline depth ({@link #PIPELINE_DEPTH}). */
        public Config(int batchSize, Duration pollInterval, Duration idleInterval, Duration retryBase, Duration retryMax,
                Duration fullSyncTimeout, Duration fastPollInterval, int fastPolls) {
            this(batchSize, pollInterval, idleInterval, retryBase, retryMax, fullSyncTimeout, fastPollInterval,
                    fastPolls, PIPELINE_DEPTH);
        }

        /** The pacing of earlier versions plus the adaptive defaults ({@link #FAST_POLL_INTERVAL}, {@link #FAST_POLLS}). */
        public Config(int batchSize, Duration pollInterval, Duration idleInterval, Duration retryBase, Duration retryMax,
                Duration fullSyncTimeout) {
            this(batchSize, pollInterval, idleInterval, retryBase, retryMax, fullSyncTimeout, FAST_POLL_INTERVAL,
                    FAST_POLLS);
        }

        /** Fixed pacing: a fetch every {@code idleInterval} when idle, a status poll every {@code pollInterval}. */
        public Config fixed() {
            Duration longest = pollInterval.compareTo(idleInterval) > 0 ? pollInterval : idleInterval;
            return new Config(batchSize, pollInterval, idleInterval, retryBase, retryMax, fullSyncTimeout, longest, 0,
                    pipelineDepth);
        }

        public Config withBatchSize(int n) {
            return new Config(n, pollInterval, idleInterval, retryBase, retryMax, fullSyncTimeout, fastPollInterval,
                    fastPolls, pipelineDepth);
        }

        /** This config with at most {@code n} upserts in flight (1: one at a time). */
        public Config withPipelineDepth(int n) {
            return new Config(batchSize, pollInterval, idleInterval, retryBase, retryMax, fullSyncTimeout,
                    fastPollInterval, fastPolls, n);
        }

        /**
         * The wait after the {@code emptyFetches}-th empty fetch in a row since binlogs were last
         * applied (1 for the first): {@code fastPollInterval} up to {@code fastPolls}, then doubling,
         * at most {@code idleInterval}.
         */
        public Duration idleDelay(long emptyFetches) {
            if (emptyFetches <= fastPolls) {
                return min(fastPollInterval, idleInterval);
            }
            long doublings = Math.min(40, emptyFetches - fastPolls);
            long ms = fastPollInterval.toMillis();
            long cap = idleInterval.toMillis();
            for (long i = 0; i < doublings && ms < cap; i++) {
                ms *= 2;
            }
            return Duration.ofMillis(Math.min(ms, cap));
        }

        /**
         * The wait before the next look at a backup or restore that has been running for
         * {@code elapsed}: a tenth of it, at least {@code fastPollInterval}, at most {@code pollInterval}.
         */
        public Duration statusPollDelay(Duration elapsed) {
            Duration d = elapsed.isNegative() ? Duration.ZERO : elapsed.dividedBy(STATUS_POLL_DIVISOR);
            Duration floor = min(fastPollInterval, pollInterval);
            if (d.compareTo(floor) < 0) {
                return floor;
            }
            return min(d, pollInterval);
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    /**
     * Where the adaptive waits stand; in memory only (a resumed job starts idle).
     *
     * @param emptyFetches empty fetches in a row since binlogs were last applied
     * @param waitSince unix seconds when the current backup or restore wait began (-1: none)
     * @param waitedMs the waits asked for since then, a lower bound of the elapsed time finer than seconds
     */
    public record Pacing(long emptyFetches, long waitSince, long waitedMs) {
        /** A job that has not applied anything lately, and waits for no backup or restore. */
        public static final Pacing IDLE = new Pacing(Long.MAX_VALUE / 2, -1, 0);

        Pacing emptyFetch() {
            return new Pacing(emptyFetches + 1, waitSince, waitedMs);
        }

        Pacing active() {
            return new Pacing(0, waitSince, waitedMs);
        }

        /** How long the current backup or restore has been running, as far as this process saw. */
        Duration waited(long now) {
            long sinceMs = waitSince < 0 ? 0 : Math.max(0, now - waitSince) * 1000;
            return Duration.ofMillis(Math.max(sinceMs, waitedMs));
        }

        Pacing waiting(long now, Duration delay) {
            long since = waitSince < 0 ? now : waitSince;
            return new Pacing(emptyFetches, since, waitedMs + delay.toMillis());
        }

        Pacing waitOver() {
            return new Pacing(emptyFetches, -1, 0);
        }
    }

    /** What to do once an open txn is rolled back. */
    public enum AfterRollback {
        /** Fetch the same binlog again now. */
        REFETCH,
        /** Fetch the same binlog again after a back-off. */
        RETRY,
        /** Count the binlog as consumed (skip_error, or the operator's skip). */
        SKIP,
        /** Start a full sync. */
        FULL_SYNC,
        /** Stop and wait for the operator ({@link FailurePolicy.Decision#FAIL}). */
        HALT
    }

    /**
     * The machine's state: the persisted progress plus what lives only in memory.
     *
     * @param progress persisted part
     * @param pending fetched binlogs not yet applied, the one in flight first
     * @param failures consecutive failures (for back-off)
     * @param lastError the last failure, shown by the status API
     * @param forceFullSync the operator asked for a full sync
     * @param skipCommitSeq the operator asked to skip this binlog (-1: none)
     * @param afterRollback what the pending rollback leads to
     * @param fullSyncReason why the next full sync starts
     * @param pacing where the adaptive waits stand
     */
    public record State(SyncProgress progress, List<DecodedBinlog> pending, int failures, Optional<String> lastError,
            boolean forceFullSync, long skipCommitSeq, AfterRollback afterRollback, String fullSyncReason,
            Pacing pacing) {
        public State {
            requireNonNull(progress, "progress is null");
            pending = List.copyOf(pending);
            requireNonNull(lastError, "lastError is null");
            requireNonNull(afterRollback, "afterRollback is null");
            requireNonNull(fullSyncReason, "fullSyncReason is null");
            requireNonNull(pacing, "pacing is null");
        }

        /** The state of a job loaded from its checkpoint. */
        public static State resume(SyncProgress progress) {
            return new State(progress, List.of(), 0, Optional.empty(), false, -1, AfterRollback.REFETCH, "", Pacing.IDLE);
        }

        public State withForceFullSync() {
            return new State(progress, pending, failures, lastError, true, skipCommitSeq, afterRollback, fullSyncReason, pacing);
        }

        public State withSkip(long commitSeq) {
            return new State(progress, pending, failures, lastError, forceFullSync, commitSeq, afterRollback,
                    fullSyncReason, pacing);
        }

        State with(SyncProgress p) {
            return new State(p, pending, failures, lastError, forceFullSync, skipCommitSeq, afterRollback,
                    fullSyncReason, pacing);
        }

        State withPending(List<DecodedBinlog> list) {
            return new State(progress, list, failures, lastError, forceFullSync, skipCommitSeq, afterRollback,
                    fullSyncReason, pacing);
        }

        State failed(String error, AfterRollback after) {
            return new State(progress, pending, failures + 1, Optional.of(error), forceFullSync, skipCommitSeq, after,
                    fullSyncReason, pacing);
        }

        State healthy() {
            return new State(progress, pending, 0, Optional.empty(), forceFullSync, skipCommitSeq,
                    AfterRollback.REFETCH, fullSyncReason, pacing);
        }

        State with(Pacing next) {
            return new State(progress, pending, failures, lastError, forceFullSync, skipCommitSeq, afterRollback,
                    fullSyncReason, next);
        }

        State flags(boolean force, long skip, String reason) {
            return new State(progress, pending, failures, lastError, force, skip, afterRollback, reason, pacing);
        }
    }

    /**
     * The result of one event.
     *
     * @param state the new state
     * @param checkpoint persist {@code state.progress()} before running the command
     * @param command what to do next
     */
    public record Transition(State state, boolean checkpoint, JobCommand command) {
        public Transition {
            requireNonNull(state, "state is null");
            requireNonNull(command, "command is null");
        }
    }

    private final JobSpec spec;
    private final Config config;

    public JobMachine(JobSpec spec, Config config) {
        this.spec = requireNonNull(spec, "spec is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** Feeds one event. {@code nowSeconds} is unix time, for the progress stamps and deadlines. */
    public Transition on(State state, JobEvent event, long nowSeconds) {
        requireNonNull(state, "state is null");
        requireNonNull(event, "event is null");
        return new JobStep(this, state, nowSeconds).handle(event);
    }

    JobSpec spec() {
        return spec;
    }

    Config config() {
        return config;
    }
}
