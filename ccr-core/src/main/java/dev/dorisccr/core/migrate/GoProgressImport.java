package dev.dorisccr.core.migrate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.job.SyncType;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.machine.Labels;
import dev.dorisccr.core.machine.StepData;
import dev.dorisccr.core.machine.TxnState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a Go syncer's {@code progresses.progress} into the progress this syncer resumes from: a
 * pure function of the Go progress, the job and (for an upsert whose commit may have happened)
 * the target's answer about the Go txn. The rules, and why they neither lose nor duplicate a
 * binlog, are in {@code docs/operations.md} ("Migrating from the Go syncer"):
 *
 * <ul>
 *   <li>idle incremental: continues after {@code prev_commit_seq} (= {@code commit_seq});
 *   <li>a binlog in flight that is not an upsert, or an upsert not yet ingesting: fetched again
 *       from {@code prev_commit_seq}, as the Go syncer's own recovery does;
 *   <li>an upsert ingesting (the Go syncer commits only after it checkpointed CommitTransaction):
 *       the Go txn is aborted, then the binlog is fetched again;
 *   <li>an upsert committing or rolling back: the target says whether the Go txn committed;
 *       committed counts as applied, otherwise as the previous case; when nobody can tell, a full
 *       sync;
 *   <li>a full sync: a new full sync (the Go snapshot is not reused);
 *   <li>a partial sync: the same partial sync again from a new snapshot, or a full sync when the
 *       Go progress does not say which table.
 * </ul>
 *
 * <p>Our ingest labels ({@link Labels#ingest}) have a different shape from Go's ({@code
 * ccrj-<4 hex>:<type>:<ids>:<seq>}), so a Go txn never answers our beginTxn as
 * LABEL_ALREADY_EXISTS: a Go txn is never mistaken for one of ours, which is why a possibly
 * committed Go txn is resolved here and not left to the label check.
 */
public final class GoProgressImport {
    private GoProgressImport() {}

    /** What the imported job does first. */
    public enum Outcome {
        /** Incremental sync from the Go syncer's commit seq: no copy. */
        INCREMENTAL,
        /** A partial sync of one table (then incremental). */
        PARTIAL_SYNC,
        /** A full sync. */
        FULL_SYNC
    }

    /**
     * The migration of one progress.
     *
     * @param progress what to store (incarnation still 0: set it to the new job record's version)
     * @param outcome what happens first
     * @param goState the Go state, e.g. {@code DBIncrementalSync/Done}
     * @param goCommitSeq the Go {@code commit_seq} (-1 without a Go progress)
     * @param goPrevCommitSeq the Go {@code prev_commit_seq} (-1 without a Go progress)
     * @param action what will happen, for the operator
     */
    public record Plan(SyncProgress progress, Outcome outcome, String goState, long goCommitSeq, long goPrevCommitSeq,
            String action) {
        public Plan {
            requireNonNull(progress, "progress is null");
            requireNonNull(outcome, "outcome is null");
            requireNonNull(goState, "goState is null");
            requireNonNull(action, "action is null");
        }
    }

    /** Asks the target about a Go txn (SHOW TRANSACTION); empty when the target does not know it. */
    public interface TxnLookup {
        Optional<TxnState> state(long txnId);
    }

    /**
     * Plans one job.
     *
     * @param spec the job, from the Go job JSON
     * @param goProgress the decoded Go progress JSON, empty when the Go store has none
     * @param goSourceTableId {@code src.table_id} of the Go job JSON, -1 when absent
     * @param txns asked only for an upsert whose commit may have happened; its {@code CcrException}
     *     (target unreachable) is passed on
     * @throws CcrException {@code CORRUPT_METADATA} for a progress that cannot be read or has
     *     states this syncer does not know
     */
    public static Plan plan(JobSpec spec, Optional<String> goProgress, long goSourceTableId, TxnLookup txns,
            long nowSeconds) {
        requireNonNull(spec, "spec is null");
        requireNonNull(txns, "txns is null");
        if (goProgress.isEmpty()) {
            SyncProgress initial = SyncProgress.initial(spec.name(), spec.syncType(), nowSeconds, 0).toBuilder()
                    .fullSyncReason("migrated from the Go syncer, which had no progress for this job").build();
            return new Plan(initial, Outcome.FULL_SYNC, "none", -1, -1,
                    "full sync, because the Go store has no progress for this job (the Go syncer would start one too)");
        }
        SyncProgress p = SyncProgressJson.read(goProgress.get());
        if (!p.jobName().equals(spec.name())) {
            throw corrupt("progress.job_name is \"" + p.jobName() + "\", not the job's name");
        }
        SyncState state = p.syncState();
        boolean db = spec.syncType() == SyncType.DB_SYNC;
        boolean dbState = state.code() < SyncState.TABLE_FULL_SYNC.code();
        if (db != dbState) {
            throw corrupt("sync_state " + state.goName() + " does not belong to a " + spec.syncType().goName() + " job");
        }
        String goState = state.goName() + "/" + p.subSyncState().goName();
        Context c = new Context(spec, p, goState, nowSeconds);
        if (state == SyncState.DB_SPECIFIC_TABLE_FULL_SYNC) {
            return c.fullSync("the Go syncer never leaves DBSpecificTableFullSync");
        }
        if (state.isFullSync()) {
            requireCopyStep(p);
            String snapshot = p.data().isEmpty() || p.data().startsWith("{") ? "" : " (snapshot " + p.data() + ")";
            return c.fullSync("the Go syncer was in the middle of a full sync" + snapshot
                    + ", whose snapshot is not reused");
        }
        if (state.isPartialSync()) {
            requireCopyStep(p);
            return partialSync(c, goSourceTableId);
        }
        return incremental(c, txns);
    }

