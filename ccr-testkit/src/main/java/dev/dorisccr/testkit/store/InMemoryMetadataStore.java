package dev.dorisccr.testkit.store;

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
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.spi.SyncerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link MetadataStore} in memory, for tests and for embedders who do not need durability. It
 * keeps the whole store contract ({@link AbstractMetadataStoreContractTest} and {@link
 * AbstractJobLeaseManagerContractTest} run against it): versions and fencing tokens from one
 * store-wide counter, the token check atomic with the progress write, failures as {@link
 * CcrException}s with their codes, a failed call changes nothing. It is thread-safe (one lock per
 * store); secrets are kept as given (nothing is at rest to encrypt).
 *
 * <p>{@link #share()} opens another handle on the same data, as a second syncer process opens its own
 * connection pool to a shared database: closing one handle leaves the others working.
 *
 * <p>{@link #persisting} makes it the logic of a durable store: it starts from the {@link Contents}
 * read back from somewhere and hands the new contents of every change to a writer before the change
 * counts (the writer fails, the change is undone). {@code FileMetadataStore} in {@code ccr-examples}
 * is one file written that way.
 *
 * <pre>{@code
 * InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
 * MetadataStore secondSyncer = store.share();
 * InMemoryMetadataStore durable = InMemoryMetadataStore.persisting(clock, readFile(), c -> writeFile(c));
 * }</pre>
 */
public final class InMemoryMetadataStore implements MetadataStore {
    private final Data data;
    private final InstantSource clock;
    private final Jobs jobs = new Jobs();
    private final Progress progress = new Progress();
    private final Leases leases = new Leases();
    private volatile boolean closed;

    /** A new, empty store; {@code clock} stamps the records' times (created, updated). */
    public InMemoryMetadataStore(InstantSource clock) {
        this(new Data(null), clock);
    }

    /**
     * A store that starts from {@code initial} and calls {@code writer} with the whole new contents
     * after every change, under the store's lock, before the change counts: when {@code writer}
     * throws, the change is undone and the call fails with what it threw. The writer should throw
     * a {@link CcrException} ({@code STORE_UNAVAILABLE} when it cannot write), as every store call
     * may; reads and failed calls do not call it.
     */
    public static InMemoryMetadataStore persisting(InstantSource clock, Contents initial, Consumer<Contents> writer) {
        requireNonNull(initial, "initial is null");
        Data data = new Data(requireNonNull(writer, "writer is null"));
        data.restore(initial);
        return new InMemoryMetadataStore(data, clock);
    }

    /** What the store holds now, as values (what {@link #persisting} hands its writer). */
    public Contents contents() {
        return locked(data::contents);
    }

    /**
     * Everything a store holds, by job name (syncers by address); {@code sequence} is the last
     * version or fencing token given out (the next one is greater). Immutable.
     *
     * @param journal per job, its journal entries oldest first
     */
    public record Contents(SortedMap<String, JobRecord> jobs, SortedMap<String, ProgressRecord> progress,
            SortedMap<String, JobLease> leases, SortedMap<String, SyncerInfo> syncers,
            SortedMap<String, List<JournalEntry>> journal, long sequence) {
        /** An empty store. */
        public static final Contents EMPTY = new Contents(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), 0);

        /** Copies every map (and journal list); a negative sequence is refused. */
        public Contents {
            jobs = Collections.unmodifiableSortedMap(new TreeMap<>(jobs));
            progress = Collections.unmodifiableSortedMap(new TreeMap<>(progress));
            leases = Collections.unmodifiableSortedMap(new TreeMap<>(leases));
            syncers = Collections.unmodifiableSortedMap(new TreeMap<>(syncers));
            TreeMap<String, List<JournalEntry>> j = new TreeMap<>();
            journal.forEach((k, v) -> j.put(k, List.copyOf(v)));
            journal = Collections.unmodifiableSortedMap(j);
            if (sequence < 0) {
                throw new IllegalArgumentException("sequence < 0: " + sequence);
            }
        }
    }

    private InMemoryMetadataStore(Data data, InstantSource clock) {
        this.data = data;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Another handle on the same data with the same clock, closed on its own (this one may be closed). */
    public InMemoryMetadataStore share() {
        return new InMemoryMetadataStore(data, clock);
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

    /** Closes this handle: its ports fail with {@code STORE_UNAVAILABLE}; the data and other handles stay. */
    @Override
    public void close() {
        closed = true;
    }

    private void check() {
        if (closed) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "the in-memory store handle is closed");
        }
    }

    private <T> T locked(Supplier<T> body) {
        check();
        synchronized (data) {
            return body.get();
        }
    }

    /** A change: all or nothing, and written by the persisting store's writer before it counts. */
    private <T> T changing(Supplier<T> body) {
        check();
        synchronized (data) {
            if (data.writer == null) {
                return body.get(); // every change checks before it mutates: a failure changes nothing
            }
            Contents before = data.contents();
            try {
                T answer = body.get();
                data.writer.accept(data.contents());
                return answer;
            } catch (RuntimeException | Error e) {
                data.restore(before);
                throw e;
            }
        }
    }

    /** Everything the handles share; guarded by its own monitor. */
    private static final class Data {
        /** The persisting store's writer; null in memory only. */
        final Consumer<Contents> writer;
        final TreeMap<String, JobRecord> jobs = new TreeMap<>();
        final TreeMap<String, ProgressRecord> progress = new TreeMap<>();
        final TreeMap<String, JobLease> leases = new TreeMap<>();
        final TreeMap<String, SyncerInfo> syncers = new TreeMap<>();
        /** Per job, its journal entries oldest first. */
        final TreeMap<String, List<JournalEntry>> journal = new TreeMap<>();
        long sequence;

        Data(Consumer<Contents> writer) {
            this.writer = writer;
        }

        long next() {
            return ++sequence;
        }

        Contents contents() {
            return new Contents(jobs, progress, leases, syncers, journal, sequence);
        }

        void restore(Contents c) {
            jobs.clear();
            jobs.putAll(c.jobs());
            progress.clear();
            progress.putAll(c.progress());
            leases.clear();
            leases.putAll(c.leases());
            syncers.clear();
            syncers.putAll(c.syncers());
            journal.clear();
            c.journal().forEach((k, v) -> journal.put(k, new ArrayList<>(v)));
            sequence = c.sequence();
        }
    }

    private static Map<String, Secret> checkSecrets(Map<String, Secret> secrets) {
        requireNonNull(secrets, "secrets is null");
        List<String> bad = new ArrayList<>();
        secrets.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > StoreNames.MAX_LENGTH || v == null) {
                bad.add(String.valueOf(k));
            }
        });
        if (!bad.isEmpty()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT,
                    "secret names must be 1.." + StoreNames.MAX_LENGTH + " characters with a value")
                    .with("secrets", bad);
        }
        return Map.copyOf(secrets);
    }

    private static CcrException notFound(String name) {
        return new CcrException(ErrorCode.JOB_NOT_FOUND, "no such job").with("job", name);
    }

    private static void requireTtl(Duration ttl) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "lease ttl must be positive").with("ttl", ttl);
        }
    }

    private final class Jobs implements JobStore {
        @Override
        public JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
            StoreNames.requireJobName(name);
            requireNonNull(spec, "spec is null");
            requireNonNull(desiredState, "desiredState is null");
            Map<String, Secret> checked = checkSecrets(secrets);
            return changing(() -> {
                if (data.jobs.containsKey(name)) {
                    throw new CcrException(ErrorCode.JOB_ALREADY_EXISTS, "a job with this name exists")
                            .with("job", name);
                }
                Instant now = clock.instant();
                JobRecord r = new JobRecord(name, spec, desiredState, checked, data.next(), now, now);
                data.jobs.put(name, r);
                return r;
            });
        }

        @Override
        public Optional<JobRecord> get(String name) {
            StoreNames.requireJobName(name);
            return locked(() -> Optional.ofNullable(data.jobs.get(name)));
        }

        @Override
        public List<JobRecord> list() {
            return locked(() -> List.copyOf(data.jobs.values()));
        }

        @Override
        public SortedMap<String, DesiredState> desiredStates() {
            return locked(() -> {
                TreeMap<String, DesiredState> states = new TreeMap<>();
                data.jobs.forEach((n, r) -> states.put(n, r.desiredState()));
                return Collections.unmodifiableSortedMap(states);
            });
        }

        @Override
        public JobRecord update(String name, long expectedVersion, String spec, DesiredState desiredState,
                Map<String, Secret> secrets) {
            StoreNames.requireJobName(name);
            requireNonNull(spec, "spec is null");
            requireNonNull(desiredState, "desiredState is null");
            Map<String, Secret> checked = checkSecrets(secrets);
            return changing(() -> {
                JobRecord stored = requireVersion(name, expectedVersion);
                JobRecord r = new JobRecord(name, spec, desiredState, checked, data.next(), stored.createdAt(),
                        clock.instant());
                data.jobs.put(name, r);
                return r;
            });
        }

        @Override
        public void delete(String name, long expectedVersion) {
            StoreNames.requireJobName(name);
            changing(() -> {
                requireVersion(name, expectedVersion);
                data.jobs.remove(name);
                data.progress.remove(name);
                data.journal.remove(name);
                data.leases.remove(name);
                return null;
            });
        }

        private JobRecord requireVersion(String name, long expected) {
            JobRecord stored = data.jobs.get(name);
            if (stored == null) {
                throw notFound(name);
            }
            if (stored.version() != expected) {
                throw new CcrException(ErrorCode.VERSION_CONFLICT, "the job was changed concurrently; re-read it")
                        .with("job", name)
                        .with("expectedVersion", expected)
                        .with("storedVersion", stored.version());
            }
            return stored;
        }
    }

    private final class Progress implements ProgressStore {
        @Override
        public Optional<ProgressRecord> get(String jobName) {
            StoreNames.requireJobName(jobName);
            return locked(() -> Optional.ofNullable(data.progress.get(jobName)));
        }

        @Override
        public void put(String jobName, String value, long fencingToken) {
            put(jobName, value, fencingToken, List.of());
        }

        @Override
        public void put(String jobName, String value, long fencingToken, List<JournalEntry> journal) {
            StoreNames.requireJobName(jobName);
            requireJournal(jobName, journal);
            requireNonNull(value, "progress is null");
            if (fencingToken < 1) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "fencing token must be >= 1")
                        .with("fencingToken", fencingToken);
            }
            changing(() -> {
                JobLease current = data.leases.get(jobName);
                if (current == null || current.token() != fencingToken) {
                    throw new CcrException(ErrorCode.LEASE_LOST,
                            "progress rejected: the job's lease has another fencing token (taken over or deleted)")
                            .with("job", jobName)
                            .with("fencingToken", fencingToken)
                            .with("currentToken", current == null ? "none" : Long.toString(current.token()));
                }
                data.progress.put(jobName, new ProgressRecord(jobName, value, fencingToken, clock.instant()));
                if (!journal.isEmpty()) {
                    data.journal.computeIfAbsent(jobName, k -> new ArrayList<>()).addAll(journal);
                }
                return null;
            });
        }

        @Override
        public boolean keepsJournal() {
            return true;
        }

        @Override
        public List<JournalEntry> journal(JournalQuery query) {
            requireNonNull(query, "query is null");
            return locked(() -> {
                List<JournalEntry> all = data.journal.getOrDefault(query.jobName(), List.of());
                List<JournalEntry> out = new ArrayList<>();
                for (int i = all.size() - 1; i >= 0 && out.size() < query.limit(); i--) {
                    if (query.matches(all.get(i))) {
                        out.add(all.get(i));
                    }
                }
                return List.copyOf(out);
            });
        }

        @Override
        public int pruneJournal(Instant before, int keepPerJob) {
            requireNonNull(before, "before is null");
            if (keepPerJob < 1) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "keepPerJob must be >= 1")
                        .with("keepPerJob", keepPerJob);
            }
            return changing(() -> {
                int removed = 0;
                for (List<JournalEntry> entries : data.journal.values()) {
                    int size = entries.size();
                    entries.removeIf(e -> e.at().isBefore(before));
                    if (entries.size() > keepPerJob) {
                        entries.subList(0, entries.size() - keepPerJob).clear();
                    }
                    removed += size - entries.size();
                }
                data.journal.values().removeIf(List::isEmpty);
                return removed;
            });
        }
    }

    private static void requireJournal(String jobName, List<JournalEntry> journal) {
        requireNonNull(journal, "journal is null");
        for (JournalEntry e : journal) {
            if (e == null || !e.jobName().equals(jobName)) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "journal entries must be of the job written")
                        .with("job", jobName);
            }
        }
    }

    private final class Leases implements LeaseStore {
        @Override
        public void heartbeat(String address, Instant now) {
            StoreNames.requireAddress(address);
            requireNonNull(now, "now is null");
            changing(() -> data.syncers.put(address, new SyncerInfo(address, now)));
        }

        @Override
        public List<SyncerInfo> syncers() {
            return locked(() -> List.copyOf(data.syncers.values()));
        }

        @Override
        public int removeSyncersSilentSince(Instant before) {
            requireNonNull(before, "before is null");
            return changing(() -> {
                int n = data.syncers.size();
                data.syncers.values().removeIf(s -> s.heartbeatAt().isBefore(before));
                return n - data.syncers.size();
            });
        }

        @Override
        public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
            StoreNames.requireJobName(jobName);
            StoreNames.requireAddress(owner);
            requireNonNull(now, "now is null");
            requireTtl(ttl);
            return changing(() -> {
                if (!data.jobs.containsKey(jobName)) {
                    throw notFound(jobName);
                }
                JobLease current = data.leases.get(jobName);
                if (current != null && !current.isExpiredAt(now) && !current.owner().equals(owner)) {
                    return Optional.empty();
                }
                JobLease lease = new JobLease(jobName, owner, data.next(), now.plus(ttl));
                data.leases.put(jobName, lease);
                return Optional.of(lease);
            });
        }

        @Override
        public JobLease renew(JobLease lease, Instant now, Duration ttl) {
            requireNonNull(lease, "lease is null");
            requireNonNull(now, "now is null");
            requireTtl(ttl);
            return changing(() -> {
                if (!isCurrent(lease)) {
                    throw new CcrException(ErrorCode.LEASE_LOST, "the lease was taken over or the job deleted")
                            .with("job", lease.jobName())
                            .with("owner", lease.owner())
                            .with("fencingToken", lease.token());
                }
                JobLease renewed = new JobLease(lease.jobName(), lease.owner(), lease.token(), now.plus(ttl));
                data.leases.put(lease.jobName(), renewed);
                return renewed;
            });
        }

        /** All at once, under the store's lock, as one statement would. */
        @Override
        public List<JobLease> renewAll(Collection<JobLease> held, Instant now, Duration ttl) {
            requireNonNull(held, "held is null");
            requireNonNull(now, "now is null");
            requireTtl(ttl);
            return changing(() -> {
                TreeMap<String, JobLease> renewed = new TreeMap<>();
                for (JobLease lease : held) {
                    if (isCurrent(lease)) {
                        JobLease r = new JobLease(lease.jobName(), lease.owner(), lease.token(), now.plus(ttl));
                        data.leases.put(lease.jobName(), r);
                        renewed.put(r.jobName(), r);
                    }
                }
                return List.copyOf(renewed.values());
            });
        }

        @Override
        public boolean release(JobLease lease, Instant now) {
            requireNonNull(lease, "lease is null");
            requireNonNull(now, "now is null");
            return changing(() -> {
                if (!isCurrent(lease)) {
                    return false;
                }
                data.leases.put(lease.jobName(), new JobLease(lease.jobName(), lease.owner(), lease.token(), now));
                return true;
            });
        }

        private boolean isCurrent(JobLease lease) {
            JobLease current = data.leases.get(lease.jobName());
            return current != null && current.token() == lease.token() && current.owner().equals(lease.owner());
        }

        @Override
        public List<JobLease> leases() {
            return locked(() -> List.copyOf(data.leases.values()));
        }
    }
}
