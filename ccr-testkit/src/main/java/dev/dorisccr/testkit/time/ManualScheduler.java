package dev.dorisccr.testkit.time;

import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;

/** A scheduler and clock under the test's control: tasks run when the test advances time. */
public final class ManualScheduler implements Scheduler, InstantSource {
    private record Task(Instant at, long order, Runnable body, boolean[] cancelled) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
            ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
    private Instant now = Instant.ofEpochSecond(1_700_000_000L);
    private long order;
    /** Tasks run so far. */
    public int executed;

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        queue.add(new Task(now.plus(delay), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    /** Runs due tasks, moving the clock to each, until {@code limit} is reached or nothing is queued. */
    public void runFor(Duration limit) {
        Instant end = now.plus(limit);
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.at().isAfter(end)) {
                    now = end;
                    return;
                }
                queue.poll();
                if (t.at().isAfter(now)) {
                    now = t.at();
                }
            }
            if (!t.cancelled()[0]) {
                executed++;
                t.body().run();
            }
        }
    }

    /** Tasks queued and not cancelled. */
    public synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled()[0]).count();
    }
}
