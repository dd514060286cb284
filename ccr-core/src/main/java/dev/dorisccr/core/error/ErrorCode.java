package dev.dorisccr.core.error;

import static java.util.Objects.requireNonNull;

/**
 * Every error the syncer reports has one of these codes. The type says who is at fault; {@link
 * #retriable()} is the default retry decision, refined only by {@link ErrorClassifier}.
 */
public enum ErrorCode {
    // USER
    INVALID_ARGUMENT(ErrorType.USER, false),
    INVALID_CONFIG(ErrorType.USER, false),
    JOB_NOT_FOUND(ErrorType.USER, false),
    JOB_ALREADY_EXISTS(ErrorType.USER, false),
    /** A conditional change found another version than expected: re-read and retry. */
    VERSION_CONFLICT(ErrorType.USER, false),
    MALFORMED_BINLOG(ErrorType.USER, false),
    UNKNOWN_BINLOG_TYPE(ErrorType.USER, false),
    MALFORMED_DDL(ErrorType.USER, false),
    NOT_AUTHORIZED(ErrorType.USER, false),
    // INTERNAL
    INTERNAL_ERROR(ErrorType.INTERNAL, false),
    ILLEGAL_STATE(ErrorType.INTERNAL, false),
    CORRUPT_METADATA(ErrorType.INTERNAL, false),
    // EXTERNAL: the target no longer matches the source (resolved by a partial or full sync)
    META_MISMATCH(ErrorType.EXTERNAL, false),
    // EXTERNAL
    DORIS_RPC_FAILED(ErrorType.EXTERNAL, true),
    DORIS_TIMEOUT(ErrorType.EXTERNAL, true),
    DORIS_CONNECTION_FAILED(ErrorType.EXTERNAL, true),
    DORIS_NOT_MASTER(ErrorType.EXTERNAL, true),
    DORIS_ANALYSIS_ERROR(ErrorType.EXTERNAL, false),
    DORIS_UNKNOWN_STATUS(ErrorType.EXTERNAL, false),
    DORIS_UNSUPPORTED(ErrorType.EXTERNAL, false),
    DORIS_SQL_FAILED(ErrorType.EXTERNAL, false),
    BINLOG_TOO_OLD(ErrorType.EXTERNAL, false),
    BINLOG_NOT_FOUND(ErrorType.EXTERNAL, false),
    BINLOG_DISABLED(ErrorType.EXTERNAL, false),
    LABEL_ALREADY_EXISTS(ErrorType.EXTERNAL, false),
    SNAPSHOT_NOT_FOUND(ErrorType.EXTERNAL, false),
    STORE_UNAVAILABLE(ErrorType.EXTERNAL, true),
    STORE_SCHEMA_TOO_NEW(ErrorType.EXTERNAL, false),
    LEASE_LOST(ErrorType.EXTERNAL, false),
    SECRET_UNREADABLE(ErrorType.USER, false);

    private final ErrorType type;
    private final boolean retriable;

    ErrorCode(ErrorType type, boolean retriable) {
        this.type = requireNonNull(type, "type is null");
        this.retriable = retriable;
    }

    public ErrorType type() {
        return type;
    }

    public boolean retriable() {
        return retriable;
    }
}
