package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.StoreNames;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * {@link ProgressStore} over JDBC. A write locks the job's lease row, compares the fencing token and
 * writes the progress in one transaction, so a takeover (which needs the same lock) is ordered
 * entirely before or after it.
 */
final class JdbcProgressStore implements ProgressStore {
    private final Transactor tx;
    private final StoreSql sql;
    private final InstantSource clock;

    JdbcProgressStore(Transactor tx, StoreSql sql, InstantSource clock) {
        this.tx = tx;
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Optional<ProgressRecord> get(String jobName) {
        StoreNames.requireJobName(jobName);
        return tx.autoCommit("read progress of " + jobName, c -> {
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_PROGRESS)) {
                ps.setString(1, jobName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ProgressRecord(jobName, rs.getString(1), rs.getLong(2),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
        });
    }

    @Override
    public void put(String jobName, String progress, long fencingToken) {
        StoreNames.requireJobName(jobName);
        requireNonNull(progress, "progress is null");
        if (fencingToken < 1) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "fencing token must be >= 1")
                    .with("fencingToken", fencingToken);
        }
        tx.inTransaction("write progress of " + jobName, c -> {
            long current = -1;
            try (PreparedStatement ps = c.prepareStatement(sql.lockLease)) {
                ps.setString(1, jobName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        current = rs.getLong(2);
                    }
                }
            }
            if (current != fencingToken) {
                throw new CcrException(ErrorCode.LEASE_LOST,
                        "progress rejected: the job's lease has another fencing token (taken over or deleted)")
                        .with("job", jobName)
                        .with("fencingToken", fencingToken)
                        .with("currentToken", current < 0 ? "none" : Long.toString(current));
            }
            long now = clock.millis();
            try (PreparedStatement up = c.prepareStatement(StoreSql.UPDATE_PROGRESS)) {
                up.setString(1, progress);
                up.setLong(2, fencingToken);
                up.setLong(3, now);
                up.setString(4, jobName);
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement(StoreSql.INSERT_PROGRESS)) {
                ins.setString(1, jobName);
                ins.setString(2, progress);
                ins.setLong(3, fencingToken);
                ins.setLong(4, now);
                ins.executeUpdate();
            }
            return null;
        });
    }
}
