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
     * Checks that a new job can run ({@link #preflight}) and prepares the target (creates the
     * target database when missing). Throws {@code INVALID_ARGUMENT} naming every failed check.
     */
    void checkCreate(JobSpec spec);

    /**
     * Every check {@link #checkCreate} runs, each with its outcome; changes nothing. Unreachable
     * clusters, wrong passwords and missing binlog are outcomes, not exceptions.
     */
    PreflightReport preflight(JobSpec spec);

    /** Carries out the job's commands; one executor per running job. */
    CommandExecutor executor(JobSpec spec);

    /** Asks the source how far {@code progress} is behind. */
    JobLag lag(JobSpec spec, SyncProgress progress);

    /** Clears {@code is_being_synced} on the job's target tables. */
    DesyncReport desync(JobSpec spec, SyncProgress progress);
}
