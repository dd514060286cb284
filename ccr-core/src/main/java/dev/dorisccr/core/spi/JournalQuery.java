package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which journal entries to read: one job's, within a commit seq range, optionally of one binlog
 * type and some outcomes, at most {@code limit} of them, newest first.
 *
 * @param jobName the job
 * @param fromCommitSeq lowest commit seq (inclusive)
 * @param toCommitSeq highest commit seq (inclusive)
 * @param binlogType only entries of this binlog type name; "" for any
 * @param outcomes only these outcomes; empty for any
 * @param limit most entries returned, 1 to {@value #MAX_LIMIT}
 */
public record JournalQuery(String jobName, long fromCommitSeq, long toCommitSeq, String binlogType,
        Set<JournalOutcome> outcomes, int limit) {
    /** Entries returned when no limit is asked. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest limit. */
    public static final int MAX_LIMIT = 10_000;

    public JournalQuery {
        StoreNames.requireJobName(jobName);
        requireNonNull(binlogType, "binlogType is null");
        outcomes = outcomes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(outcomes));
        if (fromCommitSeq > toCommitSeq) {
            throw new IllegalArgumentException("from commit seq " + fromCommitSeq + " is above to " + toCommitSeq);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The newest {@link #DEFAULT_LIMIT} entries of a job. */
    public static JournalQuery latest(String jobName) {
        return new JournalQuery(jobName, Long.MIN_VALUE, Long.MAX_VALUE, "", Set.of(), DEFAULT_LIMIT);
    }

    /** The same query with another limit. */
    public JournalQuery withLimit(int n) {
        return new JournalQuery(jobName, fromCommitSeq, toCommitSeq, binlogType, outcomes, n);
    }

    /** True when {@code e} passes the filters (the job, the seq range, the type, the outcomes). */
    public boolean matches(JournalEntry e) {
        return e.jobName().equals(jobName) && e.commitSeq() >= fromCommitSeq && e.commitSeq() <= toCommitSeq
                && (binlogType.isEmpty() || binlogType.equals(e.binlogType()))
                && (outcomes.isEmpty() || outcomes.contains(e.outcome()));
    }
}
