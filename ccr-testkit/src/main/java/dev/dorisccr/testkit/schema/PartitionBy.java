package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a table is partitioned. An unpartitioned table is {@link Kind#NONE} with no columns and no
 * declared partitions (Doris gives it one partition named after the table).
 *
 * @param auto {@code AUTO PARTITION BY ...}: a load creates the partition a row needs
 * @param timeUnit for {@code AUTO PARTITION BY RANGE (date_trunc(col, 'unit'))}: the unit in lower
 *     case ({@code year}, {@code quarter}, {@code month}, {@code week}, {@code day}, {@code hour},
 *     {@code minute}, {@code second}); "" otherwise
 */
public record PartitionBy(Kind kind, List<String> columns, List<PartitionDef> partitions, boolean auto,
        String timeUnit) {
    /** Partitioning kinds. */
    public enum Kind { NONE, RANGE, LIST }

    /** The units {@code date_trunc} takes in an auto range partition. */
    public static final Set<String> TIME_UNITS = Set.of("year", "quarter", "month", "week", "day", "hour", "minute",
            "second");

    public PartitionBy {
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
        requireNonNull(timeUnit, "timeUnit is null");
        if (kind == Kind.NONE && (!columns.isEmpty() || !partitions.isEmpty() || auto)) {
            throw new IllegalArgumentException("an unpartitioned table has no partition columns");
        }
        if (kind != Kind.NONE && columns.isEmpty()) {
            throw new IllegalArgumentException(kind + " partitioning needs columns");
        }
        if (auto && kind == Kind.RANGE && !TIME_UNITS.contains(timeUnit.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("auto range partitioning needs a date_trunc unit, got '" + timeUnit + "'");
        }
        if (!(auto && kind == Kind.RANGE) && !timeUnit.isEmpty()) {
            throw new IllegalArgumentException("only auto range partitioning has a time unit");
        }
        timeUnit = timeUnit.toLowerCase(Locale.ROOT);
    }

    /** Declared (not auto) partitioning. */
    public PartitionBy(Kind kind, List<String> columns, List<PartitionDef> partitions) {
        this(kind, columns, partitions, false, "");
    }

    public static PartitionBy none() {
        return new PartitionBy(Kind.NONE, List.of(), List.of());
    }

    /** The same partitioning with other partitions. */
    public PartitionBy withPartitions(List<PartitionDef> p) {
        return new PartitionBy(kind, columns, p, auto, timeUnit);
    }
}
