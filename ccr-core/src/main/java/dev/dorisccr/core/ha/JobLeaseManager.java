package dev.dorisccr.core.ha;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which jobs run on this syncer. Call {@link #tick()} every {@link
 * HaSettings#tickInterval()} (from a scheduler); each tick:
 *
 * <ol>
 *   <li>heartbeats;
 *   <li>renews the held leases, stopping locally every job whose lease was lost;
 *   <li>stops and releases jobs that were deleted;
 *   <li>computes this syncer's fair share of the jobs among the live syncers (sorted by address,
 *       the first {@code jobs % syncers} get one more) and releases the excess (rebalance on join);
 *   <li>acquires free or expired leases up to the share, its own leases first (recovery after a
 *       restart), plus any lease expired for a whole period whatever the share (so no job stays
 *       orphaned while views of membership differ).
 * </ol>
 *
 * <p>Safety does not depend on timing: a syncer that stalls past its lease keeps running its jobs
 * until its next tick, but its progress writes carry a stale fencing token and the store rejects
 * them. If a tick fails (store unreachable, or any other error, which is rethrown), jobs whose
 * lease could expire before the next tick are stopped first.
 *
 * <p>Paused jobs are leased like running ones (their owner answers their API calls); {@link
 * LocalJobs} sees the desired state itself.
 */
public final class JobLeaseManager {
    private static final Logger log = LoggerFactory.getLogger(JobLeaseManager.class);

    private final JobStore jobs;
    private final LeaseStore leases;
    private final SyncerMembership membership;
    private final LocalJobs local;
    private final InstantSource clock;
    private final HaSettings settings;
    private final TreeMap<String, JobLease> held = new TreeMap<>();
    private boolean storeDown;
    private volatile String storeFailure;

    public JobLeaseManager(
            JobStore jobs,
            LeaseStore leases,
            SyncerMembership membership,
            LocalJobs local,
            InstantSource clock,
            HaSettings settings) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.leases = requireNonNull(leases, "leases is null");
        this.membership = requireNonNull(membership, "membership is null");
        this.local = requireNonNull(local, "local is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public String self() {
        return membership.self();
    }

    /** Why the last tick could not reach the store ({@code STORE_UNAVAILABLE}), empty when it did. */
    public java.util.Optional<String> storeFailure() {
        return java.util.Optional.ofNullable(storeFailure);
    }

    /** The leases this syncer holds, by job name. */
    public synchronized SortedMap<String, JobLease> held() {
        return new TreeMap<>(held);
    }

    /** One round of heartbeat, renewal, rebalancing and acquisition. */
    public synchronized void tick() {
        try {
            membership.heartbeat();
            renewHeld();
            SortedMap<String, DesiredState> states = jobs.desiredStates();
            dropDeleted(states);
            List<String> active = new ArrayList<>();
            states.forEach((name, state) -> {
                if (state != DesiredState.DELETED) {
                    active.add(name);
                }
            });
            int share = fairShare(active.size(), membership.liveSyncers());
            releaseExcess(share);
            acquire(active, share);
            storeFailure = null;
            if (storeDown) {
                log.info("Metadata store reachable again; syncer {} holds {} job leases", self(), held.size());
                storeDown = false;
            }
        } catch (RuntimeException e) {
            // Whatever failed, the held leases were not confirmed: stop what could expire first.
            stopJobsNearExpiry();
            if (!(e instanceof CcrException ce) || ce.code() != ErrorCode.STORE_UNAVAILABLE) {
                throw e;
            }
            storeFailure = ce.code() + ": " + ce.getMessage();
            if (!storeDown) {
                log.warn("Metadata store unavailable; jobs stop before their leases expire: {}", e.getMessage());
                storeDown = true;
            }
        }
    }

    /** Stops every local job and releases its lease, e.g. at shutdown. */
    public synchronized void releaseAll() {
        Instant now = clock.instant();
        List<JobLease> all = new ArrayList<>(held.values());
        held.clear();
        for (JobLease lease : all) {
            local.stop(lease.jobName(), StopReason.SHUTDOWN);
        }
        try {
            for (JobLease lease : all) {
                leases.release(lease, now);
            }
        } catch (CcrException e) {
            if (e.code() != ErrorCode.STORE_UNAVAILABLE) {
                throw e;
            }
            log.warn("Could not release {} leases at shutdown, they expire on their own: {}", all.size(),
                    e.getMessage());
        }
    }

