package dev.dorisccr.core.service;

import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.util.function.Supplier;

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
     * Keeps what a create of {@code spec} and the job's first turn share open until the handle is
     * closed: the syncer's {@link Syncer#create} holds it from before {@link #checkCreate} until the
     * job's {@link #executor} is made, so that the checks, the target database's creation and the
     * executor use the same clients and connections rather than opening and closing them in turn
     * (issue 17: each open was a TCP connect and a MySQL handshake before the BACKUP). The default
     * holds nothing.
     */
    default Held hold(JobSpec spec) {
        return () -> { };
    }

    /** What {@link #hold} keeps open; closing it gives it back. */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Every check {@link #checkCreate} runs, each with its outcome; changes nothing. Unreachable
     * clusters, wrong passwords and missing binlog are outcomes, not exceptions.
     */
    PreflightReport preflight(JobSpec spec);

    /** Carries out the job's commands; one executor per running job. */
    CommandExecutor executor(JobSpec spec);

    /**
     * What wakes this syncer's jobs on new source binlogs ({@link BinlogWatcher#NONE}, the default:
     * each job polls on its own). The syncer watches through it and does not close it.
     */
    default BinlogWatcher binlogWatcher() {
        return BinlogWatcher.NONE;
    }

    /** Asks the source how far {@code progress} is behind. */
    JobLag lag(JobSpec spec, SyncProgress progress);

    /** Clears {@code is_being_synced} on the job's target tables. */
    DesyncReport desync(JobSpec spec, SyncProgress progress);

    /**
     * What the job would do with its next {@code count} binlogs after {@code progress}
     * ({@link dev.dorisccr.core.machine.DryRun}); writes nothing to the target or the progress.
     */
    default ReplayPlan plan(JobSpec spec, SyncProgress progress, JobMachine machine, int count) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "dry runs are not available here");
    }

    /**
     * Compares the job's target with its source ({@link Verifier}); {@code progress} gives the job's
     * position afresh on each call. Changes nothing on either cluster.
     */
    default VerifyReport verify(JobSpec spec, Supplier<SyncProgress> progress, VerifyRequest request,
            Verifier.Pause pause) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "verification is not available here");
    }
}
