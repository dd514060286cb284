package dev.dorisccr.core.spi;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Syncer membership (heartbeats) and job leases with fencing tokens. Times are passed in by the
 * caller (its injected clock), so the logic above is testable with a manual clock; the store
 * never reads a clock of its own for them. A ttl that is not positive is {@code
 * INVALID_ARGUMENT}. The rest of the contract (exceptions, threads) is on {@link MetadataStore}.
 */
public interface LeaseStore {
    /** Registers the syncer or refreshes its heartbeat. */
    void heartbeat(String address, Instant now);

    /** All registered syncers, ordered by address. */
    List<SyncerInfo> syncers();

    /** Removes syncers whose last heartbeat is before {@code before}; returns how many. */
    int removeSyncersSilentSince(Instant before);

    /**
     * Takes the job's lease if it is free, expired or already held by {@code owner}, with a new
     * fencing token greater than every token issued before; else empty. Fails with {@code
     * JOB_NOT_FOUND} if the job does not exist.
     */
    Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl);

    /**
     * Extends a lease that is still current (same owner and token, expired or not) to {@code now +
     * ttl}; fails with {@code LEASE_LOST} if another acquisition happened or the job was deleted.
     */
    JobLease renew(JobLease lease, Instant now, Duration ttl);

    /**
     * Renews every lease of {@code held} as {@link #renew} does each, in as few statements as the
     * store can (a syncer renews all its leases each tick: one write per job per tick would load a
     * shared store with hundreds of jobs). Returns the leases renewed, ordered by job name; a lease
     * of {@code held} missing from the result was lost (taken over or the job deleted) and was not
     * changed. An empty {@code held} reads and writes nothing.
     */
    default List<JobLease> renewAll(Collection<JobLease> held, Instant now, Duration ttl) {
        List<JobLease> renewed = new ArrayList<>();
        for (JobLease lease : held) {
            try {
                renewed.add(renew(lease, now, ttl));
            } catch (CcrException e) {
                if (e.code() != ErrorCode.LEASE_LOST) {
                    throw e;
                }
            }
        }
        renewed.sort(Comparator.comparing(JobLease::jobName));
        return List.copyOf(renewed);
    }

    /** Gives the lease up (it becomes expired at {@code now}); false if it was no longer current. */
    boolean release(JobLease lease, Instant now);

    /** All leases, ordered by job name. */
    List<JobLease> leases();

    /** Leases expired at {@code now}, ordered by job name. */
    default List<JobLease> expired(Instant now) {
        return leases().stream().filter(l -> l.isExpiredAt(now)).toList();
    }

    /** The address of the syncer holding an unexpired lease on the job, if any. */
    default Optional<String> ownerAddress(String jobName, Instant now) {
        StoreNames.requireJobName(jobName);
        return leases().stream()
                .filter(l -> l.jobName().equals(jobName) && !l.isExpiredAt(now))
                .map(JobLease::owner)
                .findFirst();
    }
}
