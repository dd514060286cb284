package dev.dorisccr.core.machine;

import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's re-copy of one table: the partial sync a finished schema change would start, begun
 * at an idle point (no binlog in flight). The table is copied under a temporary name and swapped in;
 * its binlogs up to the copy's snapshot are skipped afterwards, every other table goes on from where
 * it was (see {@code FullSyncSteps.partialDone}).
 */
final class Recopy {
    private Recopy() {}

    /** True when a re-copy can start now: incremental, nothing in flight, no failure pending. */
    static boolean canStart(JobMachine.State s) {
        return s.progress().syncState().isIncremental() && s.progress().isDone() && s.lastError().isEmpty();
    }

    /** The state with a partial sync of {@code table} ({@code tableId} on the source) about to begin. */
    static JobMachine.State start(JobMachine.State s, JobSpec spec, long tableId, String table, long nowSeconds) {
        SyncProgress p = s.progress();
        long syncId = p.jobSyncId() + 1;
        SyncProgress next = p.toBuilder()
                .jobSyncId(syncId)
                .partialSyncData(Optional.of(new PartialSyncData(tableId, table, List.of(), List.of())))
                .tableAliases(Map.of(table, Labels.aliasTable(table, syncId)))
                .build()
                .next(p.commitSeq(), SyncState.partialSync(spec.syncType()), SubSyncState.BEGIN_CREATE_SNAPSHOT, "",
                        nowSeconds);
        return s.with(next).withPending(List.of());
    }
}
