package dev.dorisccr.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job progress, written only under the job's current lease: a syncer that lost the lease (paused by
 * GC, cut off by a partition) cannot overwrite the progress of the new owner. The rest of the
 * contract (exceptions, threads, time) is on {@link MetadataStore}.
 *
 * <p>The apply journal ({@link JournalEntry}) is kept here too, because its entries are written in
 * the same transaction as the progress they belong to. A store that keeps no journal (one written
 * before the journal existed) inherits the defaults: entries are dropped, {@link #keepsJournal()}
 * is false and queries answer nothing; the syncer says so where the journal is shown.
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

    /**
     * As {@link #put(String, String, long)}, and appends {@code journal} to the job's apply journal
     * in the same atomic step: both are written or, on any failure ({@code LEASE_LOST} included),
     * neither. Entries keep the order given, after every entry written before. The default (a store
     * without a journal) writes the progress and drops the entries.
     */
    default void put(String jobName, String progress, long fencingToken, List<JournalEntry> journal) {
        put(jobName, progress, fencingToken);
    }

    /** True when this store keeps the apply journal (the default: false). */
    default boolean keepsJournal() {
        return false;
    }

    /**
     * The entries of {@code query}'s job that pass its filters, newest (last written) first, at most
     * {@code query.limit()}. Nothing for a job without entries (or a store without a journal).
     */
    default List<JournalEntry> journal(JournalQuery query) {
        return List.of();
    }

    /**
     * Removes journal entries made before {@code before} ({@link JournalEntry#at()}), and for every
     * job all but its newest {@code keepPerJob} entries. Returns how many were removed. Any syncer
     * may call it at any time; entries are removed with their job too ({@link JobStore#delete}).
     * {@code keepPerJob} below 1 is {@code INVALID_ARGUMENT}.
     */
    default int pruneJournal(Instant before, int keepPerJob) {
        return 0;
    }
}
