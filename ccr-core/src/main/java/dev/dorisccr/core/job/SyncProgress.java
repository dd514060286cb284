package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The observed state of a job: the Go syncer's {@code JobProgress} as an immutable value. Every
 * change returns a new value; the engine checkpoints it through the progress store before any
 * effect that depends on it. Times are unix seconds, 0 when unset.
 *
 * <p>Commit seqs: {@code prevCommitSeq} is the last binlog fully applied on the target; {@code
 * commitSeq} the one being handled (equal to {@code prevCommitSeq} when idle).
 *
 * <p>{@code incarnation} tells this job apart from an earlier job of the same name (deleted, then
 * created again): every label the job gives to a backup, restore or txn carries it, so the new
 * job never adopts the old one's snapshot or txn. 0 for a progress written without it (an older
 * version or the Go syncer), whose labels keep their old form so its steps in flight still find
 * their own backup and txn.
 */
public record SyncProgress(
        String jobName,
        SyncState syncState,
        SubSyncState subSyncState,
        long prevCommitSeq,
        long commitSeq,
        Map<Long, Long> tableMapping,
        Map<Long, Long> tableCommitSeqMap,
        String data,
        Optional<PartialSyncData> partialSyncData,
        Map<String, String> tableAliases,
        Map<Long, Long> shadowIndexMap,
        Map<Long, String> tableNameMapping,
        long jobSyncId,
        String fullSyncReason,
        long createdAt,
        long fullSyncStartAt,
        long incrementalSyncStartAt,
        long ingestBinlogAt,
        long incarnation) {

    public SyncProgress {
        requireNonNull(jobName, "jobName is null");
        requireNonNull(syncState, "syncState is null");
        requireNonNull(subSyncState, "subSyncState is null");
        tableMapping = sorted(tableMapping, "tableMapping");
        tableCommitSeqMap = sorted(tableCommitSeqMap, "tableCommitSeqMap");
        requireNonNull(data, "data is null");
        requireNonNull(partialSyncData, "partialSyncData is null");
        tableAliases = sorted(tableAliases, "tableAliases");
        shadowIndexMap = sorted(shadowIndexMap, "shadowIndexMap");
        tableNameMapping = sorted(tableNameMapping, "tableNameMapping");
        requireNonNull(fullSyncReason, "fullSyncReason is null");
        if (incarnation < 0) {
            throw new IllegalArgumentException("incarnation < 0: " + incarnation);
        }
    }

    /**
     * A new job's progress: full sync from the beginning, as the Go syncer starts one.
     *
     * @param incarnation a number no earlier job of the same name had (the store's job version)
     */
    public static SyncProgress initial(String jobName, SyncType type, long nowSeconds, long incarnation) {
        return new SyncProgress(jobName, SyncState.fullSync(type), SubSyncState.BEGIN_CREATE_SNAPSHOT, 0, 0,
                Map.of(), Map.of(), "", Optional.empty(), Map.of(), Map.of(), Map.of(), 0, "new job",
                nowSeconds, nowSeconds, 0, 0, incarnation);
    }

    /** Idle: the current step is done and nothing is in flight. */
    public boolean isDone() {
        return subSyncState.isDone() && prevCommitSeq == commitSeq;
    }

    /** Starts handling the binlog {@code seq} ({@code StartHandle}). */
    public SyncProgress startHandle(long seq) {
        return toBuilder().commitSeq(seq).build();
    }

    /** Moves to another step of the same phase, with its checkpoint payload. */
    public SyncProgress nextSub(SubSyncState sub, String newData, long nowSeconds) {
        Builder b = toBuilder().subSyncState(sub).data(newData);
        if (sub.equals(SubSyncState.INGEST_BINLOG)) {
            b.ingestBinlogAt(nowSeconds);
        }
        return b.build();
    }

    /**
     * Moves to {@code state}/{@code sub} at commit seq {@code seq} ({@code NextWithPersist}): when
     * {@code sub} is Done the binlog counts as applied; entering a full sync stamps its start.
     */
    public SyncProgress next(long seq, SyncState state, SubSyncState sub, String newData, long nowSeconds) {
        Builder b = toBuilder().commitSeq(seq).syncState(state).subSyncState(sub).data(newData);
        if (sub.isDone()) {
            b.prevCommitSeq(seq);
        }
        if ((state.isFullSync() || state.isPartialSync()) && sub.equals(SubSyncState.BEGIN_CREATE_SNAPSHOT)) {
            b.fullSyncStartAt(nowSeconds).incrementalSyncStartAt(0).ingestBinlogAt(0);
        }
        if ((state == SyncState.DB_INCREMENTAL_SYNC || state == SyncState.TABLE_INCREMENTAL_SYNC) && sub.isDone()) {
            b.incrementalSyncStartAt(nowSeconds);
        }
        return b.build();
    }

    /** The binlog in flight is applied ({@code Done}). */
    public SyncProgress done() {
        return toBuilder().subSyncState(SubSyncState.DONE).prevCommitSeq(commitSeq).data("").build();
    }

    /**
     * The binlog in flight failed. Without {@code skip} it will be fetched and applied again;
     * with {@code skip} it counts as consumed and {@code prevCommitSeq} advances past it (the Go
     * syncer left it behind, so its skip never advanced: inventory 8.3).
     */
    public SyncProgress rollback(boolean skip) {
        Builder b = toBuilder().subSyncState(SubSyncState.DONE).data("");
        if (skip) {
            b.prevCommitSeq(commitSeq);
        } else {
            b.commitSeq(prevCommitSeq);
        }
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static <K, V> Map<K, V> sorted(Map<K, V> m, String name) {
        requireNonNull(m, name + " is null");
        return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }

    /** Field-by-field changes of a progress value. */
    public static final class Builder {
        private String jobName;
        private SyncState syncState;
        private SubSyncState subSyncState;
        private long prevCommitSeq;
        private long commitSeq;
        private Map<Long, Long> tableMapping;
        private Map<Long, Long> tableCommitSeqMap;
        private String data;
        private Optional<PartialSyncData> partialSyncData;
        private Map<String, String> tableAliases;
        private Map<Long, Long> shadowIndexMap;
        private Map<Long, String> tableNameMapping;
        private long jobSyncId;
        private String fullSyncReason;
        private long createdAt;
        private long fullSyncStartAt;
        private long incrementalSyncStartAt;
        private long ingestBinlogAt;
        private long incarnation;

        private Builder(SyncProgress p) {
            jobName = p.jobName;
            syncState = p.syncState;
            subSyncState = p.subSyncState;
            prevCommitSeq = p.prevCommitSeq;
            commitSeq = p.commitSeq;
            tableMapping = p.tableMapping;
            tableCommitSeqMap = p.tableCommitSeqMap;
            data = p.data;
            partialSyncData = p.partialSyncData;
            tableAliases = p.tableAliases;
            shadowIndexMap = p.shadowIndexMap;
            tableNameMapping = p.tableNameMapping;
            jobSyncId = p.jobSyncId;
            fullSyncReason = p.fullSyncReason;
            createdAt = p.createdAt;
            fullSyncStartAt = p.fullSyncStartAt;
            incrementalSyncStartAt = p.incrementalSyncStartAt;
            ingestBinlogAt = p.ingestBinlogAt;
            incarnation = p.incarnation;
        }

        public Builder syncState(SyncState v) {
            syncState = v;
            return this;
        }

        public Builder subSyncState(SubSyncState v) {
            subSyncState = v;
            return this;
        }

        public Builder prevCommitSeq(long v) {
            prevCommitSeq = v;
            return this;
        }

        public Builder commitSeq(long v) {
            commitSeq = v;
            return this;
        }

        public Builder tableMapping(Map<Long, Long> v) {
            tableMapping = v;
            return this;
        }

        public Builder tableCommitSeqMap(Map<Long, Long> v) {
            tableCommitSeqMap = v;
            return this;
        }

        public Builder data(String v) {
            data = v;
            return this;
        }

        public Builder partialSyncData(Optional<PartialSyncData> v) {
            partialSyncData = v;
            return this;
        }

        public Builder tableAliases(Map<String, String> v) {
            tableAliases = v;
            return this;
        }

        public Builder shadowIndexMap(Map<Long, Long> v) {
            shadowIndexMap = v;
            return this;
        }

        public Builder tableNameMapping(Map<Long, String> v) {
            tableNameMapping = v;
            return this;
        }

        public Builder jobSyncId(long v) {
            jobSyncId = v;
            return this;
        }

        public Builder fullSyncReason(String v) {
            fullSyncReason = v;
            return this;
        }

        public Builder createdAt(long v) {
            createdAt = v;
            return this;
        }

        public Builder fullSyncStartAt(long v) {
            fullSyncStartAt = v;
            return this;
        }

        public Builder incrementalSyncStartAt(long v) {
            incrementalSyncStartAt = v;
            return this;
        }

        public Builder ingestBinlogAt(long v) {
            ingestBinlogAt = v;
            return this;
        }

        public Builder incarnation(long v) {
            incarnation = v;
            return this;
        }

        public SyncProgress build() {
            return new SyncProgress(jobName, syncState, subSyncState, prevCommitSeq, commitSeq, tableMapping,
                    tableCommitSeqMap, data, partialSyncData, tableAliases, shadowIndexMap, tableNameMapping,
                    jobSyncId, fullSyncReason, createdAt, fullSyncStartAt, incrementalSyncStartAt, ingestBinlogAt,
                    incarnation);
        }
    }
}
