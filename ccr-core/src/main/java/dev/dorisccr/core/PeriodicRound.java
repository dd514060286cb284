package dev.dorisccr.core;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a round of work for the jobs of a syncer every interval on a {@link Scheduler}: the engine's lag round
 * ({@code Syncer.sampleLags}), the apply journal's pruning ({@code JournalRetention}) and the server's periodic
 * verification ({@code PeriodicVerification}) and status page sampling ({@code StatusSampler}). Not API: {@code dev.dorisccr.core} is exported to the project's own
 * modules only. Rounds run one at a time, the next
 * one an interval after the previous one ended; the first one an interval after {@link #start()}, or at once after
 * {@link #startNow()}. A round that
 * throws is logged at WARN and the next one runs as planned. A round may block its scheduler's thread (FE calls,
 * verification queries): give it a scheduler of its own, never the jobs' pool.
 */
public final class PeriodicRound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicRound.class);

    private final String name;
    private final Runnable round;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Object lock = new Object();
    private Scheduler.Cancellable next;
    private boolean closed;

    /** {@code name} names the round in logs ("lag round"); {@code interval} must be positive. */
    public PeriodicRound(String name, Runnable round, Scheduler scheduler, Duration interval) {
        this.name = requireNonNull(name, "name is null");
        this.round = requireNonNull(round, "round is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " interval must be positive: " + interval);
        }
    }

    /** Schedules the first round one interval from now; again, or after {@link #close()}, does nothing. */
    public void start() {
        start(interval);
    }

    /** Schedules the first round now (as soon as the scheduler runs it); again, or after close, does nothing. */
    public void startNow() {
        start(Duration.ZERO);
    }

    private void start(Duration firstDelay) {
        synchronized (lock) {
            if (!closed && next == null) {
                next = scheduler.schedule(this::run, firstDelay);
            }
        }
    }

    private void run() {
        try {
            round.run();
        } catch (RuntimeException e) { // a store read or a cluster failing: the next round tries again
            log.warn("{} failed ({}); trying again in {}", name, e.toString(), interval);
        } finally {
            synchronized (lock) {
                if (!closed) {
                    next = scheduler.schedule(this::run, interval);
                }
            }
        }
    }

    /** Cancels the next round; a round under way finishes and schedules none. */
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
        return name + " every " + interval;
    }
}
