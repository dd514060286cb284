package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * A {@link MetadataStore} that passes every call to another one through one hook,
 * {@link #around}: the base of store decorators (error translation, metrics, fault injection), as
 * Trino's {@code Forwarding*} classes are. A subclass implements {@link #around} once instead of
 * the twenty methods of the three stores.
 *
 * <pre>{@code
 * MetadataStore counted = new ForwardingMetadataStore(store) {
 *     protected <T> T around(Operation op, String subject, Supplier<T> call) {
 *         if (op.write()) {
 *             writes.incrementAndGet();
 *         }
 *         return call.get();
 *     }
 * };
 * }</pre>
 */
public abstract class ForwardingMetadataStore implements MetadataStore {
    /** Every operation of the three stores; {@link #write()} says whether it changes the store. */
    public enum Operation {
        /** {@link JobStore#create}. */
        JOBS_CREATE("jobs.create", true),
        /** {@link JobStore#get}. */
        JOBS_GET("jobs.get", false),
        /** {@link JobStore#list}. */
        JOBS_LIST("jobs.list", false),
        /** {@link JobStore#desiredStates}. */
        JOBS_DESIRED_STATES("jobs.desiredStates", false),
        /** {@link JobStore#update}. */
        JOBS_UPDATE("jobs.update", true),
        /** {@link JobStore#delete}. */
        JOBS_DELETE("jobs.delete", true),
        /** {@link ProgressStore#get}. */
        PROGRESS_GET("progress.get", false),
        /** {@link ProgressStore#put}. */
        PROGRESS_PUT("progress.put", true),
        /** {@link ProgressStore#keepsJournal}. */
        PROGRESS_KEEPS_JOURNAL("progress.keepsJournal", false),
        /** {@link ProgressStore#journal}. */
        PROGRESS_JOURNAL("progress.journal", false),
        /** {@link ProgressStore#pruneJournal}. */
        PROGRESS_PRUNE_JOURNAL("progress.pruneJournal", true),
        /** {@link LeaseStore#heartbeat}. */
        LEASES_HEARTBEAT("leases.heartbeat", true),
        /** {@link LeaseStore#syncers}. */
        LEASES_SYNCERS("leases.syncers", false),
        /** {@link LeaseStore#removeSyncersSilentSince}. */
        LEASES_REMOVE_SYNCERS("leases.removeSyncersSilentSince", true),
        /** {@link LeaseStore#tryAcquire}. */
        LEASES_TRY_ACQUIRE("leases.tryAcquire", true),
        /** {@link LeaseStore#renew}. */
        LEASES_RENEW("leases.renew", true),
        /** {@link LeaseStore#renewAll}. */
        LEASES_RENEW_ALL("leases.renewAll", true),
        /** {@link LeaseStore#release}. */
        LEASES_RELEASE("leases.release", true),
        /** {@link LeaseStore#leases}. */
        LEASES_LEASES("leases.leases", false),
        /** {@link LeaseStore#expired}. */
        LEASES_EXPIRED("leases.expired", false),
        /** {@link LeaseStore#ownerAddress}. */
        LEASES_OWNER_ADDRESS("leases.ownerAddress", false),
        /** {@link MetadataStore#close}. */
        CLOSE("close", false);

        private final String label;
        private final boolean write;

        Operation(String label, boolean write) {
            this.label = label;
            this.write = write;
        }

        /** {@code store.method}, e.g. {@code progress.put}: for messages. */
        public String label() {
            return label;
        }

        /** Whether the operation changes the store. */
        public boolean write() {
            return write;
        }
    }

    private final MetadataStore delegate;
    private final JobStore jobs;
    private final ProgressStore progress;
    private final LeaseStore leases;

    /** Forwards to {@code delegate}, whose three stores are read once, now. */
    protected ForwardingMetadataStore(MetadataStore delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.jobs = new Jobs(requireNonNull(delegate.jobs(), "delegate.jobs() is null"));
        this.progress = new Progress(requireNonNull(delegate.progress(), "delegate.progress() is null"));
        this.leases = new Leases(requireNonNull(delegate.leases(), "delegate.leases() is null"));
    }

    /** The store calls go to. */
    protected final MetadataStore delegate() {
        return delegate;
    }

    /**
     * Runs one call of the delegate: {@code call.get()}, with whatever the decorator adds.
     *
     * @param op the operation
     * @param subject the job name (jobs, progress, a lease), the syncer address (heartbeat), or "" when
     *     the call names none
     * @param call the delegate's call
     */
    protected abstract <T> T around(Operation op, String subject, Supplier<T> call);

    @Override
    public final JobStore jobs() {
        return jobs;
    }

    @Override
    public final ProgressStore progress() {
        return progress;
    }

    @Override
    public final LeaseStore leases() {
        return leases;
    }

    @Override
    public void close() {
        run(Operation.CLOSE, "", delegate::close);
    }

    private void run(Operation op, String subject, Runnable body) {
        around(op, subject, () -> {
            body.run();
            return null;
        });
    }

    private final class Jobs implements JobStore {
        private final JobStore d;

        Jobs(JobStore d) {
            this.d = d;
        }

        @Override
        public JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
            return around(Operation.JOBS_CREATE, name, () -> d.create(name, spec, desiredState, secrets));
        }

        @Override
        public Optional<JobRecord> get(String name) {
            return around(Operation.JOBS_GET, name, () -> d.get(name));
        }

        @Override
        public List<JobRecord> list() {
            return around(Operation.JOBS_LIST, "", d::list);
        }

        @Override
        public SortedMap<String, DesiredState> desiredStates() {
            return around(Operation.JOBS_DESIRED_STATES, "", d::desiredStates);
        }

        @Override
        public JobRecord update(String name, long expectedVersion, String spec, DesiredState desiredState,
                Map<String, Secret> secrets) {
            return around(Operation.JOBS_UPDATE, name, () -> d.update(name, expectedVersion, spec, desiredState,
                    secrets));
        }

        @Override
        public void delete(String name, long expectedVersion) {
            run(Operation.JOBS_DELETE, name, () -> d.delete(name, expectedVersion));
        }
    }

    private final class Progress implements ProgressStore {
        private final ProgressStore d;

        Progress(ProgressStore d) {
            this.d = d;
        }

        @Override
        public Optional<ProgressRecord> get(String jobName) {
            return around(Operation.PROGRESS_GET, jobName, () -> d.get(jobName));
        }

        @Override
        public void put(String jobName, String value, long fencingToken) {
            run(Operation.PROGRESS_PUT, jobName, () -> d.put(jobName, value, fencingToken));
        }

        @Override
        public void put(String jobName, String value, long fencingToken, List<JournalEntry> journal) {
            run(Operation.PROGRESS_PUT, jobName, () -> d.put(jobName, value, fencingToken, journal));
        }

        @Override
        public boolean keepsJournal() {
            return around(Operation.PROGRESS_KEEPS_JOURNAL, "", d::keepsJournal);
        }

        @Override
        public List<JournalEntry> journal(JournalQuery query) {
            return around(Operation.PROGRESS_JOURNAL, query.jobName(), () -> d.journal(query));
        }

        @Override
        public int pruneJournal(Instant before, int keepPerJob) {
            return around(Operation.PROGRESS_PRUNE_JOURNAL, "", () -> d.pruneJournal(before, keepPerJob));
        }
    }

    private final class Leases implements LeaseStore {
        private final LeaseStore d;

        Leases(LeaseStore d) {
            this.d = d;
        }

        @Override
        public void heartbeat(String address, Instant now) {
            run(Operation.LEASES_HEARTBEAT, address, () -> d.heartbeat(address, now));
        }

        @Override
        public List<SyncerInfo> syncers() {
            return around(Operation.LEASES_SYNCERS, "", d::syncers);
        }

        @Override
        public int removeSyncersSilentSince(Instant before) {
            return around(Operation.LEASES_REMOVE_SYNCERS, "", () -> d.removeSyncersSilentSince(before));
        }

        @Override
        public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
            return around(Operation.LEASES_TRY_ACQUIRE, jobName, () -> d.tryAcquire(jobName, owner, now, ttl));
        }

        @Override
        public JobLease renew(JobLease lease, Instant now, Duration ttl) {
            return around(Operation.LEASES_RENEW, lease.jobName(), () -> d.renew(lease, now, ttl));
        }

        @Override
        public List<JobLease> renewAll(java.util.Collection<JobLease> held, Instant now, Duration ttl) {
            return around(Operation.LEASES_RENEW_ALL, "", () -> d.renewAll(held, now, ttl));
        }

        @Override
        public boolean release(JobLease lease, Instant now) {
            return around(Operation.LEASES_RELEASE, lease.jobName(), () -> d.release(lease, now));
        }

        @Override
        public List<JobLease> leases() {
            return around(Operation.LEASES_LEASES, "", d::leases);
        }

        @Override
        public List<JobLease> expired(Instant now) {
            return around(Operation.LEASES_EXPIRED, "", () -> d.expired(now));
        }

        @Override
        public Optional<String> ownerAddress(String jobName, Instant now) {
            return around(Operation.LEASES_OWNER_ADDRESS, jobName, () -> d.ownerAddress(jobName, now));
        }
    }
}
