package dev.dorisccr.core.ddl.render;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The value clause of a partition definition, rendered with string literals for every value. */
public sealed interface PartitionBound {
    /** {@code VALUES LESS THAN ("v1", ...)}; an empty list renders {@code MAXVALUE}. */
    record LessThan(List<String> values) implements PartitionBound {
        public LessThan {
            values = List.copyOf(values);
        }

        public static LessThan maxValue() {
            return new LessThan(List.of());
        }
    }

    /** {@code VALUES [("lower", ...), ("upper", ...))}. */
    record Range(List<String> lower, List<String> upper) implements PartitionBound {
        public Range {
            lower = List.copyOf(lower);
            upper = List.copyOf(upper);
            if (lower.isEmpty() || lower.size() != upper.size()) {
                throw new IllegalArgumentException("range bounds need the same, non-zero number of values");
            }
        }
    }

    /** {@code VALUES IN (("a", "b"), ...)}: one tuple per listed key. */
    record In(List<List<String>> tuples) implements PartitionBound {
        public In {
            requireNonNull(tuples, "tuples is null");
            tuples = tuples.stream().map(List::copyOf).toList();
            if (tuples.isEmpty() || tuples.stream().anyMatch(List::isEmpty)) {
                throw new IllegalArgumentException("list partition needs at least one non-empty tuple");
            }
        }
    }
}
