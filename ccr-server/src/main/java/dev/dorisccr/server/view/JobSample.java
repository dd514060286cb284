package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.spi.DesiredState;
import java.util.Optional;

/**
 * What the sampler saw of one job at one time: everything the status page shows of it.
 *
 * @param name job name (from the operator: escape it before showing it)
 * @param type the Go syncer's type: {@code db_sync}, {@code table_sync} or {@code table_sync_with_alias}
 * @param source source FE and scope, e.g. {@code fe1:9030 shop.orders} (no credentials)
 * @param target target FE and scope
 * @param desired what the operator asked for
 * @param observed what the job is observed doing (state, detail, last error, retries)
 * @param syncState the Go syncer's sync state name ({@code TableIncrementalSync}, ...)
 * @param subSyncState the Go syncer's sub sync state name
 * @param lag the lag read at this sample, empty when the source could not tell
 * @param lagError why the lag is unknown, "" when it is known
 * @param fullSyncReason why the last full sync ran ({@code full_sync_reason}), "" when unknown
 * @param fullSyncStartAtSeconds when the last full sync started, unix seconds, 0 when never
 * @param hostMapping the job has a host mapping on either side
 * @param atMs when this sample was taken, epoch ms
 */
public record JobSample(String name, String type, String source, String target, DesiredState desired,
        ObservedStatus observed, String syncState, String subSyncState, Optional<LagPoint> lag, String lagError,
        String fullSyncReason, long fullSyncStartAtSeconds, boolean hostMapping, long atMs) {
    public JobSample {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(desired, "desired is null");
        requireNonNull(observed, "observed is null");
        requireNonNull(syncState, "syncState is null");
        requireNonNull(subSyncState, "subSyncState is null");
        requireNonNull(lag, "lag is null");
        requireNonNull(lagError, "lagError is null");
        requireNonNull(fullSyncReason, "fullSyncReason is null");
    }
}