    /** One planning: the Go progress and the common parts of every result. */
    private record Context(JobSpec spec, SyncProgress go, String goState, long now) {
        Plan fullSync(String why) {
            SyncProgress initial = SyncProgress.initial(spec.name(), spec.syncType(), now, 0).toBuilder()
                    .createdAt(createdAt()).fullSyncReason("migrated from the Go syncer: " + why).build();
            return new Plan(initial, Outcome.FULL_SYNC, goState, go.commitSeq(), go.prevCommitSeq(),
                    "full sync, because " + why);
        }

        long createdAt() {
            return go.createdAt() > 0 ? go.createdAt() : now;
        }

        /** The Go progress without its Go-only parts: our step data, no observed status. */
        SyncProgress.Builder base() {
            return go.toBuilder().createdAt(createdAt()).data("").incarnation(0).fullSyncReason("")
                    .tableCommitSeqMap(liveTableSeqs());
        }

        /**
         * The per-table floors still ahead of {@code prev_commit_seq}. Lower ones cannot filter
         * anything, and the Go syncer's {@code committed()} writes seqs (at most the applied one)
         * under target table ids into this source-keyed map (inventory 10.2 #3): dropping them
         * keeps a target id from ever filtering a source table's binlogs.
         */
        Map<Long, Long> liveTableSeqs() {
            Map<Long, Long> m = new TreeMap<>();
            go.tableCommitSeqMap().forEach((t, seq) -> {
                if (seq > go.prevCommitSeq()) {
                    m.put(t, seq);
                }
            });
            return m;
        }

        Plan incremental(SyncProgress p, String action) {
            return new Plan(p, Outcome.INCREMENTAL, goState, go.commitSeq(), go.prevCommitSeq(), action);
        }
    }

    private static void requireCopyStep(SyncProgress p) {
        SubSyncState sub = p.subSyncState();
        boolean known = sub.isDone() || (sub.binlogType() == -1 && sub.state() >= 0 && sub.state() <= 6);
        if (!known) {
            throw corrupt("sub_sync_state " + sub.goName() + " is not a step of " + p.syncState().goName());
        }
    }

    private static Plan partialSync(Context c, long goSourceTableId) {
        SyncProgress go = c.go();
        Optional<PartialSyncData> pd = go.partialSyncData().filter(d -> !d.table().isEmpty());
        if (pd.isEmpty()) {
            return c.fullSync("the Go syncer was in the middle of a partial sync whose record names no table");
        }
        PartialSyncData d = pd.get();
        long tableId = d.tableId() > 0 ? d.tableId() : c.spec().source().isTable() ? goSourceTableId
                : idByName(go.tableNameMapping(), d.table());
        if (tableId <= 0 && !c.spec().source().isTable()) {
            return c.fullSync("the Go syncer was in the middle of a partial sync of table " + d.table()
                    + " and its progress does not give the table's id");
        }
        long syncId = go.jobSyncId() + 1;
        boolean replace = go.tableAliases().containsKey(d.table());
        Map<Long, Long> seqs = new TreeMap<>(c.liveTableSeqs());
        seqs.remove(tableId); // the new snapshot sets it
        SyncProgress p = c.base()
                .syncState(go.syncState())
                .subSyncState(SubSyncState.BEGIN_CREATE_SNAPSHOT)
                .jobSyncId(syncId)
                .partialSyncData(Optional.of(new PartialSyncData(tableId, d.table(), d.partitionIds(), d.partitions())))
                .tableAliases(replace ? Map.of(d.table(), Labels.aliasTable(d.table(), syncId)) : Map.of())
                .tableCommitSeqMap(seqs)
                .fullSyncStartAt(c.now())
                .build();
        String what = d.isWholeTable() ? "table " + d.table() : "partitions " + String.join(", ", d.partitions())
                + " of table " + d.table();
        return new Plan(p, Outcome.PARTIAL_SYNC, c.goState(), go.commitSeq(), go.prevCommitSeq(),
                "partial sync of " + what + " from a new snapshot (the Go syncer was copying it for binlog "
                        + go.commitSeq() + "), then incremental after commit seq " + go.commitSeq());
    }

