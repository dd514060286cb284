package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code DISTRIBUTED BY HASH(cols) BUCKETS n}, {@code ... BUCKETS AUTO} or {@code DISTRIBUTED BY
 * RANDOM ...}.
 *
 * @param buckets the bucket count; for {@code BUCKETS AUTO} the count Doris chose (the simulator
 *     uses a fixed default)
 * @param autoBucket declared {@code BUCKETS AUTO}
 */
public record DistributionDesc(Kind kind, List<String> columns, int buckets, boolean autoBucket) {
    /** Distribution kinds. */
    public enum Kind { HASH, RANDOM }

    public DistributionDesc {
        requireNonNull(kind, "kind is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (kind == Kind.HASH && columns.isEmpty()) {
            throw new IllegalArgumentException("HASH distribution needs columns");
        }
        if (kind == Kind.RANDOM && !columns.isEmpty()) {
            throw new IllegalArgumentException("RANDOM distribution has no columns");
        }
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets < 1: " + buckets);
        }
    }

    public DistributionDesc withBuckets(int n) {
        return new DistributionDesc(kind, columns, n, autoBucket);
    }
}
