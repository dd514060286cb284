package dev.dorisccr.core.spi;

import java.util.Optional;

/**
 * Job progress, written only under the job's current lease: a syncer that lost the lease (paused by
 * GC, cut off by a partition) cannot overwrite the progress of the new owner. The rest of the
 * contract (exceptions, threads, time) is on {@link MetadataStore}.
 */
public interface ProgressStore {
    Optional<ProgressRecord> get(String jobName);

    /**
     * Stores the progress if {@code fencingToken} is the token of the job's current lease, atomically
     * with that check, {@code updatedAt} the store's clock; else fails with {@code LEASE_LOST}
     * (another syncer acquired the lease since, the job has no lease, or it was deleted) and
     * changes nothing. Only the token counts: a lease that expired and that nobody acquired since
     * still lets its owner write. A token below 1 is {@code INVALID_ARGUMENT}.
     */
    void put(String jobName, String progress, long fencingToken);
}
