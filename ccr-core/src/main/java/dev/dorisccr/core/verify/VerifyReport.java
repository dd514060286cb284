package dev.dorisccr.core.verify;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.job.VerificationSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's consistency check: every table and partition compared, with the combined outcome.
 *
 * @param job the job's name
 * @param startedAtMs epoch ms when the check started
 * @param finishedAtMs epoch ms when it finished
 * @param outcome DIFFERS if anything differs, else FAILED, NOT_ALIGNED or EQUAL
 * @param tables every table checked
 * @param detail why the check failed or could not compare, "" otherwise
 */
public record VerifyReport(String job, long startedAtMs, long finishedAtMs, VerifyOutcome outcome, List<TableCheck> tables,
        String detail) {
    public VerifyReport {
        requireNonNull(job, "job is null");
        requireNonNull(outcome, "outcome is null");
        tables = List.copyOf(tables);
        requireNonNull(detail, "detail is null");
    }

    /** What the job's observed status keeps: the counts and the first findings. */
    public VerificationSummary summary() {
        int equal = 0;
        int differing = 0;
        int notAligned = 0;
        List<String> findings = new ArrayList<>();
        if (!detail.isEmpty()) {
            findings.add(detail);
        }
        for (TableCheck t : tables) {
            if (!t.detail().isEmpty()) {
                findings.add(t.sourceTable() + ": check failed: " + t.detail());
            }
            for (String d : t.differences()) {
                differing++;
                findings.add(t.sourceTable() + ": " + d);
            }
            for (PartitionCheck p : t.partitions()) {
                switch (p.outcome()) {
                    case EQUAL -> equal++;
                    case DIFFERS -> {
                        differing++;
                        findings.add(t.sourceTable() + " partition " + p.partition() + ": " + p.detail());
                    }
                    default -> {
                        notAligned++;
                        findings.add(t.sourceTable() + " partition " + p.partition() + " not aligned: " + p.detail());
                    }
                }
            }
        }
        return new VerificationSummary(finishedAtMs, outcome.name(), tables.size(), equal, differing, notAligned,
                findings);
    }
}
