package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ha.HaSettings;
import java.time.Duration;

/**
 * How this syncer shares its store with others: {@code -lease_ttl}.
 *
 * @param leaseTtl how long a job lease lives unless renewed; the syncer ticks every third of it
 */
public record LeaseSettings(Duration leaseTtl) {
    /** 15 s leases. */
    public static final LeaseSettings DEFAULTS = new LeaseSettings(HaSettings.DEFAULT_LEASE_TTL);

    public LeaseSettings {
        requireNonNull(leaseTtl, "leaseTtl is null");
        new HaSettings(leaseTtl); // validates the range
    }
}
