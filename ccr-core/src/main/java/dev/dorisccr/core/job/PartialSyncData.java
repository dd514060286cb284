package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a partial sync copies ({@code progress.partial_sync_data}): one source table, and some of
 * its partitions or (empty lists) all of it.
 */
public record PartialSyncData(long tableId, String table, List<Long> partitionIds, List<String> partitions) {
    public PartialSyncData {
        requireNonNull(table, "table is null");
        partitionIds = List.copyOf(requireNonNull(partitionIds, "partitionIds is null"));
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    }

    public boolean isWholeTable() {
        return partitions.isEmpty() && partitionIds.isEmpty();
    }
}
