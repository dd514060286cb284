package dev.dorisccr.core.mapping;

/**
 * One {@code ingest_binlog} call: the target BE {@code destBackendId} pulls the rowset of source
 * tablet {@code srcTabletId} at {@code version} from source BE {@code srcBackendId} into its
 * replica of {@code destTabletId}.
 */
public record IngestTask(long srcTabletId, long srcBackendId, long destPartitionId, long destTabletId,
        long destReplicaId, long destBackendId, long version) {}
