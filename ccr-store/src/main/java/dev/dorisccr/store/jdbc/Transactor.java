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

    Transactor(DataSource dataSource, String where) {
        this.dataSource = dataSource;
        this.where = where;
    }

    <T> T inTransaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
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

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
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
            }
        }
    }
}
