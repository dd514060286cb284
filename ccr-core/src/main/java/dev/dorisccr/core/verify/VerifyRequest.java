package dev.dorisccr.core.verify;

import java.util.List;

/**
 * What to verify.
 *
 * @param tables source tables to check; empty means every table of the job
 * @param attempts how many times partitions still moving are looked at again before they are
 *     reported NOT_ALIGNED (1 to 10)
 */
public record VerifyRequest(List<String> tables, int attempts) {
    /** Attempts when none is asked. */
    public static final int DEFAULT_ATTEMPTS = 3;

    public VerifyRequest {
        tables = List.copyOf(tables);
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be 1 to 10, not " + attempts);
        }
    }

    /** Every table, the default attempts. */
    public static VerifyRequest all() {
        return new VerifyRequest(List.of(), DEFAULT_ATTEMPTS);
    }
}
