package dev.dorisccr.core.syncer;

import dev.dorisccr.core.job.CommandExecutor;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;

/**
 * What the {@link Syncer} needs from the Doris clusters of a job. The production implementation
 * works over the FE/BE/SQL clients; tests use a simulated cluster.
 */
public interface ClusterOperations {
    /**
     * Checks that a new job can run (source exists with binlog enabled, target rules) and prepares
     * the target (creates the target database when missing). Throws a coded {@code CcrException}
     * that names what is wrong.
     */
    void checkCreate(JobSpec spec);

    /** Carries out the job's commands; one executor per running job. */
    CommandExecutor executor(JobSpec spec);

    /** Asks the source how far {@code progress} is behind. */
    JobLag lag(JobSpec spec, SyncProgress progress);

    /** Clears {@code is_being_synced} on the job's target tables. */
    DesyncReport desync(JobSpec spec, SyncProgress progress);
}
