package dev.dorisccr.core.machine;

import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.JournalEntry;
import java.util.List;

/**
 * Persists a job's progress and observed status. Implementations write only while this syncer
 * holds the job's lease (fencing token) and throw {@code CcrException(LEASE_LOST)} otherwise, or
 * {@code STORE_UNAVAILABLE} when the store cannot be reached.
 */
@FunctionalInterface
public interface Checkpointer {
    /** Saves the progress, with the status the runner observed last. */
    void save(SyncProgress progress, ObservedStatus status);

    /**
     * Saves the progress and status, and appends {@code journal} (what this progress accounts for
     * beyond the one saved before) to the job's apply journal in the same store transaction. The
     * default, for checkpointers without a journal, drops the entries.
     */
    default void save(SyncProgress progress, ObservedStatus status, List<JournalEntry> journal) {
        save(progress, status);
    }
}
