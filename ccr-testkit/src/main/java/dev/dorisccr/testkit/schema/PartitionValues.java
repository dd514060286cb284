package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The values clause of one partition. Values are the literal texts without quotes, one per
 * partition column; {@code MAXVALUE} is the word {@code MAXVALUE}.
 */
public sealed interface PartitionValues {
    /** {@code VALUES LESS THAN ("x")} or {@code VALUES LESS THAN MAXVALUE} (upper = ["MAXVALUE"]). */
    record LessThan(List<String> upper) implements PartitionValues {
        public LessThan {
            upper = List.copyOf(requireNonNull(upper, "upper is null"));
            if (upper.isEmpty()) {
                throw new IllegalArgumentException("LESS THAN needs a value");
            }
        }
    }

    /** {@code VALUES [("a"), ("b"))}: lower inclusive, upper exclusive. */
    record Fixed(List<String> lower, List<String> upper) implements PartitionValues {
        public Fixed {
            lower = List.copyOf(requireNonNull(lower, "lower is null"));
            upper = List.copyOf(requireNonNull(upper, "upper is null"));
        }
    }

    /** {@code VALUES IN ("a", "b")} or, for several columns, {@code VALUES IN (("a", 1), ("b", 2))}. */
    record In(List<List<String>> items) implements PartitionValues {
        public In {
            requireNonNull(items, "items is null");
            List<List<String>> copy = new ArrayList<>();
            items.forEach(i -> copy.add(List.copyOf(i)));
            items = List.copyOf(copy);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("VALUES IN needs at least one item");
            }
        }
    }

    /** The single partition of an unpartitioned table (no values clause). */
    record Unpartitioned() implements PartitionValues {}
}
