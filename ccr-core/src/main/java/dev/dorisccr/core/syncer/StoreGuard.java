package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.SyncerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * The store as the engine sees it: a {@link CcrException} from the store passes unchanged; any
 * other exception (an {@code UncheckedIOException}, an {@code IllegalStateException}, a checked
 * exception thrown sneakily, ...) becomes a {@code STORE_UNAVAILABLE} CcrException naming the
 * operation, with the original as its cause. So every layer above (the job runner's checkpoint,
 * the lease manager, a job's start, the API) handles a custom store's surprise the way it handles
 * an unreachable database: retried with back-off, logged once per decision, shown in the job's
 * status. {@link Error}s are not caught.
 */
final class StoreGuard {
    private StoreGuard() {}

    static MetadataStore guard(MetadataStore store) {
        requireNonNull(store, "store is null");
        if (store instanceof Guarded) {
            return store;
        }
        return new Guarded(store);
    }

    private static <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (CcrException e) {
            throw e;
        } catch (Exception e) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE,
                    "metadata store failed in " + operation + ": " + e, e);
        }
    }

    private static void run(String operation, Runnable body) {
        call(operation, () -> {
            body.run();
            return null;
        });
    }

    private static final class Guarded implements MetadataStore {
        private final MetadataStore store;
        private final JobStore jobs;
        private final ProgressStore progress;
        private final LeaseStore leases;

        Guarded(MetadataStore store) {
            this.store = store;
            this.jobs = new Jobs(requireNonNull(store.jobs(), "store.jobs() is null"));
            this.progress = new Progress(requireNonNull(store.progress(), "store.progress() is null"));
            this.leases = new Leases(requireNonNull(store.leases(), "store.leases() is null"));
        }

        @Override
        public JobStore jobs() {
            return jobs;
        }

        @Override
        public ProgressStore progress() {
            return progress;
        }

        @Override
        public LeaseStore leases() {
            return leases;
        }

        @Override
        public void close() {
            run("close", store::close);
        }
    }

    private record Jobs(JobStore d) implements JobStore {
        @Override
        public JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
            return call("jobs.create", () -> d.create(name, spec, desiredState, secrets));
        }

        @Override
        public Optional<JobRecord> get(String name) {
            return call("jobs.get", () -> d.get(name));
        }

        @Override
        public List<JobRecord> list() {
            return call("jobs.list", d::list);
        }

        @Override
        public SortedMap<String, DesiredState> desiredStates() {
            return call("jobs.desiredStates", d::desiredStates);
        }

        @Override
        public JobRecord update(String name, long expectedVersion, String spec, DesiredState desiredState,
                Map<String, Secret> secrets) {
            return call("jobs.update", () -> d.update(name, expectedVersion, spec, desiredState, secrets));
        }

        @Override
        public void delete(String name, long expectedVersion) {
            run("jobs.delete", () -> d.delete(name, expectedVersion));
        }
    }

    private record Progress(ProgressStore d) implements ProgressStore {
        @Override
        public Optional<ProgressRecord> get(String jobName) {
            return call("progress.get", () -> d.get(jobName));
        }

        @Override
        public void put(String jobName, String value, long fencingToken) {
            run("progress.put", () -> d.put(jobName, value, fencingToken));
        }

        @Override
        public void put(String jobName, String value, long fencingToken, List<JournalEntry> journal) {
            run("progress.put", () -> d.put(jobName, value, fencingToken, journal));
        }

        @Override
        public boolean keepsJournal() {
            return call("progress.keepsJournal", d::keepsJournal);
        }

        @Override
        public List<JournalEntry> journal(JournalQuery query) {
            return call("progress.journal", () -> d.journal(query));
        }

        @Override
        public int pruneJournal(Instant before, int keepPerJob) {
            return call("progress.pruneJournal", () -> d.pruneJournal(before, keepPerJob));
        }
    }

    private record Leases(LeaseStore d) implements LeaseStore {
        @Override
        public void heartbeat(String address, Instant now) {
            run("leases.heartbeat", () -> d.heartbeat(address, now));
        }

        @Override
        public List<SyncerInfo> syncers() {
            return call("leases.syncers", d::syncers);
        }

        @Override
        public int removeSyncersSilentSince(Instant before) {
            return call("leases.removeSyncersSilentSince", () -> d.removeSyncersSilentSince(before));
        }

        @Override
        public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
            return call("leases.tryAcquire", () -> d.tryAcquire(jobName, owner, now, ttl));
        }

        @Override
        public JobLease renew(JobLease lease, Instant now, Duration ttl) {
            return call("leases.renew", () -> d.renew(lease, now, ttl));
        }

        @Override
        public List<JobLease> renewAll(Collection<JobLease> held, Instant now, Duration ttl) {
            return call("leases.renewAll", () -> d.renewAll(held, now, ttl));
        }

        @Override
        public boolean release(JobLease lease, Instant now) {
            return call("leases.release", () -> d.release(lease, now));
        }

        @Override
        public List<JobLease> leases() {
            return call("leases.leases", d::leases);
        }

        @Override
        public List<JobLease> expired(Instant now) {
            return call("leases.expired", () -> d.expired(now));
        }

        @Override
        public Optional<String> ownerAddress(String jobName, Instant now) {
            return call("leases.ownerAddress", () -> d.ownerAddress(jobName, now));
        }
    }
}
