package dev.dorisccr.core.machine;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time of the job runner's parts of a step, summed over all jobs of the JVM: a benchmark's
 * profile (ApplyBench), off unless the system property {@value #PROPERTY} is {@code true} at start.
 * Off, {@link #now()} is 0 and {@link #add} does nothing (the JIT drops both); nothing is logged.
 */
public final class StepTrace {
    /** The switch, read once. */
    public static final String PROPERTY = "ccr.bench.stepTrace";
    static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final Map<String, LongAdder[]> SUMS = new ConcurrentHashMap<>();

    private StepTrace() {}

    /** {@link System#nanoTime()} while tracing, else 0. */
    static long now() {
        return ON ? System.nanoTime() : 0;
    }

    /** Adds {@code toNanos - fromNanos} to {@code part}. */
    static void add(String part, long fromNanos, long toNanos) {
        if (ON) {
            LongAdder[] a = SUMS.computeIfAbsent(part, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
            a[0].add(toNanos - fromNanos);
            a[1].increment();
        }
    }

    /** Forgets the sums. */
    public static void reset() {
        SUMS.clear();
    }

    /** The sums so far, one line per part: ms per binlog over {@code binlogs}, calls, ms per call. */
    public static String report(long binlogs) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(SUMS).forEach((k, v) -> b.append(String.format(Locale.ROOT,
                "  %-34s %8.3f ms/binlog  (%d calls, %.3f ms each)%n", k, v[0].sum() / 1e6 / binlogs, v[1].sum(),
                v[0].sum() / 1e6 / Math.max(1, v[1].sum()))));
        return b.toString();
    }
}
