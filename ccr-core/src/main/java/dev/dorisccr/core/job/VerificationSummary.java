package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of a job's last consistency check, as kept with its observed status (stored with the
 * progress, shown by {@code /job_status}, the status page and the metrics). The full report, with
 * every partition, is the answer of {@code /verify}; this keeps what an operator scans for.
 *
 * @param atMs epoch ms when the check finished
 * @param outcome EQUAL, DIFFERS, NOT_ALIGNED or FAILED
 * @param tables tables checked
 * @param partitionsEqual partitions found equal on both sides
 * @param partitionsDiffering partitions (or tables, for a schema or a missing table) found different
 * @param partitionsNotAligned partitions still moving or not applied yet when the check gave up
 * @param findings the first differences and unaligned partitions, one line each (at most {@link #MAX_FINDINGS})
 */
public record VerificationSummary(long atMs, String outcome, int tables, int partitionsEqual, int partitionsDiffering,
        int partitionsNotAligned, List<String> findings) {
    /** The most findings kept. */
    public static final int MAX_FINDINGS = 20;

    public VerificationSummary {
        requireNonNull(outcome, "outcome is null");
        findings = List.copyOf(findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings);
    }
}
