package dev.dorisccr.core.ha;

import dev.dorisccr.core.spi.JobLease;
import java.util.concurrent.CompletableFuture;

/**
 * The jobs running on this syncer, as seen by the lease manager. {@link #start} runs a job under a
 * lease whose token must accompany every progress write; {@link #stop} must stop it promptly. All
 * are called from the manager's tick and must not block for long.
 */
public interface LocalJobs {
    void start(JobLease lease);

    void stop(String jobName, StopReason reason);

    /**
     * Asks a job to stop at its next checkpoint boundary, for a hand-over to another syncer: the
     * future completes when no step is in progress any more (the manager then calls {@link #stop}
     * with {@link StopReason#REBALANCED} and releases the lease). Must not block. The default
     * completes at once.
     */
    default CompletableFuture<Void> drain(String jobName) {
        return CompletableFuture.completedFuture(null);
    }
}
