package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.ErrorCode;
import java.util.List;

/**
 * The last failure of a job, as the status API and the store keep it.
 *
 * @param code the error code
 * @param message what went wrong (no secrets)
 * @param step the command that failed (e.g. {@code CommitTxn}, {@code CreateSnapshot})
 * @param commitSeq the binlog being handled, -1 when none
 * @param firstAtMs when this error (same code and step) first happened, epoch ms
 * @param lastAtMs when it last happened, epoch ms
 * @param count how many times in a row
 * @param actions what the operator can do about it ({@code resume}, {@code skip}, {@code force_fullsync}, ...)
 */
public record JobError(ErrorCode code, String message, String step, long commitSeq, long firstAtMs, long lastAtMs,
        int count, List<String> actions) {
    public JobError {
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(step, "step is null");
        actions = List.copyOf(requireNonNull(actions, "actions is null"));
        if (count < 1) {
            throw new IllegalArgumentException("count < 1");
        }
    }

    /** The same failure once more, at {@code atMs}. */
    public JobError again(String newMessage, long atMs) {
        return new JobError(code, newMessage, step, commitSeq, firstAtMs, atMs, count + 1, actions);
    }

    /** Whether {@code other} is the same failure (code, step and binlog) as this one. */
    public boolean sameAs(ErrorCode otherCode, String otherStep, long otherSeq) {
        return code == otherCode && step.equals(otherStep) && commitSeq == otherSeq;
    }
}
