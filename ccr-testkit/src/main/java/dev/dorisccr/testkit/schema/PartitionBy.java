package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a table is partitioned. An unpartitioned table is {@link Kind#NONE} with no columns and no
 * declared partitions (Doris gives it one partition named after the table).
 */
public record PartitionBy(Kind kind, List<String> columns, List<PartitionDef> partitions) {
    /** Partitioning kinds. */
    public enum Kind { NONE, RANGE, LIST }

    public PartitionBy {
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
        if (kind == Kind.NONE && (!columns.isEmpty() || !partitions.isEmpty())) {
            throw new IllegalArgumentException("an unpartitioned table has no partition columns");
        }
        if (kind != Kind.NONE && columns.isEmpty()) {
            throw new IllegalArgumentException(kind + " partitioning needs columns");
        }
    }

    public static PartitionBy none() {
        return new PartitionBy(Kind.NONE, List.of(), List.of());
    }
}
