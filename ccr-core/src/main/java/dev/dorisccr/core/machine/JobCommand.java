package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.spi.TabletCommit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@link JobMachine} asks the outside world to do next. Each command answers with one
 * {@link JobEvent}. Commands are idempotent by construction (labels derived from the job and the
 * commit seq), so a command repeated after a crash is safe.
 */
public sealed interface JobCommand {
    /** Read source binlogs after {@code prevCommitSeq}. Answers BinlogsFetched / CaughtUp / BinlogTooOld. */
    record FetchBinlogs(long prevCommitSeq, int max) implements JobCommand {}

    /**
     * Start (or find, if this label exists) a source backup: the job's whole scope, or for a
     * partial sync one table (found by id, else by name) and maybe some of its partitions.
     * Answers SnapshotCreated.
     */
    record CreateSnapshot(String label, Optional<PartialSyncData> partial) implements JobCommand {
        public CreateSnapshot {
            requireNonNull(label, "label is null");
            requireNonNull(partial, "partial is null");
        }

        public CreateSnapshot(String label) {
            this(label, Optional.empty());
        }
    }

    /** Look at the backup. Answers BackupRunning / BackupDone / StepFailed. */
    record PollBackup(String label) implements JobCommand {
        public PollBackup {
            requireNonNull(label, "label is null");
        }
    }

    /**
     * Fetch the snapshot, add the extra info, submit the restore (or find it, if this restore
     * label exists). Answers RestoreSubmitted.
     */
    record RestoreSnapshot(String snapshot, String restoreLabel, Optional<PartialSyncData> partial, String restoreAs)
            implements JobCommand {
        /**
         * @param partial a partial sync's scope: restored without cleaning anything, over the
         *     target's other tables
         * @param restoreAs for a partial sync, the target name the table is restored under (a
         *     temporary alias when it replaces the target table); empty otherwise
         */
        public RestoreSnapshot {
            requireNonNull(snapshot, "snapshot is null");
            requireNonNull(restoreLabel, "restoreLabel is null");
            requireNonNull(partial, "partial is null");
            requireNonNull(restoreAs, "restoreAs is null");
        }

        public RestoreSnapshot(String snapshot, String restoreLabel) {
            this(snapshot, restoreLabel, Optional.empty(), "");
        }
    }

    /** Look at the restore. Answers RestoreRunning / RestoreDone / StepFailed. */
    record PollRestore(String restoreLabel) implements JobCommand {
        public PollRestore {
            requireNonNull(restoreLabel, "restoreLabel is null");
        }
    }

    /**
     * Read the target's tables to map source table ids to target ones. First, when {@code
     * swapFrom} names a table restored under a temporary alias, put it in place of {@code
     * swapInto} (REPLACE WITH TABLE without swap, or a rename when there is nothing to replace);
     * done already when the alias is gone. Answers TargetTablesLoaded.
     */
    record LoadTargetTables(String swapFrom, String swapInto) implements JobCommand {
        public LoadTargetTables {
            requireNonNull(swapFrom, "swapFrom is null");
            requireNonNull(swapInto, "swapInto is null");
        }

        public LoadTargetTables() {
            this("", "");
        }
    }

    /**
     * Begin a target txn. Answers TxnBegun / TxnLabelExists. {@code tableNames} is the job's
     * source table id -> target name as of this binlog (a table renamed later on the source still
     * has its old name on the target until the rename is replayed).
     *
     * <p>{@code ahead} lists the upserts the machine will begin next, in order, with their labels
     * (empty unless {@link JobMachine.Config#pipelineDepth()} is above 1; it stops before the first
     * binlog that is not a plain upsert). The executor may begin and ingest them early, never
     * commit them: each is committed only when the machine gets to it, in commit seq order, and an
     * early txn the machine does not ask for is rolled back. A crash leaves such a txn open under
     * its label, which the restarted job finds by the label and rolls back, as any txn it began
     * before a crash.
     */
    record BeginTxn(String label, DecodedBinlog binlog, Map<Long, String> tableNames, List<Upcoming> ahead)
            implements JobCommand {
        public BeginTxn {
            requireNonNull(label, "label is null");
            requireNonNull(binlog, "binlog is null");
            tableNames = Map.copyOf(requireNonNull(tableNames, "tableNames is null"));
            ahead = List.copyOf(requireNonNull(ahead, "ahead is null"));
        }

        public BeginTxn(String label, DecodedBinlog binlog, Map<Long, String> tableNames) {
            this(label, binlog, tableNames, List.of());
        }

        public BeginTxn(String label, DecodedBinlog binlog) {
            this(label, binlog, Map.of(), List.of());
        }
    }

    /** An upsert the machine begins after the current one, with the label it will use (same table names). */
    record Upcoming(String label, DecodedBinlog binlog) {
        public Upcoming {
            requireNonNull(label, "label is null");
            requireNonNull(binlog, "binlog is null");
        }
    }

    /** Make the target BEs pull every tablet of the upsert. Answers Ingested. Names as for BeginTxn. */
    record Ingest(long txnId, DecodedBinlog binlog, Map<Long, String> tableNames) implements JobCommand {
        public Ingest {
            requireNonNull(binlog, "binlog is null");
            tableNames = Map.copyOf(requireNonNull(tableNames, "tableNames is null"));
        }

        public Ingest(long txnId, DecodedBinlog binlog) {
            this(txnId, binlog, Map.of());
        }
    }

    /** Commit; a txn already committed counts as success. Answers Committed. */
    record CommitTxn(long txnId, List<TabletCommit> commits) implements JobCommand {
        public CommitTxn {
            commits = List.copyOf(commits);
        }
    }

    /** Abort; a txn already aborted or unknown counts as success. Answers RolledBack. */
    record RollbackTxn(long txnId, String reason) implements JobCommand {
        public RollbackTxn {
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Replay a non-upsert binlog on the target. {@code tableNames} is the job's source table id ->
     * target table name mapping as of this binlog (db jobs). Answers Applied / NeedsFullSync.
     */
    record ApplyBinlog(DecodedBinlog binlog, Map<Long, String> tableNames) implements JobCommand {
        public ApplyBinlog {
            requireNonNull(binlog, "binlog is null");
            tableNames = Map.copyOf(requireNonNull(tableNames, "tableNames is null"));
        }

        public ApplyBinlog(DecodedBinlog binlog) {
            this(binlog, Map.of());
        }
    }

    /**
     * Retrying cannot help: stop here until the operator resumes, skips or forces a full sync
     * (each of which wakes the job with a Tick). Never sent to the executor.
     */
    record Halt(String reason) implements JobCommand {
        public Halt {
            requireNonNull(reason, "reason is null");
        }
    }

    /** Nothing to do now: come back with a Tick after {@code delay}. */
    record RecheckAfter(Duration delay) implements JobCommand {
        public RecheckAfter {
            requireNonNull(delay, "delay is null");
        }
    }
}
