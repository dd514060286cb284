package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorClassifier;
import dev.dorisccr.core.error.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqlErrorsTest {
    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
        "08001, STORE_UNAVAILABLE", // cannot connect
        "08S01, STORE_UNAVAILABLE", // MySQL communications link failure
        "40001, STORE_UNAVAILABLE", // deadlock / serialization failure
        "40P01, STORE_UNAVAILABLE", // PostgreSQL deadlock
        "53300, STORE_UNAVAILABLE", // too many connections
        "57P01, STORE_UNAVAILABLE", // admin shutdown
        "HY000, STORE_UNAVAILABLE", // MySQL general error (lock wait timeout ...)
        "55P03, STORE_UNAVAILABLE", // PostgreSQL lock_timeout: another session holds the row
        "25P03, STORE_UNAVAILABLE", // PostgreSQL idle_in_transaction_session_timeout ended this session
        "28000, INVALID_CONFIG", // bad credentials (MySQL)
        "28P01, INVALID_CONFIG", // bad password (PostgreSQL)
        "3D000, INVALID_CONFIG", // database does not exist
        "23505, ILLEGAL_STATE", // unexpected duplicate key
        "42P01, INTERNAL_ERROR", // missing table
        "42000, INTERNAL_ERROR", // syntax error
        "22001, INTERNAL_ERROR", // value too long
    })
    void sqlStates(String state, ErrorCode expected) {
        assertThat(SqlErrors.classify(new SQLException("x", state))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "SQLite {0} -> {1}")
    @CsvSource({
        "SQLITE_BUSY, STORE_UNAVAILABLE",
        "SQLITE_LOCKED, STORE_UNAVAILABLE",
        "SQLITE_CANTOPEN, STORE_UNAVAILABLE",
        "SQLITE_FULL, STORE_UNAVAILABLE",
        "SQLITE_CONSTRAINT_PRIMARYKEY, ILLEGAL_STATE",
        "SQLITE_ERROR, INTERNAL_ERROR",
    })
    void sqliteCodes(SQLiteErrorCode sqlite, ErrorCode expected) {
        SQLiteException e = new SQLiteException("x", sqlite);
        assertThat(SqlErrors.classify(e)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "duplicate {0}: {1}")
    @CsvSource({"23000, true", "23505, true", "40001, false", "08001, false"})
    void duplicateKeys(String state, boolean duplicate) {
        assertThat(SqlErrors.isDuplicateKey(new SQLException("x", state))).isEqualTo(duplicate);
    }

    @ParameterizedTest(name = "rerun {0}: {1}")
    @CsvSource({"40001, true", "40P01, true", "23505, false", "08001, false"})
    void conflictsAreRerun(String state, boolean rerun) {
        assertThat(SqlErrors.isRetriableConflict(new SQLException("x", state))).isEqualTo(rerun);
    }

    @org.junit.jupiter.api.Test
    void sqliteBusyIsRerunAndConstraintIsDuplicate() {
        assertThat(SqlErrors.isRetriableConflict(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY))).isTrue();
        assertThat(SqlErrors.isDuplicateKey(new SQLiteException("x", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))
                .isTrue();
    }

    @org.junit.jupiter.api.Test
    void unknownTransientFailuresAreRetriableAndKeepTheirContext() {
        CcrException e = SqlErrors.toCcr("write progress", "mysql db", new SQLTransientConnectionException("gone"));
        assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(ErrorClassifier.isRetriable(e)).isTrue();
        assertThat(e.getMessage()).contains("write progress").contains("store=mysql db");
    }
}
