package dev.dorisccr.core.job;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;

/** The phase of a job ({@code progress.sync_state}), with the Go syncer's numbers and names. */
public enum SyncState {
    DB_FULL_SYNC(0, "DBFullSync"),
    DB_TABLES_INCREMENTAL_SYNC(1, "DBTablesIncrementalSync"),
    DB_SPECIFIC_TABLE_FULL_SYNC(2, "DBSpecificTableFullSync"),
    DB_INCREMENTAL_SYNC(3, "DBIncrementalSync"),
    DB_PARTIAL_SYNC(4, "DBPartialSync"),
    TABLE_FULL_SYNC(500, "TableFullSync"),
    TABLE_INCREMENTAL_SYNC(501, "TableIncrementalSync"),
    TABLE_PARTIAL_SYNC(502, "TablePartialSync");

    private final int code;
    private final String goName;

    SyncState(int code, String goName) {
        this.code = code;
        this.goName = goName;
    }

    public int code() {
        return code;
    }

    public String goName() {
        return goName;
    }

    public boolean isFullSync() {
        return this == DB_FULL_SYNC || this == TABLE_FULL_SYNC;
    }

    public boolean isPartialSync() {
        return this == DB_PARTIAL_SYNC || this == TABLE_PARTIAL_SYNC;
    }

    public boolean isIncremental() {
        return this == DB_TABLES_INCREMENTAL_SYNC || this == DB_INCREMENTAL_SYNC || this == TABLE_INCREMENTAL_SYNC;
    }

    /** The full-sync state for a scope. */
    public static SyncState fullSync(SyncType type) {
        return type == SyncType.DB_SYNC ? DB_FULL_SYNC : TABLE_FULL_SYNC;
    }

    /** The partial-sync state for a scope. */
    public static SyncState partialSync(SyncType type) {
        return type == SyncType.DB_SYNC ? DB_PARTIAL_SYNC : TABLE_PARTIAL_SYNC;
    }

    public static SyncState fromCode(int code) {
        for (SyncState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new CcrException(ErrorCode.INVALID_ARGUMENT, "unknown sync_state " + code).with("sync_state", code);
    }
}
