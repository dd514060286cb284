package dev.dorisccr.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction; commits on success, rolls back on any failure, and runs the work
 * again (at most {@value #ATTEMPTS} times in all) when the database reports a deadlock or
 * serialization failure. SQL failures leave as coded {@code CcrException}s.
 */
final class Transactor {
    static final int ATTEMPTS = 3;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final String where;
    private final int snapshotIsolation;

    Transactor(DataSource dataSource, String where, int snapshotIsolation) {
        this.dataSource = dataSource;
        this.where = where;
        this.snapshotIsolation = snapshotIsolation;
    }

    <T> T inTransaction(String what, Work<T> work) {
        return run(what, work, false);
    }

    /** Read-only work whose SELECTs must see one snapshot (a job and its secrets). */
    <T> T inSnapshot(String what, Work<T> work) {
        return run(what, work, true);
    }

    private <T> T run(String what, Work<T> work, boolean snapshot) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work, snapshot);
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && SqlErrors.isRetriableConflict(e)) {
                    continue;
                }
                throw SqlErrors.toCcr(what, where, e).with("attempts", attempt);
            }
        }
    }

    /** Work without a transaction (auto-commit), for single statements. */
    <T> T autoCommit(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw SqlErrors.toCcr(what, where, e);
        }
    }

    private <T> T once(Work<T> work, boolean snapshot) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int isolation = c.getTransactionIsolation();
            if (snapshot && isolation != snapshotIsolation) {
                c.setTransactionIsolation(snapshotIsolation);
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
                if (c.getTransactionIsolation() != isolation) {
                    c.setTransactionIsolation(isolation);
                }
            }
        }
    }
}
