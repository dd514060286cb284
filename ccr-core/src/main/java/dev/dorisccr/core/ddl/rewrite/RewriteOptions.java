package dev.dorisccr.core.ddl.rewrite;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to change besides the fixed rules ({@code is_being_synced}, erased properties).
 *
 * @param targetDatabase if present, the created table or view is qualified with this database
 * @param targetTable if present, the created table or view gets this name (alias)
 * @param sourceDatabase the source database; with {@code targetDatabase} it lets a view's query
 *     point at the target database instead
 * @param sourceBuckets the source table's bucket count, used to replace {@code BUCKETS AUTO}
 */
public record RewriteOptions(
        Optional<Identifier> targetDatabase,
        Optional<Identifier> targetTable,
        Optional<Identifier> sourceDatabase,
        OptionalInt sourceBuckets) {
    private static final RewriteOptions NONE =
            new RewriteOptions(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty());

    public RewriteOptions {
        requireNonNull(targetDatabase, "targetDatabase is null");
        requireNonNull(targetTable, "targetTable is null");
        requireNonNull(sourceDatabase, "sourceDatabase is null");
        requireNonNull(sourceBuckets, "sourceBuckets is null");
        if (sourceBuckets.isPresent() && sourceBuckets.getAsInt() <= 0) {
            throw new IllegalArgumentException("sourceBuckets must be positive: " + sourceBuckets.getAsInt());
        }
    }

    /** No renames, no bucket count: only the fixed rules apply. */
    public static RewriteOptions defaults() {
        return NONE;
    }

    public RewriteOptions withTargetDatabase(Identifier db) {
        return new RewriteOptions(Optional.of(db), targetTable, sourceDatabase, sourceBuckets);
    }

    public RewriteOptions withTargetTable(Identifier table) {
        return new RewriteOptions(targetDatabase, Optional.of(table), sourceDatabase, sourceBuckets);
    }

    public RewriteOptions withSourceDatabase(Identifier db) {
        return new RewriteOptions(targetDatabase, targetTable, Optional.of(db), sourceBuckets);
    }

    public RewriteOptions withSourceBuckets(int buckets) {
        return new RewriteOptions(targetDatabase, targetTable, sourceDatabase, OptionalInt.of(buckets));
    }
}
