package dev.dorisccr.core.ha;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.StoreNames;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which jobs run on this syncer. Call {@link #tick()} every {@link
 * HaSettings#tickInterval()} (from a scheduler); each tick:
 *
 * <ol>
 *   <li>heartbeats;
 *   <li>renews all the held leases at once ({@link LeaseStore#renewAll}: a few statements, not one
 *       per job), stopping locally every job whose lease was lost;
 *   <li>stops and releases jobs that were deleted;
 *   <li>computes this syncer's fair share of the jobs among the live syncers (sorted by address,
 *       the first {@code jobs % syncers} get one more) and hands the excess over gracefully
 *       (rebalance on join): each job above the share is drained ({@link LocalJobs#drain}: it stops
 *       at its next checkpoint boundary) while its lease is still renewed, then stopped and its
 *       lease released, at most {@link HaSettings#maxMovesPerTick()} in flight; a job that does
 *       not reach a boundary within {@link HaSettings#handOverTimeout()} is left running here (the
 *       drain taken back, {@link LocalJobs#cancelDrain}) and another one goes in its place;
 *   <li>acquires free or expired leases up to the share, its own leases first (recovery after a
 *       restart), plus any lease of a dead syncer expired for a whole period whatever the share
 *       (so no job stays orphaned while views of membership differ); at most {@link HaSettings#maxMovesPerTick()}
 *       leases of others per tick, so nobody stampedes (leases last held here and taken by nobody
 *       since, e.g. released by this syncer's own shutdown, are taken back within the share without
 *       that bound: a restart of a syncer of 1,000 jobs runs them all again at its first tick).
 * </ol>
 *
 * <p>{@link #claim} takes a job just created without a round over all jobs: the create request
 * does work independent of the number of jobs, and the job starts at once when this syncer is
 * under its share (by the view of its last tick), else at the next tick of a syncer that is.
 *
 * <p>Locking: one tick (or {@link #releaseAll}) at a time ({@code tickLock}); the leases held and
 * the local jobs change only under the object's monitor, which a tick does not hold over its reads
 * and renewals (heartbeat, {@link LeaseStore#renewAll}, the desired states, the live syncers), so a
 * claim waits for none of them. A claim that lands during those reads is kept by the tick: its lease
 * was not in the batch renewed (it is fresh), a job absent from a states read that began before it
 * was held is not taken for deleted, and it counts in the share. Acquisitions, releases and local
 * starts and stops stay under the monitor, so a claim and a tick never take or start the same job.
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
    /** A drain asked for a hand-over, and when. */
    private record HandOver(CompletableFuture<Void> drained, Instant since) {
        boolean isDone() {
            return drained.isDone();
        }
    }

    /** Jobs draining for a hand-over: their leases stay held (and renewed) until the drain is done. */
    private final TreeMap<String, HandOver> handingOver = new TreeMap<>();
    /** Jobs whose hand-over was abandoned (no checkpoint boundary in time), with when they may be asked again. */
    private final TreeMap<String, Instant> passedOver = new TreeMap<>();
    /** The last tick's view, for {@link #claim}: live syncers, the number of active jobs, desired states. */
    private List<String> lastLive = List.of();
    private int lastJobCount = -1;
    private volatile SortedMap<String, DesiredState> lastStates = Collections.emptySortedMap();
    private boolean storeDown;
    private volatile String storeFailure;
    /** One tick, or {@link #releaseAll}, at a time; taken before the monitor, never inside it. */
    private final Object tickLock = new Object();
    /** Jobs claimed since the running tick read the desired states (guarded by the monitor; null: no tick reads). */
    private Set<String> claimedDuringRead;

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
    public Optional<String> storeFailure() {
        return Optional.ofNullable(storeFailure);
    }

    /** The leases this syncer holds, by job name. */
    public synchronized SortedMap<String, JobLease> held() {
        return new TreeMap<>(held);
    }

    /** One round of heartbeat, renewal, rebalancing and acquisition. */
    public void tick() {
        synchronized (tickLock) {
            try {
                membership.heartbeat();
                renewHeld();
                Set<String> heldAtRead;
                synchronized (this) {
                    heldAtRead = new HashSet<>(held.keySet());
                    claimedDuringRead = new HashSet<>();
                }
                SortedMap<String, DesiredState> states;
                List<String> live;
                try {
                    states = jobs.desiredStates();
                    live = membership.liveSyncers();
                } catch (RuntimeException e) {
                    synchronized (this) {
                        claimedDuringRead = null;
                    }
                    throw e;
                }
                synchronized (this) {
                    Set<String> claimed = claimedDuringRead;
                    claimedDuringRead = null;
                    dropDeleted(states, heldAtRead);
                    List<String> active = new ArrayList<>();
                    states.forEach((name, state) -> {
                        if (state != DesiredState.DELETED) {
                            active.add(name);
                        }
                    });
                    // created and claimed after the read began: a job all the same
                    int claimedLate = (int) claimed.stream().filter(n -> !states.containsKey(n) && held.containsKey(n))
                            .count();
                    int share = fairShare(active.size() + claimedLate, live);
                    lastLive = live;
                    lastJobCount = active.size() + claimedLate;
                    lastStates = Collections.unmodifiableSortedMap(new TreeMap<>(states));
                    handOverExcess(share);
                    acquire(active, share, live);
                    storeFailure = null;
                    if (storeDown) {
                        log.info("Metadata store reachable again; syncer {} holds {} job leases", self(), held.size());
                        storeDown = false;
                    }
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    // Whatever failed, the held leases were not confirmed: stop what could expire first.
                    lastStates = Collections.emptySortedMap(); // not known now: nobody applies an old view
                    stopJobsNearExpiry();
                }
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
    }

    /**
     * The desired state of every job as read by the last tick (empty before the first and after a
     * failed tick), so that the caller's own per-tick pass needs no second read of all jobs.
     */
    public SortedMap<String, DesiredState> lastDesiredStates() {
        return lastStates;
    }

    /**
     * Takes the lease of a job just created, with work independent of the number of jobs: one
     * acquisition, if this syncer is under its share of the jobs by the view of its last tick
     * (counting the new job); the job is then started ({@link LocalJobs#start}). Returns false,
     * changing nothing, when it is not (another syncer takes it at its next tick), before the first
     * tick, or when the lease is held elsewhere; the caller may then run a tick soon.
     */
    public synchronized boolean claim(String jobName) {
        StoreNames.requireJobName(jobName);
        if (lastJobCount < 0 || held.containsKey(jobName)) {
            return held.containsKey(jobName);
        }
        lastJobCount++;
        int share = fairShare(lastJobCount, lastLive.isEmpty() ? List.of(self()) : lastLive);
        if (held.size() - handingOver.size() >= share) {
            return false;
        }
        Optional<JobLease> got = acquireOne(jobName, clock.instant());
        if (got.isEmpty()) {
            return false;
        }
        JobLease lease = got.get();
        held.put(jobName, lease);
        if (claimedDuringRead != null) {
            claimedDuringRead.add(jobName);
        }
        log.info("Acquired the lease of new job {} (token {})", jobName, lease.token());
        local.start(lease);
        return true;
    }

    /** Stops every local job and releases its lease, e.g. at shutdown. */
    public void releaseAll() {
        synchronized (tickLock) {
            synchronized (this) {
                releaseAllLocked();
            }
        }
    }

    private void releaseAllLocked() {
        Instant now = clock.instant();
        List<JobLease> all = new ArrayList<>(held.values());
        held.clear();
        handingOver.clear();
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

    /** Renews the held leases; the store I/O without the monitor (a claim meanwhile is not in the batch). */
    private void renewHeld() {
        List<JobLease> before;
        synchronized (this) {
            if (held.isEmpty()) {
                return;
            }
            before = new ArrayList<>(held.values());
        }
        Map<String, JobLease> renewed = new TreeMap<>();
        for (JobLease l : leases.renewAll(before, clock.instant(), settings.leaseTtl())) {
            renewed.put(l.jobName(), l);
        }
        synchronized (this) {
            for (JobLease lease : before) {
                if (held.get(lease.jobName()) != lease) {
                    continue; // only a tick replaces or drops a held lease: not expected, kept as found
                }
                JobLease r = renewed.get(lease.jobName());
                if (r != null) {
                    held.put(lease.jobName(), r);
                    continue;
                }
                held.remove(lease.jobName());
                handingOver.remove(lease.jobName());
                log.warn("Lost the lease of job {} (token {}); stopping it here", lease.jobName(), lease.token());
                local.stop(lease.jobName(), StopReason.LEASE_LOST);
            }
        }
    }

    /** Drops the jobs held before {@code states} was read that it shows deleted or does not show. */
    private void dropDeleted(SortedMap<String, DesiredState> states, Set<String> heldAtRead) {
        for (JobLease lease : new ArrayList<>(held.values())) {
            if (!heldAtRead.contains(lease.jobName())) {
                continue; // claimed while the states were read: it may be newer than the read
            }
            DesiredState state = states.get(lease.jobName());
            if (state == null || state == DesiredState.DELETED) {
                held.remove(lease.jobName());
                handingOver.remove(lease.jobName());
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

    /**
     * Starts draining the jobs above the share (the last by name, at most {@link
     * HaSettings#maxMovesPerTick()} in flight), then stops and releases those whose drain is done:
     * the next owner resumes from the checkpoint the drain ended on. A drain whose job is back
     * under the share (a syncer left meanwhile) still completes the hand-over: the job is taken
     * again at a later tick, by whoever is under its share then.
     */
    private void handOverExcess(int share) {
        Instant now = clock.instant();
        abandonLateHandOvers(now);
        passedOver.entrySet().removeIf(e -> !held.containsKey(e.getKey()) || !now.isBefore(e.getValue()));
        int excess = held.size() - handingOver.size() - share;
        if (excess > 0) {
            for (String name : held.descendingKeySet()) {
                if (excess == 0 || handingOver.size() >= settings.maxMovesPerTick()) {
                    break;
                }
                if (handingOver.containsKey(name) || passedOver.containsKey(name)) {
                    continue;
                }
                handingOver.put(name, new HandOver(local.drain(name), now));
                excess--;
                log.info("Handing job {} over to rebalance (share {} of this syncer): it stops at its next checkpoint",
                        name, share);
            }
        }
        for (var it = handingOver.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isDone()) {
                continue;
            }
            it.remove();
            JobLease lease = held.remove(e.getKey());
            if (lease == null) {
                continue;
            }
            local.stop(lease.jobName(), StopReason.REBALANCED);
            leases.release(lease, clock.instant());
            log.info("Released job {} to rebalance (share {} of this syncer)", lease.jobName(), share);
        }
    }

    /**
     * Gives up the hand-overs whose job has not reached a checkpoint boundary within {@link
     * HaSettings#handOverTimeout()}: the drain is taken back (the job goes on here, mid-step as it
     * is) and the job is passed over for another timeout, so that another job can go instead.
     */
    private void abandonLateHandOvers(Instant now) {
        for (var it = handingOver.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            HandOver h = e.getValue();
            if (h.isDone() || now.isBefore(h.since().plus(settings.handOverTimeout()))) {
                continue;
            }
            if (!local.cancelDrain(e.getKey())) {
                continue; // done meanwhile: released below as any finished hand-over
            }
            it.remove();
            passedOver.put(e.getKey(), now.plus(settings.handOverTimeout()));
            long s = settings.handOverTimeout().toSeconds();
            log.warn("Gave up handing job {} over: no checkpoint boundary within {} s (a long step); it keeps running"
                    + " here and may be handed over in {} s", e.getKey(), s, s);
        }
    }

    private void acquire(List<String> active, int share, List<String> live) {
        if (held.size() >= active.size() && held.keySet().containsAll(active)) {
            return; // every job runs here: nothing to take, no need to read every lease
        }
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
        int taken = 0;
        for (String name : candidates) {
            JobLease l = current.get(name);
            boolean mine = isMineAndValid(l, now);
            // released or expired under this syncer and taken by nobody since: a restart takes them back at once
            boolean wasMine = l != null && l.owner().equals(self());
            boolean orphaned = isOrphaned(l, now, live);
            if (held.size() - handingOver.size() >= share && !mine && !orphaned) {
                continue;
            }
            if (!mine && !wasMine && taken >= settings.maxMovesPerTick()) {
                continue; // bounded: the rest at the next tick
            }
            if (!mine && !wasMine) {
                taken++;
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

    /**
     * Expired for a whole period while its owner is not alive (by this syncer's view), or expired
     * for {@link HaSettings#forgetAfter()} whatever: taken whatever the share, so that no job stays
     * unowned while views of membership differ. A lease handed over by a live syncer is left to the
     * syncers under their share (no churn while a joiner takes its share a few leases a tick).
     */
    private boolean isOrphaned(JobLease lease, Instant now, List<String> live) {
        if (lease == null) {
            return false;
        }
        boolean ownerGone = !live.contains(lease.owner());
        return ownerGone && !now.isBefore(lease.expiresAt().plus(settings.leaseTtl()))
                || !now.isBefore(lease.expiresAt().plus(settings.forgetAfter()));
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
                handingOver.remove(lease.jobName());
                local.stop(lease.jobName(), StopReason.STORE_UNREACHABLE);
            }
        }
    }
}
