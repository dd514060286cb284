package dev.dorisccr.engine.internal.metrics;

import static java.util.Objects.requireNonNull;

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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * A {@link MetadataStore} that times its writes: {@code ccr_store_write_seconds{op, outcome}} for
 * every write, and the Go syncer's {@code ccr_job_progress_persist_total{name}} and {@code
 * ccr_job_progress_persist_duration_seconds{name}} for progress writes. Reads go straight through.
 */
public final class MeteredMetadataStore implements MetadataStore {
    /** Buckets of the Go syncer's progress persist histogram ({@code prometheus.DefBuckets}). */
    private static final Duration[] GO_DEFAULT_BUCKETS = java.util.stream.DoubleStream
            .of(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10)
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

    private final MetadataStore delegate;
    private final MeterRegistry registry;
    private final JobStore jobs;
    private final ProgressStore progress;
    private final LeaseStore leases;

    public MeteredMetadataStore(MetadataStore delegate, MeterRegistry registry) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.jobs = new Jobs(delegate.jobs());
        this.progress = new Progress(delegate.progress());
        this.leases = new Leases(delegate.leases());
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
        delegate.close();
    }

    private <T> T timed(String op, Supplier<T> write) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = write.get();
            outcome = "ok";
            return result;
        } finally {
            sample.stop(Timer.builder("ccr.store.write").description("metadata store writes")
                    .tag("op", op).tag("outcome", outcome).serviceLevelObjectives(GO_DEFAULT_BUCKETS)
                    .register(registry));
        }
    }

    private void timedVoid(String op, Runnable write) {
        timed(op, () -> {
            write.run();
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
            return timed("job_create", () -> d.create(name, spec, desiredState, secrets));
        }

        @Override
        public Optional<JobRecord> get(String name) {
            return d.get(name);
        }

        @Override
        public List<JobRecord> list() {
            return d.list();
        }

        @Override
        public SortedMap<String, DesiredState> desiredStates() {
            return d.desiredStates();
        }

        @Override
        public JobRecord update(String name, long expectedVersion, String spec, DesiredState desiredState,
                Map<String, Secret> secrets) {
            return timed("job_update", () -> d.update(name, expectedVersion, spec, desiredState, secrets));
        }

        @Override
        public void delete(String name, long expectedVersion) {
            timedVoid("job_delete", () -> d.delete(name, expectedVersion));
        }
    }

    private final class Progress implements ProgressStore {
        private final ProgressStore d;

        Progress(ProgressStore d) {
            this.d = d;
        }

        @Override
        public Optional<ProgressRecord> get(String jobName) {
            return d.get(jobName);
        }

        @Override
        public void put(String jobName, String value, long fencingToken) {
            put(jobName, value, fencingToken, List.of());
        }

        @Override
        public boolean keepsJournal() {
            return d.keepsJournal();
        }

        @Override
        public List<JournalEntry> journal(JournalQuery query) {
            return d.journal(query);
        }

        @Override
        public int pruneJournal(Instant before, int keepPerJob) {
            return d.pruneJournal(before, keepPerJob);
        }

        @Override
        public void put(String jobName, String value, long fencingToken, List<JournalEntry> journal) {
            Timer.Sample sample = Timer.start(registry);
            try {
                timedVoid("progress_put", () -> {
                    if (journal.isEmpty()) {
                        d.put(jobName, value, fencingToken);
                    } else {
                        d.put(jobName, value, fencingToken, journal);
                    }
                });
            } finally {
                sample.stop(Timer.builder("ccr.job.progress.persist.duration")
                        .description("The job progress persist duration in seconds (Go syncer name)")
                        .tag("name", jobName).serviceLevelObjectives(GO_DEFAULT_BUCKETS).register(registry));
                Counter.builder("ccr.job.progress.persist").description("The number of job progress persist (Go syncer name)")
                        .tag("name", jobName).register(registry).increment();
            }
        }
    }

    private final class Leases implements LeaseStore {
        private final LeaseStore d;

        Leases(LeaseStore d) {
            this.d = d;
        }

        @Override
        public void heartbeat(String address, Instant now) {
            timedVoid("heartbeat", () -> d.heartbeat(address, now));
        }

        @Override
        public List<SyncerInfo> syncers() {
            return d.syncers();
        }

        @Override
        public int removeSyncersSilentSince(Instant before) {
            return timed("syncers_remove", () -> d.removeSyncersSilentSince(before));
        }

        @Override
        public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
            return timed("lease_acquire", () -> d.tryAcquire(jobName, owner, now, ttl));
        }

        @Override
        public JobLease renew(JobLease lease, Instant now, Duration ttl) {
            return timed("lease_renew", () -> d.renew(lease, now, ttl));
        }

        @Override
        public List<JobLease> renewAll(Collection<JobLease> held, Instant now, Duration ttl) {
            return timed("lease_renew_all", () -> d.renewAll(held, now, ttl));
        }

        @Override
        public boolean release(JobLease lease, Instant now) {
            return timed("lease_release", () -> d.release(lease, now));
        }

        @Override
        public List<JobLease> leases() {
            return d.leases();
        }

        @Override
        public List<JobLease> expired(Instant now) {
            return d.expired(now);
        }

        @Override
        public Optional<String> ownerAddress(String jobName, Instant now) {
            return d.ownerAddress(jobName, now);
        }
    }
}
