package dev.dorisccr.core.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A table as getMeta reports it. {@code type} is "" when the FE does not send it. */
public record TableMeta(long id, String name, boolean inTrash, String type, List<PartitionMeta> partitions) {
    public TableMeta {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    }

    public Optional<PartitionMeta> partition(long partitionId) {
        return partitions.stream().filter(p -> p.id() == partitionId).findFirst();
    }

    /** The non-temporary partition with this range text. */
    public Optional<PartitionMeta> partitionByRange(String range) {
        return partitions.stream().filter(p -> !p.temp() && p.range().equals(range)).findFirst();
    }
}
