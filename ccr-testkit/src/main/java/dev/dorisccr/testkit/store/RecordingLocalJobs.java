package dev.dorisccr.testkit.store;

import dev.dorisccr.core.ha.LocalJobs;
import dev.dorisccr.core.ha.StopReason;
import dev.dorisccr.core.spi.JobLease;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The jobs "running" on one simulated syncer, with the history of starts and stops: a {@link
 * LocalJobs} that fails the test when a job is started twice or stopped while not running.
 */
public final class RecordingLocalJobs implements LocalJobs {
    /**
     * A start ({@code "start"}), a drain ({@code "drain"}), a drain taken back ({@code "cancel
     * drain"}) or a stop ({@code "stop " + reason}) of a job.
     */
    public record Event(String job, String what) {}

    private final TreeMap<String, JobLease> running = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();
    private final TreeMap<String, CompletableFuture<Void>> drains = new TreeMap<>();
    private boolean holdDrains;

    /**
     * Whether a {@link #drain} stays pending (a step in progress) until {@link #finishDrains}; by
     * default a drain is done at once (the job was between steps).
     */
    public synchronized void holdDrains(boolean hold) {
        holdDrains = hold;
    }

    /** Completes every pending drain: the steps in progress reached their checkpoint. */
    public synchronized void finishDrains() {
        drains.values().forEach(f -> f.complete(null));
        drains.clear();
    }

    /** The jobs asked to drain whose drain is not done yet. */
    public synchronized java.util.Set<String> draining() {
        return java.util.Set.copyOf(drains.keySet());
    }

    @Override
    public synchronized CompletableFuture<Void> drain(String jobName) {
        if (!running.containsKey(jobName)) {
            throw new AssertionError("drained a job that was not running: " + jobName);
        }
        events.add(new Event(jobName, "drain"));
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (holdDrains) {
            drains.put(jobName, f);
        } else {
            f.complete(null);
        }
        return f;
    }

    /** Takes back a pending drain (recorded as {@code "cancel drain"}); false when none is pending. */
    @Override
    public synchronized boolean cancelDrain(String jobName) {
        CompletableFuture<Void> f = drains.remove(jobName);
        if (f == null) {
            return false;
        }
        events.add(new Event(jobName, "cancel drain"));
        f.cancel(false);
        return true;
    }

    @Override
    public synchronized void start(JobLease lease) {
        if (running.containsKey(lease.jobName())) {
            throw new AssertionError("started twice: " + lease);
        }
        running.put(lease.jobName(), lease);
        events.add(new Event(lease.jobName(), "start"));
    }

    @Override
    public synchronized void stop(String jobName, StopReason reason) {
        drains.remove(jobName);
        if (running.remove(jobName) == null) {
            throw new AssertionError("stopped a job that was not running: " + jobName + " " + reason);
        }
        events.add(new Event(jobName, "stop " + reason));
    }

    /** The jobs running now with the lease they were started under, by name. */
    public synchronized SortedMap<String, JobLease> running() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(running));
    }

    /** Every start and stop so far, in order. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
