package dev.dorisccr.core.job;

import dev.dorisccr.core.error.ErrorCode;
import java.time.Duration;

/**
 * Observes what jobs do, for metrics and embedders, without the core knowing who listens. Every
 * method has a no-op default; implement the ones you need.
 *
 * <p>The runner calls a listener from the job's own thread (status changes also from the thread
 * of the operator request that caused them), one call at a time per job, sometimes while it holds
 * the job's lock: a listener must be quick, must not block and must not wait for another job. An
 * exception thrown by a listener is caught and logged at WARN; it never changes what the job does.
 *
 * <pre>{@code
 * JobListener applied = new JobListener() {
 *     public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs,
 *             Duration took) {
 *         counts.merge(job, 1L, Long::sum);
 *     }
 * };
 * CcrEngine engine = CcrEngine.builder().sqliteStore(path).listener(applied).build();
 * }</pre>
 */
public interface JobListener {
    /** Listens to nothing. */
    JobListener NONE = new JobListener() {};

    /** How a target txn ended. */
    enum TxnOutcome {
        /** Committed (a commit of a txn already committed counts too). */
        COMMITTED,
        /** Aborted (a stale txn of an earlier attempt, or after a failed step). */
        ROLLED_BACK,
        /** beginTxn found the label used already (an earlier attempt's txn). */
        LABEL_EXISTED
    }

    /** What a copy copies. */
    enum SyncKind {
        /** The job's whole scope (backup and restore of the database or table). */
        FULL,
        /** One table, or some of its partitions. */
        PARTIAL
    }

    /** Why a copy starts: a small fixed set, fit for a metric tag. */
    enum SyncReason {
        /** The first copy of a new job. */
        NEW_JOB,
        /** The operator asked for it ({@code force_fullsync}, {@code job_skip_binlog} by fullsync). */
        OPERATOR,
        /** The binlogs after the job's position were collected on the source (or a dummy binlog came). */
        BINLOG_COLLECTED,
        /** A binlog cannot be replayed incrementally (a DDL that only a copy carries over). */
        DDL,
        /** A failed step whose code asks for a copy (target no longer matching, binlog turned off...). */
        FAILURE,
        /** The previous copy failed, timed out or could not go on. */
        COPY_RETRY,
        /** None of the above. */
        OTHER
    }

    /** The observed status changed (state, detail, error, attempt). */
    default void statusChanged(String job, ObservedStatus status) {}

    /**
     * A binlog is replayed on the target.
     *
     * @param typeCode the Doris binlog type number ({@link dev.dorisccr.core.binlog.BinlogType#fromCode})
     * @param sourceCommitTimeMs when it was committed on the source, epoch ms; -1 when unknown
     * @param took from the first step on it to this one (0 when it was resumed after a restart)
     */
    default void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs, Duration took) {}

    /** A target txn ended. */
    default void txnFinished(String job, TxnOutcome outcome) {}

    /**
     * The target BEs pulled an upsert's tablets.
     *
     * @param tablets distinct tablets written
     * @param bytes bytes moved, -1 when the BEs do not say (Doris does not report it today)
     * @param took how long the ingest step took
     */
    default void ingested(String job, int tablets, long bytes, Duration took) {}

    /**
     * A full or partial copy starts.
     *
     * @param detail the reason in words (the full sync reason, or the DDL that asked for a partial copy)
     */
    default void syncStarted(String job, SyncKind kind, SyncReason reason, String detail) {}

    /** A copy is done and the job goes on incrementally; {@code took} since its start. */
    default void syncFinished(String job, SyncKind kind, Duration took) {}

    /**
     * A step failed (and is retried, re-planned, skipped or stops the job: see the status).
     *
     * @param step the command that failed ({@code CommitTxn}, {@code CreateSnapshot}, ...), or
     *     {@code checkpoint}, {@code turn}
     */
    default void stepFailed(String job, String step, ErrorCode code) {}

    /**
     * The source had no binlog after {@code commitSeq} when the job asked: everything committed on
     * the source before {@code askedAtMs} is replayed on the target. Told after every such fetch
     * (every idle poll), so it must be cheap.
     *
     * @param askedAtMs when the fetch that found nothing new started, epoch ms of the engine's clock
     */
    default void caughtUp(String job, long commitSeq, long askedAtMs) {}

    /**
     * A fetch of the job found binlogs after its position {@code commitSeq}: the source has
     * committed something the target may not have yet. Told as soon as the fetch answers, before
     * the job's status or progress shows it, so a caught-up report or lag sample older than
     * {@code answeredAtMs} can be set aside (the job's own fetch learns of new writes when no
     * shared probe serves its source).
     *
     * @param binlogs how many the fetch returned (at least 1)
     * @param answeredAtMs when the fetch answered, epoch ms of the engine's clock
     */
    default void binlogsFetched(String job, long commitSeq, int binlogs, long answeredAtMs) {}

    /**
     * The job's lag was measured: a source FE call, at most one per job per lag interval, shared
     * by {@code status}, {@code lag}, the status page and the lag gauges. Called from the thread
     * that measured (the engine's lag round, or an API caller), one call at a time per job.
     *
     * @param binlogs source binlogs not yet applied on the target
     * @param seconds seconds the oldest unapplied source binlog waits, 0 when caught up
     */
    default void lagMeasured(String job, long binlogs, long seconds) {}

    /** The job's lag could not be measured (the source FE did not answer): {@code code} says why. */
    default void lagUnknown(String job, ErrorCode code) {}

    /** The job's progress is saved in the store (after a step, or a status change). */
    default void checkpointed(String job, SyncProgress progress) {}

    /**
     * An apply journal entry was written, in the same store transaction as the checkpoint just
     * told to {@link #checkpointed} (see {@link dev.dorisccr.core.spi.JournalEntry}).
     */
    default void journaled(String job, dev.dorisccr.core.spi.JournalEntry entry) {}
}
