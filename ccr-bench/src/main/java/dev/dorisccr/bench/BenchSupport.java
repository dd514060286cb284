package dev.dorisccr.bench;

import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What {@link FullSyncBench} and {@link LagBench} share: a cluster's endpoint, waiting with a
 * deadline (no sleeping), the delay on every Thrift call, percentiles, and the final comparison of
 * the target with the source.
 */
final class BenchSupport {
    private BenchSupport() {}

    /** The endpoint of a simulated cluster as a job names it. */
    static ClusterSpec spec(FakeDorisCluster c) {
        return ClusterSpec.of(c.host(), c.mysqlPort(), c.masterThriftPort(), c.user(), c.password());
    }

    /** Waits (parked, bounded) until {@code done}; throws naming {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /** Waits {@code d} of real time (parked; the benchmarks' pacing, not a test's wait). */
    static void pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Every Thrift call of the cluster's FEs and BEs answers {@code d} later (none at zero). */
    static void delayEveryThriftCall(FakeDorisCluster c, Duration d) {
        c.faults().clear();
        c.backendFaults().clear();
        if (!d.isZero()) {
            RpcFaults.Fault delay = new RpcFaults.Fault.Delay(d);
            c.faults().add(".*", 1.0, -1, delay);
            c.backendFaults().add(".*", 1.0, -1, delay);
        }
    }

    /** The {@code p}-th percentile (nearest rank) of {@code values}; -1 when empty. */
    static long pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /**
     * What differs between a source table and its copy: rows (as sets of rows, sorted), columns
     * (name, type, key, nullability as the simulator describes them) and partition names; empty
     * when they agree.
     */
    static List<String> differences(FakeDorisCluster src, String srcDb, FakeDorisCluster dst, String dstDb,
            String table) {
        List<String> out = new ArrayList<>();
        if (!dst.tableExists(dstDb, table)) {
            out.add(dstDb + "." + table + " is missing on the target");
            return out;
        }
        List<List<String>> a = sorted(src.rows(srcDb, table));
        List<List<String>> b = sorted(dst.rows(dstDb, table));
        if (!a.equals(b)) {
            out.add(table + ": the source has " + a.size() + " rows, the target " + b.size()
                    + (a.size() == b.size() ? " (different values)" : ""));
        }
        if (!src.tableDef(srcDb, table).columns().equals(dst.tableDef(dstDb, table).columns())) {
            out.add(table + ": columns differ: source " + src.tableDef(srcDb, table).columns() + ", target "
                    + dst.tableDef(dstDb, table).columns());
        }
        if (!src.partitions(srcDb, table).equals(dst.partitions(dstDb, table))) {
            out.add(table + ": partitions differ: source " + src.partitions(srcDb, table) + ", target "
                    + dst.partitions(dstDb, table));
        }
        return out;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(Object::toString));
        return s;
    }

    /** Prints the differences loudly and exits non-zero when there are any. */
    static void failIfDifferent(String bench, List<String> differences) {
        if (!differences.isEmpty()) {
            System.out.println("*** " + bench + ": THE TARGET IS NOT THE SOURCE (" + differences.size()
                    + " differences) ***");
            differences.forEach(d -> System.out.println("*** " + d));
            System.out.flush();
            System.exit(1);
        }
    }
}
