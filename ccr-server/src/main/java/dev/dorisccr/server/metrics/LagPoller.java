package dev.dorisccr.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.engine.internal.metrics.JobMetrics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lag of the jobs running here every {@link #DEFAULT_INTERVAL}, as the Go syncer's
 * {@code JobCollector} does: one source FE call per job per round, one job after the other, on the
 * scheduler's thread, never on a scrape. A scrape reads the last values; a job whose lag cannot be
 * measured keeps its last value and counts a failure. A job that reports CAUGHT_UP shows 0 at once,
 * without waiting for the next round.
 */
public final class LagPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LagPoller.class);
    /** The Go syncer's collector interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final JobMetrics metrics;
    private final Function<String, JobLag> lagOf;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Set<String> failing = new HashSet<>();
    private final Object lock = new Object();
    private Scheduler.Cancellable next;
    private boolean closed;

    /**
     * @param lagOf the lag of a job by name ({@code Syncer::lag}); may block for an RPC timeout
     * @param scheduler runs the rounds; give it a thread of its own in production
     */
    public LagPoller(JobMetrics metrics, Function<String, JobLag> lagOf, Scheduler scheduler, Duration interval) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.lagOf = requireNonNull(lagOf, "lagOf is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0");
        }
    }

    /** Schedules the first round after one interval. */
    public void start() {
        synchronized (lock) {
            if (!closed && next == null) {
                next = scheduler.schedule(this::round, interval);
            }
        }
    }

    /** One round over the jobs running here. */
    void pollOnce() {
        for (String job : metrics.jobsToPoll()) {
            try {
                metrics.lag(job, lagOf.apply(job));
                if (failing.remove(job)) {
                    log.info("job {}: lag measured again", job);
                }
            } catch (RuntimeException e) { // a source FE that does not answer: the lag is unknown for now
                metrics.lagUnknown(job);
                if (failing.add(job)) {
                    log.warn("job {}: cannot measure the lag ({}); keeping the last value", job, e.getMessage());
                }
            }
        }
    }

    private void round() {
        try {
            pollOnce();
        } finally {
            synchronized (lock) {
                if (!closed) {
                    next = scheduler.schedule(this::round, interval);
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
}
