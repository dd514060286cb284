package dev.dorisccr.thrift.rpc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.util.List;

/**
 * Turns a Doris {@code TStatus} into our error codes. The caller handles the statuses that are
 * answers rather than errors (OK, TOO_OLD/TOO_NEW for getBinlog, LABEL_ALREADY_EXISTS for
 * beginTxn, PUBLISH_TIMEOUT for commitTxn, NOT_MASTER) before it asks for an exception.
 */
public final class DorisStatus {
    private DorisStatus() {}

    /** The Doris error text of a status, "" when none. */
    public static String message(TStatus status) {
        if (status == null || status.getErrorMsgs() == null) {
            return "";
        }
        List<String> msgs = status.getErrorMsgs();
        return String.join("; ", msgs);
    }

    /** The exception for a non-OK status of {@code rpc}. A null code (a number this IDL does not name) is unknown. */
    public static CcrException toException(String rpc, TStatus status) {
        TStatusCode code = status == null ? null : status.getStatusCode();
        String text = message(status);
        if (code == null) {
            return new CcrException(ErrorCode.DORIS_UNKNOWN_STATUS, rpc + " answered a status code this syncer does "
                    + "not know" + (text.isEmpty() ? "" : ": " + text)).with("rpc", rpc);
        }
        ErrorCode ours = map(code);
        String message = rpc + " failed: " + code + (text.isEmpty() ? "" : ": " + text);
        return new CcrException(ours, message).with("rpc", rpc).with("status", code.name());
    }

    static ErrorCode map(TStatusCode code) {
        switch (code) {
            case TIMEOUT:
            case PUBLISH_TIMEOUT:
                return ErrorCode.DORIS_TIMEOUT;
            case THRIFT_RPC_ERROR:
            case NETWORK_ERROR:
            case INTERNAL_ERROR:
            case RUNTIME_ERROR:
            case TOO_MANY_TASKS:
            case MEM_LIMIT_EXCEEDED:
            case HTTP_ERROR:
            case OBTAIN_LOCK_FAILED:
            case DELETE_BITMAP_LOCK_ERROR:
            case CANCELLED:
            case ABORTED:
            case IO_ERROR:
            case REMOTE_ERROR:
                return ErrorCode.DORIS_RPC_FAILED;
            case NOT_MASTER:
                return ErrorCode.DORIS_NOT_MASTER;
            case NOT_AUTHORIZED:
                return ErrorCode.NOT_AUTHORIZED;
            case LABEL_ALREADY_EXISTS:
                return ErrorCode.LABEL_ALREADY_EXISTS;
            case BINLOG_DISABLE:
                return ErrorCode.BINLOG_DISABLED;
            case BINLOG_TOO_OLD_COMMIT_SEQ:
                return ErrorCode.BINLOG_TOO_OLD;
            case BINLOG_NOT_FOUND_DB:
            case BINLOG_NOT_FOUND_TABLE:
                return ErrorCode.BINLOG_NOT_FOUND;
            case SNAPSHOT_NOT_EXIST:
            case SNAPSHOT_EXPIRED:
                return ErrorCode.SNAPSHOT_NOT_FOUND;
            case TABLET_MISSING:
            case NOT_FOUND:
                return ErrorCode.META_MISMATCH;
            case NOT_IMPLEMENTED_ERROR:
                return ErrorCode.DORIS_UNSUPPORTED;
            case ANALYSIS_ERROR:
            case INVALID_ARGUMENT:
            case ALREADY_EXIST:
            case ILLEGAL_STATE:
            case CORRUPTION:
            case CONFIGURATION_ERROR:
            case DATA_QUALITY_ERROR:
            case INVALID_JSON_PATH:
            case UNINITIALIZED:
            case INCOMPLETE:
            case END_OF_FILE:
            case OLAP_ERR_VERSION_ALREADY_MERGED:
            case KUDU_NOT_ENABLED:
            case BINLOG_TOO_NEW_COMMIT_SEQ:
            case OK:
                return ErrorCode.DORIS_ANALYSIS_ERROR;
        }
        return ErrorCode.DORIS_UNKNOWN_STATUS;
    }
}
