package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A restoreSnapshot call on the target FE.
 *
 * @param database target database
 * @param label the restore job's label
 * @param tableAliases source table name -> name to restore it under (empty: all, same names)
 * @param snapshot the snapshot to restore (job_info already carrying extra_info)
 * @param properties RESTORE properties (reserve_replica, replication_num...)
 * @param cleanTables drop target tables not in the snapshot
 * @param cleanPartitions drop target partitions not in the snapshot
 * @param atomicRestore build aside and swap in, so the target stays readable
 */
public record RestoreRequest(String database, String label, Map<String, String> tableAliases, SnapshotData snapshot,
        Map<String, String> properties, boolean cleanTables, boolean cleanPartitions, boolean atomicRestore) {
    public RestoreRequest {
        requireNonNull(database, "database is null");
        requireNonNull(label, "label is null");
        tableAliases = Map.copyOf(requireNonNull(tableAliases, "tableAliases is null"));
        requireNonNull(snapshot, "snapshot is null");
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }
}
