package dev.dorisccr.core.job;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;

/** Scope of a job, with the Go syncer's numbers ({@code sync_type}) and names. */
public enum SyncType {
    DB_SYNC(0, "db_sync"),
    TABLE_SYNC(1, "table_sync");

    private final int code;
    private final String goName;

    SyncType(int code, String goName) {
        this.code = code;
        this.goName = goName;
    }

    public int code() {
        return code;
    }

    public String goName() {
        return goName;
    }

    public static SyncType fromCode(int code) {
        for (SyncType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new CcrException(ErrorCode.INVALID_ARGUMENT, "unknown sync_type " + code).with("sync_type", code);
    }
}
