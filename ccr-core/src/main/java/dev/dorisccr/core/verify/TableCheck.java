package dev.dorisccr.core.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One table compared on both clusters.
 *
 * @param sourceTable the table on the source
 * @param targetTable the table it is copied to
 * @param outcome the combined outcome of the schema and every partition
 * @param differences schema, partition list, index and property differences, one line each
 * @param partitions every partition compared (empty when the schema check already failed the table)
 * @param notHashed columns left out of the checksum (BITMAP, HLL and other types that cannot be cast to text)
 * @param detail why the check of this table FAILED; "" otherwise
 */
public record TableCheck(String sourceTable, String targetTable, VerifyOutcome outcome, List<String> differences,
        List<PartitionCheck> partitions, List<String> notHashed, String detail) {
    public TableCheck {
        requireNonNull(detail, "detail is null");
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(targetTable, "targetTable is null");
        requireNonNull(outcome, "outcome is null");
        differences = List.copyOf(differences);
        partitions = List.copyOf(partitions);
        notHashed = List.copyOf(notHashed);
    }
}
