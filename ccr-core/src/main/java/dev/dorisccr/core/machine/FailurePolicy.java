package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.ErrorCode;

/**
 * The one decision on what a failed step leads to. Adapters give the code (Doris status, SQLSTATE,
 * socket error); this table decides; the machine carries it out.
 *
 * <ul>
 *   <li>{@link Decision#RETRY}: the same step again after a back-off (network, NOT_MASTER, store
 *       unavailable, timeouts; binlog turned off while a copy waits for it);
 *   <li>{@link Decision#FULL_SYNC}: re-plan with a new copy (binlog collected, target no longer
 *       matching, snapshot gone, binlog turned off under an incremental job, a copy that failed
 *       for a reason a new snapshot may not have);
 *   <li>{@link Decision#SKIP}: count the binlog as consumed, only when the operator asked for it or
 *       the job has {@code skip_error} and retrying cannot help;
 *   <li>{@link Decision#FAIL}: stop retrying and wait for the operator (resume, skip,
 *       force_fullsync); a copy fails after {@link #COPY_ATTEMPTS} attempts in a row.
 * </ul>
 *
 * <p>A failed step of an upsert txn (begin, ingest, commit) is retried {@link #COPY_ATTEMPTS}
 * times before the job fails, whatever its code: its outcome may be unknown (a commit answered
 * "already visible" after a crash between the commit and its checkpoint), and the retry, which
 * rolls back and begins again under the same label, is what finds out.
 */
public final class FailurePolicy {
    /** Consecutive failed attempts of a copy (each with a new snapshot) before the job fails. */
    public static final int COPY_ATTEMPTS = 3;

    /**
     * Consecutive failures of a job's step, the last ones the rollback of its txn, before the job
     * fails rather than try the rollback again: about 25 minutes at the default back-off (1 s
     * doubling to 1 min), longer than a txn lives on the target, so an FE that answers at all has
     * long since told "gone". A rollback that fails that often fails for a reason a back-off does
     * not end (a refused user, a defect), and BACKING_OFF for ever would hide it.
     */
    public static final int ROLLBACK_ATTEMPTS = 30;

    private FailurePolicy() {}

    /** What to do after a failure. */
    public enum Decision {
        RETRY,
        FULL_SYNC,
        SKIP,
        FAIL
    }

    /**
     * @param code the failure's code
     * @param copying the job is in a full or partial sync
     * @param failures consecutive failures including this one
     * @param operatorSkip the operator asked to skip the binlog in flight
     * @param skipError the job's {@code skip_error} option
     * @param inTxn the failed step belongs to an upsert txn (begin, ingest, commit)
     */
    public static Decision decide(ErrorCode code, boolean copying, int failures, boolean operatorSkip, boolean skipError,
            boolean inTxn) {
        requireNonNull(code, "code is null");
        if (code == ErrorCode.BINLOG_TOO_OLD || code == ErrorCode.META_MISMATCH || code == ErrorCode.SNAPSHOT_NOT_FOUND) {
            return Decision.FULL_SYNC;
        }
        if (code == ErrorCode.BINLOG_DISABLED) {
            return copying ? Decision.RETRY : Decision.FULL_SYNC;
        }
        if (copying) {
            if (code.retriable()) {
                return Decision.RETRY;
            }
            return failures < COPY_ATTEMPTS ? Decision.FULL_SYNC : Decision.FAIL;
        }
        if (operatorSkip) {
            return Decision.SKIP;
        }
        if (code.retriable()) {
            return Decision.RETRY;
        }
        if (skipError) {
            return Decision.SKIP;
        }
        return inTxn && failures < COPY_ATTEMPTS ? Decision.RETRY : Decision.FAIL;
    }
}
