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

    /**
     * Takes back a {@link #drain} that did not reach a checkpoint boundary within {@link
     * HaSettings#handOverTimeout()}: the job goes on where it is (its step is never cut short) and
     * stays here, its lease held; the hand-over is tried again at a later tick. Must not block.
     *
     * @return true when the drain was taken back; false when it had completed meanwhile (the
     *     manager then goes on with the hand-over). The default (drains complete at once) returns false.
     */
    default boolean cancelDrain(String jobName) {
        return false;
    }
}
