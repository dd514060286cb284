package dev.dorisccr.core.ha;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Timing of membership and leases. A lease lives {@code leaseTtl}; a syncer ticks (heartbeat,
 * renew, acquire) every {@link #tickInterval()} = ttl / 3, so a dead owner's jobs are taken over
 * within ttl + ttl / 3, less than two lease periods. A syncer silent for {@code leaseTtl} counts as
 * dead; its row is removed after {@link #forgetAfter()}.
 */
public record HaSettings(Duration leaseTtl) {
    /** The Go syncer checks every 5 s and declares death after 12 s; 15 s keeps the same scale. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);

    public HaSettings {
        requireNonNull(leaseTtl, "leaseTtl is null");
        if (leaseTtl.compareTo(Duration.ofMillis(300)) < 0 || leaseTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("leaseTtl must be between 300ms and 1h: " + leaseTtl);
        }
    }

    public static HaSettings defaults() {
        return new HaSettings(DEFAULT_LEASE_TTL);
    }

    public Duration tickInterval() {
        return leaseTtl.dividedBy(3);
    }

    public Duration forgetAfter() {
        return leaseTtl.multipliedBy(10);
    }
}
