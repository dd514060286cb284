package dev.dorisccr.core.job;

/**
 * Persists a job's progress and observed status. Implementations write only while this syncer
 * holds the job's lease (fencing token) and throw {@code CcrException(LEASE_LOST)} otherwise, or
 * {@code STORE_UNAVAILABLE} when the store cannot be reached.
 */
@FunctionalInterface
public interface Checkpointer {
    /** Saves the progress, with the status the runner observed last. */
    void save(SyncProgress progress, ObservedStatus status);
}
