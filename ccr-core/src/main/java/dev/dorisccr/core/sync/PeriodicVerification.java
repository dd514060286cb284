package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.PeriodicRound;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.core.syncer.JobService;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies every running job this syncer owns every {@code interval}, as {@code ctl verify} would
 * (every table, the default attempts): the outcome is kept in the job's observed status ({@code
 * observed.verification}, the status page, the verification metrics) like a verification asked over
 * the API. Off unless the server is started with an interval. The rounds are a {@link PeriodicRound}:
 * a round blocks its scheduler's thread for the checks (a few queries per partition on each cluster),
 * so give it a thread of its own, never the jobs' pool. A job that cannot be verified (its clusters
 * unreachable, deleted meanwhile) is logged and tried again at the next round.
 */
public final class PeriodicVerification implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeriodicVerification.class);

    private final JobService jobs;
    private final Duration interval;
    private final PeriodicRound rounds;

    public PeriodicVerification(JobService jobs, Scheduler scheduler, Duration interval) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.rounds = new PeriodicRound("periodic verification round", this::verifyOnce, scheduler, interval);
    }

    /** Schedules the first round one interval from now. */
    public void start() {
        rounds.start();
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

    @Override
    public void close() {
        rounds.close();
    }
}