    private static long idByName(Map<Long, String> names, String table) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(table)).mapToLong(Map.Entry::getKey)
                .findFirst().orElse(-1);
    }

    private static Plan incremental(Context c, TxnLookup txns) {
        SyncProgress go = c.go();
        SyncProgress.Builder b = c.base().partialSyncData(Optional.empty()).tableAliases(Map.of());
        if (go.syncState() == SyncState.DB_TABLES_INCREMENTAL_SYNC && c.liveTableSeqs().isEmpty()) {
            b.syncState(SyncState.DB_INCREMENTAL_SYNC);
        } else if (go.syncState() != SyncState.DB_TABLES_INCREMENTAL_SYNC) {
            b.tableCommitSeqMap(Map.of());
        }
        long prev = go.prevCommitSeq();
        long seq = go.commitSeq();
        SyncProgress fromPrev = b.subSyncState(SubSyncState.DONE).commitSeq(prev).build();
        SubSyncState sub = go.subSyncState();
        String continues = "continues incrementally after commit seq " + prev;
        if (sub.isDone() && seq == prev) {
            return c.incremental(fromPrev, continues);
        }
        if (sub.isDone()) {
            return c.incremental(fromPrev, continues + "; binlog " + seq + ", in flight in the Go syncer, is applied"
                    + " again (as the Go syncer's own recovery does)");
        }
        if (sub.equals(SubSyncState.BEGIN_TRANSACTION)) {
            return c.incremental(fromPrev, continues + "; upsert " + seq + " was only beginning its txn (never"
                    + " committed), it is applied again");
        }
        long txnId = goTxnId(go.data());
        if (sub.equals(SubSyncState.INGEST_BINLOG)) {
            if (txnId < 0) {
                return c.incremental(fromPrev, continues + "; upsert " + seq + " was ingesting (never committed),"
                        + " it is applied again");
            }
            return c.incremental(abortThenRefetch(fromPrev, seq, txnId, c.now()), "aborts the Go txn " + txnId
                    + " of upsert " + seq + " (ingesting, never committed), then " + continues);
        }
        if (!sub.equals(SubSyncState.COMMIT_TRANSACTION) && !sub.equals(SubSyncState.ROLLBACK_TRANSACTION)) {
            throw corrupt("sub_sync_state " + sub.goName() + " is not a step of " + go.syncState().goName());
        }
        if (txnId < 0) {
            return c.fullSync("upsert " + seq + " was at " + sub.goName() + " and the Go progress holds no txn id:"
                    + " nobody can tell whether it committed");
        }
        Optional<TxnState> state = txns.state(txnId);
        if (state.isEmpty() || state.get() == TxnState.UNKNOWN) {
            return c.fullSync("the target " + (state.isEmpty() ? "no longer knows" : "gives no known state for")
                    + " the Go txn " + txnId + " of upsert " + seq + ": nobody can tell whether it committed");
        }
        if (state.get().isCommitted()) {
            SyncProgress applied = fromPrev.toBuilder().commitSeq(seq).prevCommitSeq(seq).build();
            return c.incremental(applied, "continues incrementally after commit seq " + seq + " (the Go txn "
                    + txnId + " of upsert " + seq + " is " + state.get() + " on the target)");
        }
        if (state.get() == TxnState.PREPARE) {
            return c.incremental(abortThenRefetch(fromPrev, seq, txnId, c.now()), "aborts the Go txn " + txnId
                    + " of upsert " + seq + " (PREPARE on the target, not committed), then " + continues);
        }
        return c.incremental(fromPrev, continues + "; upsert " + seq + " is applied again (its Go txn " + txnId
                + " is ABORTED on the target)");
    }

    /** Our ROLLBACK_TRANSACTION checkpoint over the Go txn: the runner aborts it, then fetches again. */
    private static SyncProgress abortThenRefetch(SyncProgress idle, long seq, long txnId, long now) {
        return idle.startHandle(seq).nextSub(SubSyncState.ROLLBACK_TRANSACTION,
                StepData.EMPTY.withTxn("", txnId).toJson(), now);
    }

    /**
     * The txn id in the Go upsert checkpoint ({@code data} = the JSON of Go's {@code inMemoryData},
     * key {@code txn_id}); -1 when the data holds none.
     */
    static long goTxnId(String data) {
        if (data == null || !data.strip().startsWith("{")) {
            return -1;
        }
        JsonNode n;
        try {
            n = JobSpecJson.readObject(data, ErrorCode.CORRUPT_METADATA);
        } catch (CcrException e) {
            return -1; // named condition: data that is not a JSON object holds no txn id
        }
        JsonNode id = n.get("txn_id");
        return id != null && id.isIntegralNumber() && id.asLong() > 0 ? id.asLong() : -1;
    }

    private static CcrException corrupt(String message) {
        return new CcrException(ErrorCode.CORRUPT_METADATA, "Go progress: " + message);
    }
}
