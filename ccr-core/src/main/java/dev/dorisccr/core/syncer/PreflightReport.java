package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@code create_ccr} checks before it stores a job, each check with its outcome; also
 * answered without creating anything by {@code /preflight}.
 *
 * @param checks every check, in the order run
 */
public record PreflightReport(List<Check> checks) {
    public PreflightReport {
        checks = List.copyOf(requireNonNull(checks, "checks is null"));
    }

    /** How a check came out: a failure stops the create, a warning does not. */
    public enum Outcome {
        OK,
        WARNING,
        FAILED,
        /** Not run: a check it depends on failed. */
        SKIPPED
    }

    /**
     * One check.
     *
     * @param name a short stable name ({@code source.sql}, {@code source.binlog}...)
     * @param outcome how it came out
     * @param message what was found, and what to do about a failure
     */
    public record Check(String name, Outcome outcome, String message) {
        public Check {
            requireNonNull(name, "name is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(message, "message is null");
        }
    }

    /** No check failed (warnings allowed). */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAILED);
    }

    /** The failed checks' messages, one per line. */
    public String failures() {
        return String.join("\n", checks.stream().filter(c -> c.outcome() == Outcome.FAILED)
                .map(c -> c.name() + ": " + c.message()).toList());
    }
}
