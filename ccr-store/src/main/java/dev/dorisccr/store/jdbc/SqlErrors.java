package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Maps a JDBC failure to an error code, by SQLSTATE class (and SQLite result code, which has no
 * SQLSTATE). Connection, transaction-rollback, resource and operator-intervention classes are
 * {@code STORE_UNAVAILABLE} (retriable); our own SQL or schema being wrong is {@code INTERNAL_ERROR};
 * bad credentials or a missing database are {@code INVALID_CONFIG}.
 */
final class SqlErrors {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;

    private SqlErrors() {}

    static ErrorCode classify(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.length() >= 2) {
            switch (state.substring(0, 2)) {
                case "08": // connection exception
                case "40": // transaction rollback: serialization failure, deadlock
                case "53": // insufficient resources (too many connections, disk full)
                case "57": // operator intervention (shutdown, cancel)
                case "58": // system error (I/O)
                case "HY": // MySQL general error: server-side conditions such as lock wait timeouts
                case "55": // PostgreSQL lock_not_available (lock_timeout)
                case "25": // PostgreSQL idle_in_transaction_session_timeout ended the session
                    return ErrorCode.STORE_UNAVAILABLE;
                case "28": // invalid authorization
                case "3D": // invalid catalog name: database does not exist
                case "3F": // invalid schema name
                    return ErrorCode.INVALID_CONFIG;
                case "23": // integrity constraint: callers handle the expected ones first
                    return ErrorCode.ILLEGAL_STATE;
                case "42": // syntax error or missing table/column: our SQL or schema is wrong
                case "22": // data exception
                case "0A": // feature not supported
                    return ErrorCode.INTERNAL_ERROR;
                default:
                    break;
            }
        }
        if (state == null && isSqlite(e)) {
            switch (e.getErrorCode() & 0xff) {
                case SQLITE_BUSY:
                case SQLITE_LOCKED:
                case SQLITE_READONLY:
                case SQLITE_IOERR:
                case SQLITE_FULL:
                case SQLITE_CANTOPEN:
                    return ErrorCode.STORE_UNAVAILABLE;
                case SQLITE_CONSTRAINT:
                    return ErrorCode.ILLEGAL_STATE;
                default:
                    return ErrorCode.INTERNAL_ERROR;
            }
        }
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return ErrorCode.STORE_UNAVAILABLE;
        }
        return ErrorCode.STORE_UNAVAILABLE;
    }

    /** Integrity constraint violation (duplicate key), for every dialect. */
    static boolean isDuplicateKey(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("23");
        }
        return isSqlite(e) && (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT;
    }

    /** A transaction that may succeed if simply run again (deadlock, serialization failure, busy). */
    static boolean isRetriableConflict(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("40");
        }
        return isSqlite(e) && (e.getErrorCode() & 0xff) == SQLITE_BUSY;
    }

    private static boolean isSqlite(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite.");
    }

    static CcrException toCcr(String what, String where, SQLException e) {
        ErrorCode code = classify(e);
        return new CcrException(code, "metadata store failed to " + what + ": " + e.getMessage(), e)
                .with("store", where)
                .with("sqlState", e.getSQLState());
    }
}
