package dev.dorisccr.examples;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.SyncerInfo;
import dev.dorisccr.testkit.store.InMemoryMetadataStore;
import dev.dorisccr.testkit.store.InMemoryMetadataStore.Contents;
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
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A custom metadata store: the whole store in one file, rewritten atomically (a temporary file,
 * then a rename) after every change, read back at {@link #open}. The store's logic (versions,
 * fencing tokens, leases, the journal, the error codes of the {@link MetadataStore} contract) is
 * the test kit's {@link InMemoryMetadataStore}, {@linkplain InMemoryMetadataStore#persisting
 * persisting} through this class: all this class adds is the file format, which is how to build a
 * durable store on it. A change counts only once the file is written (a failed write undoes it and
 * fails with {@code STORE_UNAVAILABLE}); {@code FileMetadataStoreTest} proves it with the contract
 * kit of {@code ccr-testkit}.
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

    private final InMemoryMetadataStore store;
    private volatile boolean closed;

    private FileMetadataStore(InMemoryMetadataStore store) {
        this.store = store;
    }

    /**
     * Opens the store in {@code file} (created at the first change if missing); {@code clock} stamps
     * the records' times. A file that cannot be read is {@code STORE_UNAVAILABLE}, one of another
     * format {@code CORRUPT_METADATA}.
     */
    public static FileMetadataStore open(Path file, InstantSource clock) {
        requireNonNull(file, "file is null");
        requireNonNull(clock, "clock is null");
        return new FileMetadataStore(InMemoryMetadataStore.persisting(clock, read(file), c -> write(file, c)));
    }

    /** Another handle on the same file and data, closed on its own (this one may be closed). */
    public FileMetadataStore share() {
        return new FileMetadataStore(store.share());
    }

    @Override
    public JobStore jobs() {
        return store.jobs();
    }

    @Override
    public ProgressStore progress() {
        return store.progress();
    }

    @Override
    public LeaseStore leases() {
        return store.leases();
    }

    /** Closes this handle: its ports fail with {@code STORE_UNAVAILABLE}; the file and other handles stay. */
    @Override
    public void close() {
        closed = true;
        store.close();
    }

    /** Whether this handle was closed. */
    public boolean isClosed() {
        return closed;
    }

    // ---- the file: a format number, then each map as a count and its entries

    private static Contents read(Path file) {
        TreeMap<String, JobRecord> jobs = new TreeMap<>();
        TreeMap<String, ProgressRecord> progress = new TreeMap<>();
        TreeMap<String, JobLease> leases = new TreeMap<>();
        TreeMap<String, SyncerInfo> syncers = new TreeMap<>();
        TreeMap<String, List<JournalEntry>> journal = new TreeMap<>();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(
                new java.io.BufferedInputStream(raw))) {
            int format = in.readInt();
            if (format != FORMAT && format != 1) {
                throw new CcrException(ErrorCode.CORRUPT_METADATA, "unknown file store format " + format)
                        .with("file", file);
            }
            long sequence = in.readLong();
            for (int n = in.readInt(); n > 0; n--) {
                String name = text(in);
                String spec = text(in);
                DesiredState state = DesiredState.valueOf(text(in));
                Map<String, Secret> secrets = new TreeMap<>();
                for (int k = in.readInt(); k > 0; k--) {
                    secrets.put(text(in), Secret.of(text(in)));
                }
                jobs.put(name, new JobRecord(name, spec, state, secrets, in.readLong(),
                        Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String job = text(in);
                progress.put(job, new ProgressRecord(job, text(in), in.readLong(), Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String job = text(in);
                leases.put(job, new JobLease(job, text(in), in.readLong(), Instant.ofEpochMilli(in.readLong())));
            }
            for (int n = in.readInt(); n > 0; n--) {
                String address = text(in);
                syncers.put(address, new SyncerInfo(address, Instant.ofEpochMilli(in.readLong())));
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
                journal.put(job, entries);
            }
            return new Contents(jobs, progress, leases, syncers, journal, sequence);
        } catch (NoSuchFileException e) {
            return Contents.EMPTY; // a new store
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "cannot read the file store: " + e, e)
                    .with("file", file);
        }
    }

    private static void write(Path file, Contents s) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(
                    new java.io.BufferedOutputStream(raw))) {
                out.writeInt(FORMAT);
                out.writeLong(s.sequence());
                out.writeInt(s.jobs().size());
                for (JobRecord r : s.jobs().values()) {
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
                out.writeInt(s.progress().size());
                for (ProgressRecord p : s.progress().values()) {
                    text(out, p.jobName());
                    text(out, p.progress());
                    out.writeLong(p.fencingToken());
                    out.writeLong(p.updatedAt().toEpochMilli());
                }
                out.writeInt(s.leases().size());
                for (JobLease l : s.leases().values()) {
                    text(out, l.jobName());
                    text(out, l.owner());
                    out.writeLong(l.token());
                    out.writeLong(l.expiresAt().toEpochMilli());
                }
                out.writeInt(s.syncers().size());
                for (SyncerInfo i : s.syncers().values()) {
                    text(out, i.address());
                    out.writeLong(i.heartbeatAt().toEpochMilli());
                }
                out.writeInt(s.journal().size());
                for (Map.Entry<String, List<JournalEntry>> j : s.journal().entrySet()) {
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