    /** The address of the syncer that runs the job now, for redirects. */
    public Optional<String> ownerOf(String jobName) {
        return leases.ownerAddress(jobName, clock.instant());
    }

    private void renewHeld() {
        for (JobLease lease : new ArrayList<>(held.values())) {
            try {
                held.put(lease.jobName(), leases.renew(lease, clock.instant(), settings.leaseTtl()));
            } catch (CcrException e) {
                if (e.code() != ErrorCode.LEASE_LOST) {
                    throw e;
                }
                held.remove(lease.jobName());
                log.warn("Lost the lease of job {} (token {}); stopping it here", lease.jobName(), lease.token());
                local.stop(lease.jobName(), StopReason.LEASE_LOST);
            }
        }
    }

    private void dropDeleted(SortedMap<String, DesiredState> states) {
        for (JobLease lease : new ArrayList<>(held.values())) {
            DesiredState state = states.get(lease.jobName());
            if (state == null || state == DesiredState.DELETED) {
                held.remove(lease.jobName());
                local.stop(lease.jobName(), StopReason.DELETED);
                leases.release(lease, clock.instant());
                log.info("Job {} was deleted; stopped it and released its lease", lease.jobName());
            }
        }
    }

    static int fairShare(int jobCount, List<String> liveSorted, String self) {
        int k = liveSorted.size();
        int index = liveSorted.indexOf(self);
        if (k == 0 || index < 0) {
            return jobCount;
        }
        return jobCount / k + (index < jobCount % k ? 1 : 0);
    }

    private int fairShare(int jobCount, List<String> liveSorted) {
        return fairShare(jobCount, liveSorted, self());
    }

    private void releaseExcess(int share) {
        while (held.size() > share) {
            JobLease lease = held.lastEntry().getValue();
            held.remove(lease.jobName());
            local.stop(lease.jobName(), StopReason.REBALANCED);
            leases.release(lease, clock.instant());
            log.info("Released job {} to rebalance (share {} of this syncer)", lease.jobName(), share);
        }
    }

    private void acquire(List<String> active, int share) {
        Instant now = clock.instant();
        Map<String, JobLease> current = new TreeMap<>();
        for (JobLease l : leases.leases()) {
            current.put(l.jobName(), l);
        }
        List<String> candidates = new ArrayList<>();
        for (String name : active) {
            if (held.containsKey(name)) {
                continue;
            }
            JobLease l = current.get(name);
            if (l == null || l.isExpiredAt(now) || l.owner().equals(self())) {
                candidates.add(name);
            }
        }
        // Own unexpired leases first (recovery after a restart), then by name.
        candidates.sort(Comparator.comparing((String n) -> !isMineAndValid(current.get(n), now))
                .thenComparing(Comparator.naturalOrder()));
        for (String name : candidates) {
            JobLease l = current.get(name);
            boolean mine = isMineAndValid(l, now);
            boolean orphaned = l != null && !now.isBefore(l.expiresAt().plus(settings.leaseTtl()));
            if (held.size() >= share && !mine && !orphaned) {
                continue;
            }
            Optional<JobLease> got = acquireOne(name, now);
            if (got.isPresent()) {
                JobLease lease = got.get();
                held.put(name, lease);
                log.info("Acquired the lease of job {} (token {}, previous owner {})", name, lease.token(),
                        l == null ? "none" : l.owner());
                local.start(lease);
            }
        }
    }

    private boolean isMineAndValid(JobLease lease, Instant now) {
        return lease != null && lease.owner().equals(self()) && !lease.isExpiredAt(now);
    }

    private Optional<JobLease> acquireOne(String name, Instant now) {
        try {
            return leases.tryAcquire(name, self(), now, settings.leaseTtl());
        } catch (CcrException e) {
            if (e.code() != ErrorCode.JOB_NOT_FOUND) {
                throw e;
            }
            return Optional.empty(); // deleted between listing and acquiring
        }
    }

    private void stopJobsNearExpiry() {
        Instant deadline = clock.instant().plus(settings.tickInterval());
        for (JobLease lease : new ArrayList<>(held.values())) {
            if (!deadline.isBefore(lease.expiresAt())) {
                held.remove(lease.jobName());
                local.stop(lease.jobName(), StopReason.STORE_UNREACHABLE);
            }
        }
    }
}
