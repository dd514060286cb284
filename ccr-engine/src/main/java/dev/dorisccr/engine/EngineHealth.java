package dev.dorisccr.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link CcrEngine#health()} answers: {@link State#HEALTHY}, {@link State#DEGRADED} with the
 * reasons in words (a job failing or retrying, the store unreachable, a lease lost), or
 * {@link State#STOPPED} before {@code start()} and after {@code close()}. It is computed from what
 * the engine already observed: asking costs no RPC and no store read.
 *
 * @param state the overall state
 * @param reasons one line per problem, empty when healthy
 */
public record EngineHealth(State state, List<String> reasons) {
    /** The overall state. */
    public enum State {
        /** Started, the last store tick succeeded, no job held here is failing. */
        HEALTHY,
        /** Started, but something needs attention: see {@link EngineHealth#reasons()}. */
        DEGRADED,
        /** Not started yet, or closed. */
        STOPPED
    }

    public EngineHealth {
        requireNonNull(state, "state is null");
        reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
        if (state == State.HEALTHY && !reasons.isEmpty()) {
            throw new IllegalArgumentException("a healthy engine has no reasons: " + reasons);
        }
    }

    /** Whether {@link #state()} is {@link State#HEALTHY}. */
    public boolean isHealthy() {
        return state == State.HEALTHY;
    }
}
