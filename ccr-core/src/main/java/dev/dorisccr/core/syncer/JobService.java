package dev.dorisccr.core.syncer;

import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.util.List;
import java.util.Map;

/**
 * The operations on replication jobs, as the HTTP API and embedders see them. Every method
 * reports failure with a {@link dev.dorisccr.core.error.CcrException} whose code says whose fault
 * it is ({@code JOB_NOT_FOUND}, {@code INVALID_ARGUMENT}, ...); none of them blocks on a
 * replication step.
 */
public interface JobService {
    /** Checks the clusters (binlog enabled, target rules) and stores a new running job. */
    void create(JobSpec spec);

    /** What {@link #create} would check for {@code spec}, without storing or changing anything. */
    default PreflightReport preflight(JobSpec spec) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "preflight is not available here");
    }

    void pause(String name);

    void resume(String name);

    /** Stops the job (even mid-wait) and removes its records. Nothing is changed on the target. */
    void delete(String name);

    /** Clears {@code is_being_synced} on every target table of the job; the job keeps running. */
    DesyncReport desync(String name);

    JobStatus status(String name);

    /** How far the target is behind; answered from the store and the source FE. */
    JobLag lag(String name);

    /** Every job in the store, whichever syncer owns it, sorted by name. */
    List<String> list();

    /** The job's spec as stored (without secrets) and its desired state. */
    JobDetail detail(String name);

    SyncProgress progress(String name);

    /**
     * Makes the job look for new binlogs now rather than at the end of its current wait (the Go
     * syncer's {@code /sync}); false when the job is busy with a step, paused or failed (a busy job
     * looks again as soon as its step is done).
     */
    boolean sync(String name);

    /** Starts a new full sync at the next step of the job. */
    void forceFullSync(String name);

    /** Skips one binlog by commit seq, or (FULLSYNC) replaces the skip by a full sync. */
    void skipBinlog(String name, SkipBy by, long commitSeq);

    /** Replaces entries of the host mappings; an empty value removes an entry. */
    void updateHostMapping(String name, Map<String, String> source, Map<String, String> target);

    void updateSkipError(String name, boolean skipError);

    /**
     * Compares the job's target with its source now (schema, partitions, indexes, is_being_synced,
     * row count and checksum of every aligned partition) and keeps the outcome in the job's
     * observed status. Blocks for the check (a few queries per partition on each cluster).
     */
    default VerifyReport verify(String name, VerifyRequest request) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "verification is not available here");
    }

    /**
     * A dry run: what the job would do with its next {@code count} binlogs (1 to 1000) after its
     * committed position, decided by the job's own state machine; changes nothing.
     */
    default ReplayPlan plan(String name, int count) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "dry runs are not available here");
    }

    /**
     * The job's apply journal: the entries of {@code query} newest first (see {@link
     * dev.dorisccr.core.spi.JournalEntry}). {@code JOB_NOT_FOUND} for an unknown job, {@code
     * DORIS_UNSUPPORTED} when the metadata store keeps no journal.
     */
    default List<dev.dorisccr.core.spi.JournalEntry> journal(dev.dorisccr.core.spi.JournalQuery query) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "the apply journal is not available here");
    }

    /**
     * Copies one table of the job again with a partial sync (copied under a temporary name, then
     * swapped in), at the job's next idle point: the repair of a divergence verification found,
     * without copying the whole job. {@code INVALID_ARGUMENT} when the job has no such table.
     */
    default void recopyTable(String name, String table) {
        throw new dev.dorisccr.core.error.CcrException(dev.dorisccr.core.error.ErrorCode.DORIS_UNSUPPORTED,
                "re-copying a table is not available here");
    }

    /** Where requests for the job must go. */
    JobOwner ownerOf(String name);
}
