package dev.dorisccr.examples;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.ObservedStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link JobListener} that exports what the jobs do as metrics, without a metrics library:
 * counters and gauges per job, read as Prometheus text by {@link #scrape()}. (With Micrometer on
 * the class path, {@code CcrEngine.Builder.meterRegistry(registry)} gives the full set instead.)
 *
 * <p>The engine calls a listener from the job's own thread; each method here is a map look-up and
 * an add, as quick as a listener must be.
 */
public final class MetricsListener implements JobListener {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Double> gauges = new ConcurrentHashMap<>();

    /** {@code name{job="...",extra}}. */
    private static String series(String name, String job, String extra) {
        return name + "{job=\"" + job + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private void count(String name, String job, String extra) {
        counters.computeIfAbsent(series(name, job, extra), k -> new LongAdder()).increment();
    }

    @Override
    public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs, Duration took) {
        count("example_binlogs_applied_total", job, "");
        gauges.put(series("example_committed_seq", job, ""), (double) commitSeq);
        gauges.put(series("example_last_apply_seconds", job, ""), took.toMillis() / 1000.0);
    }

    @Override
    public void txnFinished(String job, TxnOutcome outcome) {
        count("example_txns_total", job, "outcome=\"" + outcome.name().toLowerCase(Locale.ROOT) + "\"");
    }

    @Override
    public void syncStarted(String job, SyncKind kind, SyncReason reason, String detail) {
        count("example_syncs_started_total", job, "kind=\"" + kind.name().toLowerCase(Locale.ROOT) + "\"");
    }

    @Override
    public void statusChanged(String job, ObservedStatus status) {
        gauges.put(series("example_job_state", job, ""), (double) status.state().ordinal());
    }

    @Override
    public void caughtUp(String job, long commitSeq, long askedAtMs) {
        gauges.put(series("example_caught_up_at_seconds", job, ""), askedAtMs / 1000.0);
    }

    /** The value of one series ({@code name{labels}}), 0 when never told. */
    public double value(String series) {
        LongAdder c = counters.get(series);
        return c != null ? c.sum() : gauges.getOrDefault(series, 0.0);
    }

    /** Every series in Prometheus text format, sorted. */
    public String scrape() {
        Map<String, Double> all = new TreeMap<>(gauges);
        counters.forEach((k, v) -> all.put(k, (double) v.sum()));
        StringBuilder out = new StringBuilder();
        all.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        return out.toString();
    }
}
