package dev.dorisccr.core.store;

import java.util.Optional;

/**
 * Job progress, written only under the job's current lease: a syncer that lost the lease (paused by
 * GC, cut off by a partition) cannot overwrite the progress of the new owner.
 */
public interface ProgressStore {
    Optional<ProgressRecord> get(String jobName);

    /**
     * Stores the progress if {@code fencingToken} is the token of the job's current lease, atomically
     * with that check; else fails with {@code LEASE_LOST} and changes nothing.
     */
    void put(String jobName, String progress, long fencingToken);
}
