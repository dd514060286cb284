package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A stored job: its spec as opaque JSON (without secrets), its desired state, its secrets (cluster
 * passwords, kept apart so that they can be encrypted at rest) and a version for optimistic
 * concurrency. Versions are unique across the whole store and only grow, so a version read from a
 * deleted job never matches a recreated job of the same name.
 */
public record JobRecord(
        String name,
        String spec,
        DesiredState desiredState,
        Map<String, Secret> secrets,
        long version,
        Instant createdAt,
        Instant updatedAt) {
    public JobRecord {
        StoreNames.requireJobName(name);
        requireNonNull(spec, "spec is null");
        requireNonNull(desiredState, "desiredState is null");
        secrets = Map.copyOf(requireNonNull(secrets, "secrets is null"));
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    @Override
    public String toString() {
        return "JobRecord[name=" + name + ", desiredState=" + desiredState + ", version=" + version
                + ", secrets=" + secrets.keySet() + ", spec=" + spec.length() + " chars]";
    }
}
