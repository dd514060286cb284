package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.TabletCommit;
import java.util.List;
import java.util.Map;

/** What happened: the answer to a {@link JobCommand}, or a timer. Operator requests are flags of {@link JobMachine.State}. */
public sealed interface JobEvent {
    /** Time to make progress (start, recheck, after a restart). */
    record Tick() implements JobEvent {}

    /** The source answered a fetch with these binlogs, decoded once, in commit order. */
    record BinlogsFetched(List<DecodedBinlog> binlogs) implements JobEvent {
        public BinlogsFetched {
            binlogs = List.copyOf(binlogs);
        }
    }

    /** Nothing after the requested seq yet. */
    record CaughtUp() implements JobEvent {}

    /** The requested seq was collected; the stream's first binlog is {@code dummyCommitSeq}. */
    record BinlogTooOld(long dummyCommitSeq) implements JobEvent {}

    /** The backup (snapshot) job was submitted on the source. */
    record SnapshotCreated() implements JobEvent {}

    /** The backup is still running; {@code state} is Doris's word for where it is. */
    record BackupRunning(String state) implements JobEvent {}

    /** The backup finished: the snapshot can be fetched. */
    record BackupDone() implements JobEvent {}

    /** The restore job exists; the snapshot starts at {@code commitSeq}, and per table at these seqs. */
    record RestoreSubmitted(long commitSeq, Map<Long, Long> tableCommitSeqs) implements JobEvent {
        public RestoreSubmitted {
            tableCommitSeqs = Map.copyOf(tableCommitSeqs);
        }
    }

    /** The restore is still running on the target; {@code state} is Doris's word for where it is. */
    record RestoreRunning(String state) implements JobEvent {}

    /** The restore finished on the target. */
    record RestoreDone() implements JobEvent {}

    /** Source table id -> target table id, and source table id -> name, after a restore. */
    record TargetTablesLoaded(Map<Long, Long> tableMapping, Map<Long, String> tableNames) implements JobEvent {
        public TargetTablesLoaded {
            tableMapping = Map.copyOf(tableMapping);
            tableNames = Map.copyOf(tableNames);
        }
    }

    /** beginTxn opened target txn {@code txnId}. */
    record TxnBegun(long txnId) implements JobEvent {}

    /** beginTxn met a label already used by {@code txnId} in {@code state}. */
    record TxnLabelExists(long txnId, TxnState state) implements JobEvent {
        public TxnLabelExists {
            requireNonNull(state, "state is null");
        }
    }

    /** The target BEs pulled the binlog's tablets: the commit infos to commit the txn with. */
    record Ingested(List<TabletCommit> commits) implements JobEvent {
        public Ingested {
            commits = List.copyOf(commits);
        }
    }

    /** The target txn committed (or had committed already). */
    record Committed() implements JobEvent {}

    /** The target txn was aborted. */
    record RolledBack() implements JobEvent {}

    /**
     * The binlog is replayed. {@code tableNames}, when present, replaces the job's source table id
     * -> target name mapping (a table was created, dropped, renamed or replaced).
     */
    record Applied(java.util.Optional<Map<Long, String>> tableNames) implements JobEvent {
        public Applied {
            requireNonNull(tableNames, "tableNames is null");
            tableNames = tableNames.map(Map::copyOf);
        }

        public Applied() {
            this(java.util.Optional.empty());
        }
    }

    /** The binlog cannot be replayed incrementally; the target must be copied again. */
    record NeedsFullSync(String reason) implements JobEvent {
        public NeedsFullSync {
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * The binlog changed one table in a way only a copy can carry over: copy that table (or some
     * of its partitions) again, the rest of the job going on incrementally. With {@code replace}
     * the copy is restored under a temporary name and then replaces the target table (its schema
     * changed); without, the partitions are restored over the existing table.
     */
    record NeedsPartialSync(long tableId, String table, List<String> partitions, boolean replace, String reason)
            implements JobEvent {
        public NeedsPartialSync {
            requireNonNull(table, "table is null");
            partitions = List.copyOf(partitions);
            requireNonNull(reason, "reason is null");
            if (replace && !partitions.isEmpty()) {
                throw new IllegalArgumentException("a partial sync that replaces the table copies all of it");
            }
        }
    }

    /** The command failed. */
    record StepFailed(ErrorCode code, String message) implements JobEvent {
        public StepFailed {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
        }
    }
}
