package dev.dorisccr.core.mapping;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What an UPSERT binlog says about one partition: it reached {@code version}, in these indexes.
 *
 * @param partitionId source partition id
 * @param range the partition's range/list text, as getMeta prints it
 * @param version the partition version the load produced
 * @param temp a temporary partition (not replicated by ingest)
 * @param indexIds source index ids the load wrote
 */
public record PartitionUpsert(long partitionId, String range, long version, boolean temp, List<Long> indexIds) {
    public PartitionUpsert {
        requireNonNull(range, "range is null");
        indexIds = List.copyOf(requireNonNull(indexIds, "indexIds is null"));
    }
}
