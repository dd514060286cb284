package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One record of a job's apply journal: what the job did with one binlog. Written by the engine in
 * the same store transaction as the progress checkpoint that accounts for it ({@link
 * ProgressStore#put(String, String, long, List)}), so the journal never claims more than the
 * progress does.
 *
 * @param jobName the job
 * @param commitSeq the binlog's commit seq; for {@link JournalOutcome#FULL_SYNC} the seq the job resumed at
 * @param binlogType the binlog type name ({@code UPSERT}, {@code ALTER_JOB}, ...), "" when none (a full sync)
 * @param tables the source tables the binlog is about, as far as the job knows their names (no
 *     control characters)
 * @param outcome what was done
 * @param detail why (the skip reason, the copied table, the error message); "" when there is nothing to add
 * @param durationMs how long the job worked on it, 0 when it was passed over
 * @param label the target txn or snapshot label, "" when none
 * @param txnId the target txn id, -1 when none
 * @param errorCode the {@code ErrorCode} name of a failure, "" otherwise
 * @param at when the entry was made (the engine's clock)
 */
public record JournalEntry(String jobName, long commitSeq, String binlogType, List<String> tables,
        JournalOutcome outcome, String detail, long durationMs, String label, long txnId, String errorCode,
        Instant at) {
    /** The longest detail kept; a longer one is cut (an error message can be long). */
    public static final int MAX_DETAIL = 1000;

    public JournalEntry {
        StoreNames.requireJobName(jobName);
        requireNonNull(binlogType, "binlogType is null");
        tables = List.copyOf(tables);
        for (String t : tables) {
            if (t.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a table name in a journal entry has a control character");
            }
        }
        requireNonNull(outcome, "outcome is null");
        requireNonNull(detail, "detail is null");
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 3) + "...";
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs < 0: " + durationMs);
        }
        requireNonNull(label, "label is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(at, "at is null");
    }
}
