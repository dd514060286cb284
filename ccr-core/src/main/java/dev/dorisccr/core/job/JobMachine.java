package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.RawBinlog;
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
 * <p>Upserts: BeginTxn -> (checkpoint txn id) Ingest -> (checkpoint commit infos) CommitTxn ->
 * (checkpoint done). A restart in the middle rolls an uncommitted txn back and fetches the binlog
 * again, or re-sends the commit of a txn whose commit infos were checkpointed.
 */
public final class JobMachine {
    /**
     * Pacing of the machine.
     *
     * @param batchSize binlogs asked per fetch
     * @param pollInterval between two looks at a backup or restore
     * @param idleInterval between two fetches when caught up
     * @param retryBase first delay after a failure, doubled per consecutive failure
     * @param retryMax largest delay after failures
     * @param fullSyncTimeout a full sync not finished after this long starts over
     */
    public record Config(int batchSize, Duration pollInterval, Duration idleInterval, Duration retryBase,
            Duration retryMax, Duration fullSyncTimeout) {
        public static final Config DEFAULTS = new Config(100, Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(24));

        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize < 1");
            }
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(idleInterval, "idleInterval is null");
            requireNonNull(retryBase, "retryBase is null");
            requireNonNull(retryMax, "retryMax is null");
            requireNonNull(fullSyncTimeout, "fullSyncTimeout is null");
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
     */
    public record State(SyncProgress progress, List<RawBinlog> pending, int failures, Optional<String> lastError,
            boolean forceFullSync, long skipCommitSeq, AfterRollback afterRollback, String fullSyncReason) {
        public State {
            requireNonNull(progress, "progress is null");
            pending = List.copyOf(pending);
            requireNonNull(lastError, "lastError is null");
            requireNonNull(afterRollback, "afterRollback is null");
            requireNonNull(fullSyncReason, "fullSyncReason is null");
        }

        /** The state of a job loaded from its checkpoint. */
        public static State resume(SyncProgress progress) {
            return new State(progress, List.of(), 0, Optional.empty(), false, -1, AfterRollback.REFETCH, "");
        }

        public State withForceFullSync() {
            return new State(progress, pending, failures, lastError, true, skipCommitSeq, afterRollback, fullSyncReason);
        }

        public State withSkip(long commitSeq) {
            return new State(progress, pending, failures, lastError, forceFullSync, commitSeq, afterRollback,
                    fullSyncReason);
        }

        State with(SyncProgress p) {
            return new State(p, pending, failures, lastError, forceFullSync, skipCommitSeq, afterRollback,
                    fullSyncReason);
        }

        State withPending(List<RawBinlog> list) {
            return new State(progress, list, failures, lastError, forceFullSync, skipCommitSeq, afterRollback,
                    fullSyncReason);
        }

        State failed(String error, AfterRollback after) {
            return new State(progress, pending, failures + 1, Optional.of(error), forceFullSync, skipCommitSeq, after,
                    fullSyncReason);
        }

        State healthy() {
            return new State(progress, pending, 0, Optional.empty(), forceFullSync, skipCommitSeq,
                    AfterRollback.REFETCH, fullSyncReason);
        }

        State flags(boolean force, long skip, String reason) {
            return new State(progress, pending, failures, lastError, force, skip, afterRollback, reason);
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
