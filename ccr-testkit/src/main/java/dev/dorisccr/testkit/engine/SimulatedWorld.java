package dev.dorisccr.testkit.engine;

import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.TxnState;
import dev.dorisccr.core.spi.TabletCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pure-Java source and target for machine tests: the source has a binlog stream (upserts and
 * other changes, some collected), the target has txns with labels, backups and restores that take
 * a few polls. The target's content is the set of source binlog seqs it holds; committing a seq it
 * already holds is recorded as a duplicate. Faults: seeded retriable failures of any command.
 * It answers the engine's {@link JobCommand}s directly (no wire protocol), so the state machine
 * and runner can be proven fast and exhaustively; the Doris-protocol simulator proves the rest.
 */
public final class SimulatedWorld {
    public final List<RawBinlog> source = new ArrayList<>();
    public long oldestKept = 1;
    public final Set<Long> targetContent = new TreeSet<>();
    public final List<Long> duplicates = new ArrayList<>();
    public final List<Long> appliedDdl = new ArrayList<>();
    public final Map<Long, Txn> txns = new LinkedHashMap<>();
    public final Map<String, Long> labels = new HashMap<>();
    public final Map<String, int[]> backups = new HashMap<>();
    public final Map<String, Long> snapshotSeqs = new HashMap<>();
    public final Map<String, int[]> restores = new HashMap<>();
    public final Map<String, Long> restoreOf = new HashMap<>();
    public int fullSyncs;
    /** Txns begun early for {@code BeginTxn.ahead}, as a pipelined executor holds them: label -> txn id. */
    private final Map<String, Long> early = new HashMap<>();
    /** Early begins made, and those the machine then took (its begin answered with the early txn). */
    public int earlyBegins;
    public int earlyTaken;
    private long nextTxnId = 1000;
    private final Random faults;
    private final BinlogDecoder decoder = new BinlogDecoder();
    private final double faultRate;

    /** A target transaction. */
    public static final class Txn {
        public final String label;
        public final long seq;
        public String state = "PREPARE";
        public List<TabletCommit> ingested = new ArrayList<>();

        Txn(String label, long seq) {
            this.label = label;
            this.seq = seq;
        }
    }

    /** A world whose commands fail (retriably) with probability {@code faultRate}, seeded. */
    public SimulatedWorld(long seed, double faultRate) {
        this.faults = new Random(seed);
        this.faultRate = faultRate;
    }

    /** Appends a source binlog: type 0 is an upsert, others are schema changes. */
    public void append(int type) {
        long seq = source.isEmpty() ? 10 : source.get(source.size() - 1).commitSeq() + 1;
        source.add(new RawBinlog(seq, seq * 1000, type, 1, List.of(2L), "{}", -1));
    }

    /** The newest source commit seq, 0 when empty. */
    public long lastSeq() {
        return source.isEmpty() ? 0 : source.get(source.size() - 1).commitSeq();
    }

    /** Every upsert and DDL of the source: what a synced target holds. */
    public Set<Long> expectedContent() {
        Set<Long> out = new TreeSet<>();
        source.forEach(b -> {
            if (BinlogType.fromCode(b.typeCode()) != BinlogType.DUMMY) {
                out.add(b.commitSeq());
            }
        });
        return out;
    }

    /**
     * The executor restarted (the syncer crashed): the early txns it held are forgotten by it but
     * stay open on the target under their labels, as they would on Doris.
     */
    public void executorRestarted() {
        early.clear();
    }

    private void abortEarly(long id) {
        Txn t = txns.get(id);
        if (t != null && t.state.equals("PREPARE")) {
            t.state = "ABORTED";
        }
    }

