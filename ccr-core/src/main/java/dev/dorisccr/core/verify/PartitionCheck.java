package dev.dorisccr.core.verify;

import static java.util.Objects.requireNonNull;

/**
 * One partition compared on both clusters.
 *
 * @param partition the partition name (the table's name for an unpartitioned table)
 * @param outcome EQUAL, DIFFERS or NOT_ALIGNED
 * @param sourceRows rows on the source (-1 when not counted)
 * @param targetRows rows on the target (-1 when not counted)
 * @param detail why it differs or is not aligned; "" when equal
 */
public record PartitionCheck(String partition, VerifyOutcome outcome, long sourceRows, long targetRows, String detail) {
    public PartitionCheck {
        requireNonNull(partition, "partition is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(detail, "detail is null");
    }
}
