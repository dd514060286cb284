package dev.dorisccr.engine.internal;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lag of the jobs running here every interval, for the listeners and the lag gauges
 * ({@code Syncer.sampleLags}: the shared lag sample, no FE call for a job its runner reports caught
 * up). Rounds run one at a time, the next one an interval after the previous one ended, on a
 * scheduler whose thread may block for an FE call: never the jobs' own threads in production.
 */
public final class LagRound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LagRound.class);

    private final Runnable round;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Object lock = new Object();
    private Scheduler.Cancellable next;
    private boolean closed;

    public LagRound(Runnable round, Scheduler scheduler, Duration interval) {
        this.round = requireNonNull(round, "round is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
    }

    /** Schedules the first round one interval from now; again does nothing. */
    public void start() {
        synchronized (lock) {
            if (!closed && next == null) {
                next = scheduler.schedule(this::run, interval);
            }
        }
    }

    private void run() {
        try {
            round.run();
        } catch (RuntimeException e) { // a store read failing: the next round tries again
            log.warn("lag round failed: {}", e.toString());
        } finally {
            synchronized (lock) {
                if (!closed) {
                    next = scheduler.schedule(this::run, interval);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (next != null) {
                next.cancel();
            }
        }
    }

    @Override
    public String toString() {
        return "lag round every " + interval;
    }
}
