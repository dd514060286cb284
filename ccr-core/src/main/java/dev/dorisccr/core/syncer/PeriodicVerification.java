package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies every running job this syncer owns every {@code interval}, as {@code ctl verify} would
 * (every table, the default attempts): the outcome is kept in the job's observed status ({@code
 * observed.verification}, the status page, the verification metrics) like a verification asked over
 * the API. Off unless the server is started with an interval. A round blocks its scheduler's thread
 * for the checks (a few queries per partition on each cluster): give it a thread of its own, never
 * the jobs' pool. A job that cannot be verified (its clusters unreachable, deleted meanwhile) is
 * logged and tried again at the next round.
 */
public final class PeriodicVerification implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicVerification.class);

    private final JobService jobs;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Object lock = new Object();
    private Scheduler.Cancellable next;
    private boolean closed;

    public PeriodicVerification(JobService jobs, Scheduler scheduler, Duration interval) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.interval = requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("verification interval must be positive: " + interval);
        }
    }

    /** Schedules the first round one interval from now. */
    public void start() {
        synchronized (lock) {
            if (!closed && next == null) {
                next = scheduler.schedule(this::round, interval);
            }
        }
    }

    /** One round now: the number of jobs verified. */
    public int verifyOnce() {
        int n = 0;
        for (String name : jobs.list()) {
            try {
                if (jobs.ownerOf(name).kind() != JobOwner.Kind.LOCAL
                        || jobs.detail(name).state() != DesiredState.RUNNING) {
                    continue;
                }
                VerifyReport r = jobs.verify(name, VerifyRequest.all());
                n++;
                log.debug("job {}: periodic verification {}", name, r.outcome());
            } catch (CcrException e) {
                log.warn("job {}: periodic verification failed ({}: {}); trying again in {}", name, e.code(),
                        e.getMessage(), interval);
            }
        }
        return n;
    }

    private void round() {
        try {
            verifyOnce();
        } catch (RuntimeException e) {
            log.warn("periodic verification round failed ({}); trying again in {}", e.toString(), interval);
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
