package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the job would do with one source binlog (or, for a copy, with the binlogs that led to it).
 *
 * @param commitSeq the binlog's commit seq
 * @param type the binlog type name ({@code UPSERT}, {@code ADD_PARTITION}, ...)
 * @param action {@code LOAD}, {@code REPLAY}, {@code SKIP}, {@code PARTIAL_SYNC}, {@code FULL_SYNC} or {@code HALT}
 * @param detail what it does, in one line: the tables and partitions loaded, why it is skipped, why a copy
 * @param statements the SQL that would run on the target, after rewriting (REPLAY)
 */
public record PlanStep(long commitSeq, String type, String action, String detail, List<String> statements) {
    public PlanStep {
        requireNonNull(type, "type is null");
        requireNonNull(action, "action is null");
        requireNonNull(detail, "detail is null");
        statements = List.copyOf(statements);
    }
}
