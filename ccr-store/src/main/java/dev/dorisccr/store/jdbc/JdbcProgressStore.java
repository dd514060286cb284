package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProgressStore} over JDBC. A write locks the job's lease row, compares the fencing token and
 * writes the progress in one transaction, so a takeover (which needs the same lock) is ordered
 * entirely before or after it. The journal entries of a write go in the same transaction, into
 * {@code ccr_journal} (schema version 2), whose auto-increment id orders them.
 */
final class JdbcProgressStore implements ProgressStore {
    /** Joins an entry's table names in one column; names never hold a line break (JournalEntry checks). */
    private static final String TABLE_SEPARATOR = "\n";

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
        put(jobName, progress, fencingToken, List.of());
    }

    @Override
    public void put(String jobName, String progress, long fencingToken, List<JournalEntry> journal) {
        StoreNames.requireJobName(jobName);
        requireNonNull(journal, "journal is null");
        for (JournalEntry e : journal) {
            if (e == null || !e.jobName().equals(jobName)) {
                throw new CcrException(ErrorCode.INVALID_ARGUMENT, "journal entries must be of the job written")
                        .with("job", jobName);
            }
        }
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
            boolean updated;
            try (PreparedStatement up = c.prepareStatement(StoreSql.UPDATE_PROGRESS)) {
                up.setString(1, progress);
                up.setLong(2, fencingToken);
                up.setLong(3, now);
                up.setString(4, jobName);
                updated = up.executeUpdate() == 1;
            }
            if (!updated) {
                try (PreparedStatement ins = c.prepareStatement(StoreSql.INSERT_PROGRESS)) {
                    ins.setString(1, jobName);
                    ins.setString(2, progress);
                    ins.setLong(3, fencingToken);
                    ins.setLong(4, now);
                    ins.executeUpdate();
                }
            }
            if (!journal.isEmpty()) {
                insertJournal(c, journal);
            }
            return null;
        });
    }

    private static void insertJournal(Connection c, List<JournalEntry> journal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(StoreSql.INSERT_JOURNAL)) {
            for (JournalEntry e : journal) {
                ps.setString(1, e.jobName());
                ps.setLong(2, e.commitSeq());
                ps.setString(3, e.binlogType());
                ps.setString(4, String.join(TABLE_SEPARATOR, e.tables()));
                ps.setString(5, e.outcome().name());
                ps.setString(6, e.detail());
                ps.setLong(7, e.durationMs());
                ps.setString(8, e.label());
                ps.setLong(9, e.txnId());
                ps.setString(10, e.errorCode());
                ps.setLong(11, e.at().toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public boolean keepsJournal() {
        return true;
    }

    @Override
    public List<JournalEntry> journal(JournalQuery query) {
        requireNonNull(query, "query is null");
        return tx.autoCommit("read the journal of " + query.jobName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(StoreSql.SELECT_JOURNAL)) {
                ps.setString(1, query.jobName());
                ps.setLong(2, query.fromCommitSeq());
                ps.setLong(3, query.toCommitSeq());
                ps.setString(4, query.binlogType());
                ps.setString(5, query.binlogType());
                ps.setInt(6, query.outcomes().isEmpty() ? 1 : 0);
                List<JournalOutcome> outcomes = new ArrayList<>(query.outcomes());
                for (int i = 0; i < JournalOutcome.values().length; i++) {
                    ps.setString(7 + i, i < outcomes.size() ? outcomes.get(i).name() : "");
                }
                ps.setInt(7 + JournalOutcome.values().length, query.limit());
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String tables = rs.getString(3);
                        out.add(new JournalEntry(query.jobName(), rs.getLong(1), rs.getString(2),
                                tables.isEmpty() ? List.of() : List.of(tables.split(TABLE_SEPARATOR, -1)),
                                outcome(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getString(7),
                                rs.getLong(8), rs.getString(9), Instant.ofEpochMilli(rs.getLong(10))));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public int pruneJournal(Instant before, int keepPerJob) {
        requireNonNull(before, "before is null");
        if (keepPerJob < 1) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "keepPerJob must be >= 1").with("keepPerJob", keepPerJob);
        }
        return tx.inTransaction("prune the journal", c -> {
            int removed;
            try (PreparedStatement ps = c.prepareStatement(StoreSql.DELETE_OLD_JOURNAL)) {
                ps.setLong(1, before.toEpochMilli());
                removed = ps.executeUpdate();
            }
            List<String> over = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(StoreSql.JOURNAL_JOBS_OVER)) {
                ps.setLong(1, keepPerJob);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        over.add(rs.getString(1));
                    }
                }
            }
            for (String job : over) {
                long oldestKept = -1;
                try (PreparedStatement ps = c.prepareStatement(StoreSql.JOURNAL_NTH_NEWEST)) {
                    ps.setString(1, job);
                    ps.setInt(2, keepPerJob - 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            oldestKept = rs.getLong(1);
                        }
                    }
                }
                if (oldestKept >= 0) {
                    try (PreparedStatement ps = c.prepareStatement(StoreSql.DELETE_JOURNAL_BELOW)) {
                        ps.setString(1, job);
                        ps.setLong(2, oldestKept);
                        removed += ps.executeUpdate();
                    }
                }
            }
            return removed;
        });
    }

    private static JournalOutcome outcome(String name) {
        try {
            return JournalOutcome.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CcrException(ErrorCode.CORRUPT_METADATA, "unknown journal outcome in the store", e)
                    .with("outcome", name);
        }
    }
}
