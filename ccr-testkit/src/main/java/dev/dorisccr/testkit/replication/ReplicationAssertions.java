package dev.dorisccr.testkit.replication;

import dev.dorisccr.testkit.doris.FakeDorisCluster;

/**
 * Test assertions over {@link ReplicaComparison}: the target equals the source, else an {@link
 * AssertionError} listing every difference with both sides (missing and extra rows, columns, keys,
 * partitions, distribution, {@code is_being_synced}).
 *
 * <pre>{@code
 * ReplicationAssertions.assertDatabaseReplicated(src, "shop", dst, "shop");
 * ReplicationAssertions.assertTableReplicated(src, "shop", "orders", dst, "shop_copy", "orders");
 * }</pre>
 */
public final class ReplicationAssertions {
    private ReplicationAssertions() {}

    /** Database {@code dstDb} on {@code dst} is a replica of {@code srcDb} on {@code src}. */
    public static void assertDatabaseReplicated(FakeDorisCluster src, String srcDb, FakeDorisCluster dst,
            String dstDb) {
        check(ReplicaComparison.database(src, srcDb, dst, dstDb),
                "database " + dstDb + " on " + dst.name() + " is not a replica of " + srcDb + " on " + src.name());
    }

    /** Table {@code dstDb.dstTable} on {@code dst} is a replica of {@code srcDb.srcTable} on {@code src}. */
    public static void assertTableReplicated(FakeDorisCluster src, String srcDb, String srcTable,
            FakeDorisCluster dst, String dstDb, String dstTable) {
        check(ReplicaComparison.table(src, srcDb, srcTable, dst, dstDb, dstTable),
                "table " + dstDb + "." + dstTable + " on " + dst.name() + " is not a replica of " + srcDb + "."
                        + srcTable + " on " + src.name());
    }

    private static void check(ReplicaComparison c, String what) {
        if (!c.holds()) {
            throw new AssertionError(what + ":\n  " + String.join("\n  ", c.differences()));
        }
    }
}
