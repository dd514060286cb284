package dev.dorisccr.examples;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.spi.SyncerInfo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A custom metadata store: the whole store in one file, rewritten atomically (a temporary file,
 * then a rename) after every change, read back at {@link #open}. It shows what an implementation
 * of the {@code dev.dorisccr.core.spi} SPI has to keep (see {@link MetadataStore}): codes on
 * every failure, a failed call changes nothing, one lock makes each call atomic, times from the
 * given clock, fencing by token; {@code FileMetadataStoreTest} proves it with the contract kit of
 * {@code ccr-testkit}.
 *
 * <p>Limits of an example: one process opens the file (use {@link #share()} for more handles in that
 * process; HA across processes needs a shared database), every change rewrites the whole file (the
 * apply journal included: keep its retention small), and secrets are written in clear: protect the
 * file as you would a password file.
 *
 * <pre>{@code
 * try (FileMetadataStore store = FileMetadataStore.open(Path.of("ccr-store.bin"), Clock.systemUTC());
 *         CcrEngine engine = CcrEngine.builder().store(store).build()) { // the store stays yours to close
 *     engine.start();
 * }
 * }</pre>
 */
public final class FileMetadataStore implements MetadataStore {
    /** Format 2 adds the apply journal; a format 1 file (no journal) is still read. */
    private static final int FORMAT = 2;

    private final Shared shared;
    private final Jobs jobs = new Jobs();
    private final Progress progress = new Progress();
    private final Leases leases = new Leases();
    private volatile boolean closed;

    /** What the handles of one file share: the file, the clock and the state, under one lock. */
    private static final class Shared {
        final Path file;
        final InstantSource clock;
        State state;

        Shared(Path file, InstantSource clock, State state) {
            this.file = file;
            this.clock = clock;
            this.state = state;
        }
    }

    /** One version of the store; a change works on a copy, writes it, then makes it current. */
    private static final class State {
        final TreeMap<String, JobRecord> jobs = new TreeMap<>();
        final TreeMap<String, ProgressRecord> progress = new TreeMap<>();
        final TreeMap<String, JobLease> leases = new TreeMap<>();
        final TreeMap<String, SyncerInfo> syncers = new TreeMap<>();
        /** Per job, its journal entries oldest first. */
        final TreeMap<String, List<JournalEntry>> journal = new TreeMap<>();
        /** The store-wide sequence of job versions and fencing tokens. */
        long sequence;

        long next() {
            return ++sequence;
        }

        State copy() {
            State c = new State();
            c.jobs.putAll(jobs);
            c.progress.putAll(progress);
            c.leases.putAll(leases);
            c.syncers.putAll(syncers);
            journal.forEach((k, v) -> c.journal.put(k, new ArrayList<>(v)));
            c.sequence = sequence;
            return c;
        }
    }

    private FileMetadataStore(Shared shared) {
        this.shared = shared;
    }

    /**
     * Opens the store in {@code file} (created at the first change if missing); {@code clock} stamps
     * the records' times. A file that cannot be read is {@code STORE_UNAVAILABLE}, one of another
     * format {@code CORRUPT_METADATA}.
     */
    public static FileMetadataStore open(Path file, InstantSource clock) {
        requireNonNull(file, "file is null");
        requireNonNull(clock, "clock is null");
        return new FileMetadataStore(new Shared(file, clock, read(file)));
    }

    /** Another handle on the same file and data, closed on its own (this one may be closed). */
    public FileMetadataStore share() {
        return new FileMetadataStore(shared);
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
        closed = true;
    }

    /** Whether this handle was closed. */
    public boolean isClosed() {
        return closed;
    }

    // ---- one lock, reads and changes

    private <T> T read(Function<State, T> body) {
        checkOpen();
        synchronized (shared) {
            return body.apply(shared.state);
        }
    }

    /** Applies {@code change} to a copy, writes the copy, then makes it current: all or nothing. */
    private <T> T change(Function<State, T> change) {
        checkOpen();
        synchronized (shared) {
            State next = shared.state.copy();
            T answer = change.apply(next);
            write(shared.file, next);
            shared.state = next;
            return answer;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "the file store handle is closed");
        }
    }

    // ---- the ports

    private final class Jobs implements JobStore {
        @Override
        public JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
            StoreNames.requireJobName(name);
            requireNonNull(spec, "spec is null");
            requireNonNull(desiredState, "desiredState is null");
            Map<String, Secret> checked = checkSecrets(secrets);
            return change(s -> {
                if (s.jobs.containsKey(name)) {
                    throw new CcrException(ErrorCode.JOB_ALREADY_EXISTS, "a job with this name exists").with("job", name);
                }
                Instant now = shared.clock.instant();
                JobRecord r = new JobRecord(name, spec, desiredState, checked, s.next(), now, now);
                s.jobs.put(name, r);
                return r;
            });
        }

        @Override
        public Optional<JobRecord> get(String name) {
            StoreNames.requireJobName(name);
            return read(s -> Optional.ofNullable(s.jobs.get(name)));
        }

        @Override
        public List<JobRecord> list() {
            return read(s -> List.copyOf(s.jobs.values()));
        }

        @Override
        public SortedMap<String, DesiredState> desiredStates() {
            return read(s -> {
                TreeMap<String, DesiredState> m = new TreeMap<>();
                s.jobs.forEach((n, r) -> m.put(n, r.desiredState()));
                return Collections.unmodifiableSortedMap(m);
            });
        }

        @Override
        public JobRecord update(String name, long expectedVersion, String spec, DesiredState desiredState,
                Map<String, Secret> secrets) {
            StoreNames.requireJobName(name);
            requireNonNull(spec, "spec is null");
            requireNonNull(desiredState, "desiredState is null");
            Map<String, Secret> checked = checkSecrets(secrets);
            return change(s -> {
                JobRecord old = requireVersion(s, name, expectedVersion);
                JobRecord r = new JobRecord(name, spec, desiredState, checked, s.next(), old.createdAt(),
                        shared.clock.instant());
                s.jobs.put(name, r);
                return r;
            });
        }

        @Override
        public void delete(String name, long expectedVersion) {
            StoreNames.requireJobName(name);
            change(s -> {
                requireVersion(s, name, expectedVersion);
                s.jobs.remove(name);
                s.progress.remove(name);
                s.journal.remove(name);
                s.leases.remove(name);
                return null;
            });
        }
    }

    private final class Progress implements ProgressStore {
        @Override
        public Optional<ProgressRecord> get(String jobName) {
            StoreNames.requireJobName(jobName);
            return read(s -> Optional.ofNullable(s.progress.get(jobName)));
        }

        @Override
        public void put(String jobName, String value, long fencingToken) {
            put(jobName, value, fencingToken, List.of());
        }

        @Override
        public void put(String jobName, String value, long fencingToken, List<JournalEntry> journal) {
            StoreNames.requireJobName(jobName);
            requireNonNull(value, "progress is null");
            requireNonNull(journal, "journal is null");
            if (journal.stream().anyMatch(e -> e == null || !e.jobName().equals(jobName))) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "journal entries must be of the job written");
            }
            if (fencingToken < 1) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "fencing token must be >= 1");
            }
            change(s -> {
                JobLease current = s.leases.get(jobName);
                if (current == null || current.token() != fencingToken) { // the token decides, not the expiry
                    throw new CcrException(ErrorCode.LEASE_LOST, "progress rejected: the lease has another token")
                            .with("job", jobName).with("fencingToken", fencingToken);
                }
                s.progress.put(jobName, new ProgressRecord(jobName, value, fencingToken, shared.clock.instant()));
                if (!journal.isEmpty()) {
                    s.journal.computeIfAbsent(jobName, k -> new ArrayList<>()).addAll(journal);
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
            return read(s -> {
                List<JournalEntry> all = s.journal.getOrDefault(query.jobName(), List.of());
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
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "keepPerJob must be >= 1");
            }
            return change(s -> {
                int removed = 0;
                for (List<JournalEntry> entries : s.journal.values()) {
                    int size = entries.size();
                    entries.removeIf(e -> e.at().isBefore(before));
                    if (entries.size() > keepPerJob) {
                        entries.subList(0, entries.size() - keepPerJob).clear();
                    }
                    removed += size - entries.size();
                }
                s.journal.values().removeIf(List::isEmpty);
                return removed;
            });
        }
    }

    private final class Leases implements LeaseStore {
        @Override
        public void heartbeat(String address, Instant now) {
            StoreNames.requireAddress(address);
            requireNonNull(now, "now is null");
            change(s -> s.syncers.put(address, new SyncerInfo(address, now)));
        }

        @Override
        public List<SyncerInfo> syncers() {
            return read(s -> List.copyOf(s.syncers.values()));
        }

        @Override
        public int removeSyncersSilentSince(Instant before) {
            requireNonNull(before, "before is null");
            return change(s -> {
                int n = s.syncers.size();
                s.syncers.values().removeIf(i -> i.heartbeatAt().isBefore(before));
                return n - s.syncers.size();
            });
        }

        @Override
        public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
            StoreNames.requireJobName(jobName);
            StoreNames.requireAddress(owner);
            requireNonNull(now, "now is null");
            requireTtl(ttl);
            return change(s -> {
                if (!s.jobs.containsKey(jobName)) {
                    throw new CcrException(ErrorCode.JOB_NOT_FOUND, "no such job").with("job", jobName);
                }
                JobLease held = s.leases.get(jobName);
                if (held != null && !held.isExpiredAt(now) && !held.owner().equals(owner)) {
                    return Optional.<JobLease>empty();
                }
                JobLease lease = new JobLease(jobName, owner, s.next(), now.plus(ttl));
                s.leases.put(jobName, lease);
                return Optional.of(lease);
            });
        }

        @Override
        public JobLease renew(JobLease lease, Instant now, Duration ttl) {
            requireNonNull(lease, "lease is null");
            requireNonNull(now, "now is null");
            requireTtl(ttl);
            return change(s -> {
                if (!isCurrent(s, lease)) {
                    throw new CcrException(ErrorCode.LEASE_LOST, "the lease was taken over or the job deleted")
                            .with("job", lease.jobName()).with("fencingToken", lease.token());
                }
                JobLease renewed = new JobLease(lease.jobName(), lease.owner(), lease.token(), now.plus(ttl));
                s.leases.put(lease.jobName(), renewed);
                return renewed;
            });
        }

        @Override
        public boolean release(JobLease lease, Instant now) {
            requireNonNull(lease, "lease is null");
            requireNonNull(now, "now is null");
            return change(s -> {
                if (!isCurrent(s, lease)) {
                    return false;
                }
                s.leases.put(lease.jobName(), new JobLease(lease.jobName(), lease.owner(), lease.token(), now));
                return true;
            });
        }

        @Override
        public List<JobLease> leases() {
            return read(s -> List.copyOf(s.leases.values()));
        }
    }

    // ---- helpers

    private static boolean isCurrent(State s, JobLease lease) {
        JobLease held = s.leases.get(lease.jobName());
        return held != null && held.token() == lease.token() && held.owner().equals(lease.owner());
    }

    private static JobRecord requireVersion(State s, String name, long expected) {
        JobRecord r = s.jobs.get(name);
        if (r == null) {
            throw new CcrException(ErrorCode.JOB_NOT_FOUND, "no such job").with("job", name);
        }
        if (r.version() != expected) {
            throw new CcrException(ErrorCode.VERSION_CONFLICT, "the job was changed concurrently; re-read it")
                    .with("job", name).with("expectedVersion", expected).with("storedVersion", r.version());
        }
        return r;
    }

    private static Map<String, Secret> checkSecrets(Map<String, Secret> secrets) {
        requireNonNull(secrets, "secrets is null");
        secrets.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > StoreNames.MAX_LENGTH || v == null) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT,
                        "secret names must be 1.." + StoreNames.MAX_LENGTH + " characters with a value");
            }
        });
        return Map.copyOf(secrets);
    }

    private static void requireTtl(Duration ttl) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "lease ttl must be positive").with("ttl", ttl);
        }
    }

    // ---- the file: a format number, then each map as a count and its entries

    private static State read(Path file) {
        State s = new State();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(
                new java.io.BufferedInputStream(raw))) {
            int format = in.readInt();
            if (format != FORMAT && format != 1) {
                throw new CcrException(ErrorCode.CORRUPT_METADATA, "unknown file store format " + format)
                        .with("file", file);
            }
            s.sequence = in.readLong();
            for (int n = in.readInt(); n > 0; n--) {
                String name = text(in);
                String spec = text(in);
                DesiredState state = DesiredState.valueOf(text(in));
                Map<String, Secret> secrets = new TreeMap<>();
                for (int k = in.readInt(); k > 0; k--) {
                    secrets.put(text(in), Secret.of(text(in)));
                }
                s.jobs.put(name, new JobRecord(name, spec, state, secrets, in.readLong(),
                        Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String job = text(in);
                s.progress.put(job, new ProgressRecord(job, text(in), in.readLong(), Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String job = text(in);
                s.leases.put(job, new JobLease(job, text(in), in.readLong(), Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String address = text(in);
                s.syncers.put(address, new SyncerInfo(address, Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = format == 1 ? 0 : in.readInt(); n > 0; n--) {
                String job = text(in);
                List<JournalEntry> entries = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    long seq = in.readLong();
                    String type = text(in);
                    List<String> tables = new ArrayList<>();
                    for (int t = in.readInt(); t > 0; t--) {
                        tables.add(text(in));
                    }
                    entries.add(new JournalEntry(job, seq, type, tables, JournalOutcome.valueOf(text(in)), text(in),
                            in.readLong(), text(in), in.readLong(), text(in), Instant.ofEpochMilli(in.readLong())));
                }
                s.journal.put(job, entries);
            }
            return s;
        } catch (NoSuchFileException e) {
            return s; // a new store
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "cannot read the file store: " + e, e)
                    .with("file", file);
        }
    }

    private static void write(Path file, State s) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(
                    new java.io.BufferedOutputStream(raw))) {
                out.writeInt(FORMAT);
                out.writeLong(s.sequence);
                out.writeInt(s.jobs.size());
                for (JobRecord r : s.jobs.values()) {
                    text(out, r.name());
                    text(out, r.spec());
                    text(out, r.desiredState().name());
                    out.writeInt(r.secrets().size());
                    for (Map.Entry<String, Secret> e : new TreeMap<>(r.secrets()).entrySet()) {
                        text(out, e.getKey());
                        text(out, e.getValue().reveal());
                    }
                    out.writeLong(r.version());
                    out.writeLong(r.createdAt().toEpochMilli());
                    out.writeLong(r.updatedAt().toEpochMilli());
                }
                out.writeInt(s.progress.size());
                for (ProgressRecord p : s.progress.values()) {
                    text(out, p.jobName());
                    text(out, p.progress());
                    out.writeLong(p.fencingToken());
                    out.writeLong(p.updatedAt().toEpochMilli());
                }
                out.writeInt(s.leases.size());
                for (JobLease l : s.leases.values()) {
                    text(out, l.jobName());
                    text(out, l.owner());
                    out.writeLong(l.token());
                    out.writeLong(l.expiresAt().toEpochMilli());
                }
                out.writeInt(s.syncers.size());
                for (SyncerInfo i : s.syncers.values()) {
                    text(out, i.address());
                    out.writeLong(i.heartbeatAt().toEpochMilli());
                }
                out.writeInt(s.journal.size());
                for (Map.Entry<String, List<JournalEntry>> j : s.journal.entrySet()) {
                    text(out, j.getKey());
                    out.writeInt(j.getValue().size());
                    for (JournalEntry e : j.getValue()) {
                        out.writeLong(e.commitSeq());
                        text(out, e.binlogType());
                        out.writeInt(e.tables().size());
                        for (String t : e.tables()) {
                            text(out, t);
                        }
                        text(out, e.outcome().name());
                        text(out, e.detail());
                        out.writeLong(e.durationMs());
                        text(out, e.label());
                        out.writeLong(e.txnId());
                        text(out, e.errorCode());
                        out.writeLong(e.at().toEpochMilli());
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "cannot write the file store: " + e, e)
                    .with("file", file);
        }
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void text(DataOutputStream out, String v) throws IOException {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