    /** Carries out one command and answers like the clusters would. */
    public JobEvent execute(JobCommand c) {
        if (!(c instanceof JobCommand.RecheckAfter) && faults.nextDouble() < faultRate) {
            return new JobEvent.StepFailed(ErrorCode.DORIS_TIMEOUT, "injected timeout on " + c.getClass().getSimpleName());
        }
        if (c instanceof JobCommand.FetchBinlogs f) {
            if (f.prevCommitSeq() + 1 < oldestKept) {
                return new JobEvent.BinlogTooOld(oldestKept);
            }
            List<RawBinlog> out = new ArrayList<>();
            for (RawBinlog b : source) {
                if (b.commitSeq() > f.prevCommitSeq() && b.commitSeq() >= oldestKept && out.size() < f.max()) {
                    out.add(b);
                }
            }
            return out.isEmpty() ? new JobEvent.CaughtUp() : new JobEvent.BinlogsFetched(DecodedBinlog.all(out, decoder));
        }
        if (c instanceof JobCommand.CreateSnapshot s) {
            backups.computeIfAbsent(s.label(), l -> {
                snapshotSeqs.put(l, lastSeq());
                return new int[] {2};
            });
            return new JobEvent.SnapshotCreated();
        }
        if (c instanceof JobCommand.PollBackup p) {
            int[] left = backups.get(p.label());
            if (left == null) {
                return new JobEvent.StepFailed(ErrorCode.SNAPSHOT_NOT_FOUND, "no backup " + p.label());
            }
            return left[0]-- > 0 ? new JobEvent.BackupRunning("SNAPSHOTING") : new JobEvent.BackupDone();
        }
        if (c instanceof JobCommand.RestoreSnapshot r) {
            restores.computeIfAbsent(r.restoreLabel(), l -> new int[] {2});
            restoreOf.put(r.restoreLabel(), snapshotSeqs.get(r.snapshot()));
            return new JobEvent.RestoreSubmitted(snapshotSeqs.get(r.snapshot()), Map.of());
        }
        if (c instanceof JobCommand.PollRestore p) {
            int[] left = restores.get(p.restoreLabel());
            if (left[0]-- > 0) {
                return new JobEvent.RestoreRunning("DOWNLOADING");
            }
            if (left[0] == -1) { // finishing: the target becomes the snapshot
                long seq = restoreOf.get(p.restoreLabel());
                targetContent.clear();
                source.stream().filter(b -> b.commitSeq() <= seq && BinlogType.fromCode(b.typeCode()) != BinlogType.DUMMY)
                        .forEach(b -> targetContent.add(b.commitSeq()));
                fullSyncs++;
            }
            return new JobEvent.RestoreDone();
        }
        if (c instanceof JobCommand.LoadTargetTables) {
            return new JobEvent.TargetTablesLoaded(Map.of(2L, 20L), Map.of(2L, "t"));
        }
        if (!(c instanceof JobCommand.BeginTxn || c instanceof JobCommand.Ingest || c instanceof JobCommand.CommitTxn)) {
            early.values().forEach(this::abortEarly); // the machine went elsewhere: early txns are rolled back
            early.clear();
        }
        if (c instanceof JobCommand.BeginTxn b) {
            Set<String> keep = new HashSet<>();
            b.ahead().forEach(x -> keep.add(x.label()));
            Long mine = early.remove(b.label());
            early.entrySet().removeIf(e -> {
                if (!keep.contains(e.getKey())) {
                    abortEarly(e.getValue());
                    return true;
                }
                return false;
            });
            for (JobCommand.Upcoming x : b.ahead()) { // begun early, as a pipelined executor does
                Long held = labels.get(x.label());
                if (!early.containsKey(x.label()) && (held == null || txns.get(held).state.equals("ABORTED"))) {
                    long id = nextTxnId++;
                    txns.put(id, new Txn(x.label(), x.binlog().commitSeq()));
                    labels.put(x.label(), id);
                    early.put(x.label(), id);
                    earlyBegins++;
                }
            }
            if (mine != null && txns.get(mine).state.equals("PREPARE")) {
                earlyTaken++;
                return new JobEvent.TxnBegun(mine);
            }
            Long existing = labels.get(b.label());
            if (existing != null && !txns.get(existing).state.equals("ABORTED")) {
                return new JobEvent.TxnLabelExists(existing, TxnState.valueOf(txns.get(existing).state));
            }
            long id = nextTxnId++;
            txns.put(id, new Txn(b.label(), b.binlog().commitSeq()));
            labels.put(b.label(), id);
            return new JobEvent.TxnBegun(id);
        }
        if (c instanceof JobCommand.Ingest i) {
            Txn t = txns.get(i.txnId());
            if (t == null || !t.state.equals("PREPARE")) {
                return new JobEvent.StepFailed(ErrorCode.DORIS_RPC_FAILED, "txn " + i.txnId() + " not open");
            }
            t.ingested = List.of(new TabletCommit(i.binlog().commitSeq() * 10, 1));
            return new JobEvent.Ingested(t.ingested);
        }
        if (c instanceof JobCommand.CommitTxn ct) {
            Txn t = txns.get(ct.txnId());
            if (t.state.equals("VISIBLE")) {
                return new JobEvent.Committed();
            }
            if (!t.state.equals("PREPARE")) {
                return new JobEvent.StepFailed(ErrorCode.DORIS_RPC_FAILED, "txn " + ct.txnId() + " is " + t.state);
            }
            t.state = "VISIBLE";
            if (!targetContent.add(t.seq)) {
                duplicates.add(t.seq);
            }
            return new JobEvent.Committed();
        }
        if (c instanceof JobCommand.RollbackTxn r) {
            Txn t = txns.get(r.txnId());
            if (t != null && t.state.equals("PREPARE")) {
                t.state = "ABORTED";
            }
            return new JobEvent.RolledBack();
        }
        if (c instanceof JobCommand.ApplyBinlog a) {
            appliedDdl.add(a.binlog().commitSeq());
            targetContent.add(a.binlog().commitSeq());
            return new JobEvent.Applied();
        }
        if (c instanceof JobCommand.RecheckAfter) {
            return new JobEvent.Tick();
        }
        throw new IllegalArgumentException("unknown command " + c);
    }
}
