package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncState;
import java.util.Optional;

/**
 * A job's state as {@code /job_status} shows it, plus the last error when the job is stuck.
 *
 * @param name job name
 * @param state what the operator asked for
 * @param progressState the current phase
 * @param subState the step inside the phase
 * @param lastError the last error that stopped progress, if any (no secrets)
 * @param caughtUp the job is caught up: running, in incremental sync, no binlog in flight, no
 *     error, and the source FE reports no binlog after the last one committed on the target
 *     (lag 0). Scripts and embedders wait on this.
 * @param observed what the runner observed: state, detail, last error with code, time and count,
 *     attempt and next retry while backing off
 */
public record JobStatus(String name, DesiredState state, SyncState progressState, SubSyncState subState,
        Optional<String> lastError, boolean caughtUp, ObservedStatus observed) {
    public JobStatus {
        requireNonNull(name, "name is null");
        requireNonNull(state, "state is null");
        requireNonNull(progressState, "progressState is null");
        requireNonNull(subState, "subState is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(observed, "observed is null");
    }
}
