package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A job's observed status: the state, a detail (full sync step, the partially copied table), the
 * last error, and for {@link ObservedState#BACKING_OFF} the attempt and the time of the next try.
 *
 * @param state what the job is doing
 * @param detail e.g. the full sync step or the table a partial sync copies; "" when none
 * @param error the last failure, kept until a step succeeds
 * @param attempt consecutive failed attempts (0 when healthy)
 * @param nextRetryAtMs epoch ms of the next try while backing off, 0 otherwise
 * @param sinceMs epoch ms since the job is in this state
 * @param verification the outcome of the last consistency check, if one ran
 */
public record ObservedStatus(ObservedState state, String detail, Optional<JobError> error, int attempt,
        long nextRetryAtMs, long sinceMs, Optional<VerificationSummary> verification) {
    public ObservedStatus {
        requireNonNull(state, "state is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(error, "error is null");
        requireNonNull(verification, "verification is null");
    }

    /** A status without a verification outcome. */
    public ObservedStatus(ObservedState state, String detail, Optional<JobError> error, int attempt, long nextRetryAtMs,
            long sinceMs) {
        this(state, detail, error, attempt, nextRetryAtMs, sinceMs, Optional.empty());
    }

    /** The same status with {@code v} as the last verification. */
    public ObservedStatus withVerification(VerificationSummary v) {
        return new ObservedStatus(state, detail, error, attempt, nextRetryAtMs, sinceMs, Optional.of(v));
    }

    public static ObservedStatus starting(long nowMs) {
        return new ObservedStatus(ObservedState.STARTING, "", Optional.empty(), 0, 0, nowMs);
    }

    /** The same status in another state (since now when the state changes). */
    public ObservedStatus moveTo(ObservedState s, String d, long nowMs) {
        return new ObservedStatus(s, d, error, attempt, s == ObservedState.BACKING_OFF ? nextRetryAtMs : 0,
                s == state ? sinceMs : nowMs, verification);
    }
}
