package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The right of one syncer ({@code owner}, its {@code host:port}) to run one job until {@code
 * expiresAt}. The fencing token grows on every acquisition; every progress write carries it.
 */
public record JobLease(String jobName, String owner, long token, Instant expiresAt) {
    public JobLease {
        StoreNames.requireJobName(jobName);
        StoreNames.requireAddress(owner);
        if (token < 1) {
            throw new IllegalArgumentException("token must be >= 1: " + token);
        }
        requireNonNull(expiresAt, "expiresAt is null");
    }

    /** Whether the lease has run out at {@code now} (expiry is exclusive: valid while now &lt; expiresAt). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
