package dev.dorisccr.core.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A partition as getMeta reports it. {@code range} is FE's printed range or list key; the syncer
 * matches source and target partitions by it, as the Go syncer does.
 */
public record PartitionMeta(long id, String name, String key, String range, long visibleVersion, boolean temp,
        List<IndexMeta> indexes) {
    public PartitionMeta {
        requireNonNull(name, "name is null");
        requireNonNull(key, "key is null");
        requireNonNull(range, "range is null");
        indexes = List.copyOf(requireNonNull(indexes, "indexes is null"));
    }

    public Optional<IndexMeta> index(long indexId) {
        return indexes.stream().filter(i -> i.id() == indexId).findFirst();
    }

    public Optional<IndexMeta> indexNamed(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
