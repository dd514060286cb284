package dev.dorisccr.core.ha;

import dev.dorisccr.core.spi.JobLease;

/**
 * The jobs running on this syncer, as seen by the lease manager. {@link #start} runs a job under a
 * lease whose token must accompany every progress write; {@link #stop} must stop it promptly. Both
 * are called from the manager's tick and must not block for long.
 */
public interface LocalJobs {
    void start(JobLease lease);

    void stop(String jobName, StopReason reason);
}
