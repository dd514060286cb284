package dev.dorisccr.core.job;

/**
 * The step inside a phase ({@code progress.sub_sync_state}): the Go syncer's pair {@code {state,
 * binlog_type}}. The constants carry the Go names; unknown pairs read from a store are kept as
 * they are and named {@code Unknown(state,type)}.
 *
 * @param state the step number
 * @param binlogType the binlog type the step belongs to, -1 for none
 */
public record SubSyncState(int state, int binlogType) {
    public static final SubSyncState DONE = new SubSyncState(-1, -1);
    public static final SubSyncState BEGIN_CREATE_SNAPSHOT = new SubSyncState(0, -1);
    public static final SubSyncState GET_SNAPSHOT_INFO = new SubSyncState(1, -1);
    public static final SubSyncState ADD_EXTRA_INFO = new SubSyncState(2, -1);
    public static final SubSyncState RESTORE_SNAPSHOT = new SubSyncState(3, -1);
    public static final SubSyncState PERSIST_RESTORE_INFO = new SubSyncState(4, -1);
    public static final SubSyncState WAIT_BACKUP_DONE = new SubSyncState(5, -1);
    public static final SubSyncState WAIT_RESTORE_DONE = new SubSyncState(6, -1);
    public static final SubSyncState BEGIN_TRANSACTION = new SubSyncState(11, 0);
    public static final SubSyncState INGEST_BINLOG = new SubSyncState(12, 0);
    public static final SubSyncState COMMIT_TRANSACTION = new SubSyncState(13, 0);
    public static final SubSyncState ROLLBACK_TRANSACTION = new SubSyncState(14, 0);

    /** The Go syncer's name of this step. */
    public String goName() {
        if (binlogType == -1) {
            switch (state) {
                case -1: return "Done";
                case 0: return "BeginCreateSnapshot";
                case 1: return "GetSnapshotInfo";
                case 2: return "AddExtraInfo";
                case 3: return "RestoreSnapshot";
                case 4: return "PersistRestoreInfo";
                case 5: return "WaitBackupDone";
                case 6: return "WaitRestoreDone";
                case 100: return "DB_1";
                default: break;
            }
        } else if (binlogType == 0) {
            switch (state) {
                case 11: return "BeginTransaction";
                case 12: return "IngestBinlog";
                case 13: return "CommitTransaction";
                case 14: return "RollbackTransaction";
                default: break;
            }
        }
        return "Unknown(" + state + "," + binlogType + ")";
    }

    public boolean isDone() {
        return equals(DONE);
    }

    /** True for the steps of the upsert sub-machine. */
    public boolean isUpsertStep() {
        return binlogType == 0;
    }

    @Override
    public String toString() {
        return goName();
    }
}
