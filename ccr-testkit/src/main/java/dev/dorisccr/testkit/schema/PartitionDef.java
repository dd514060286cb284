package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * One declared partition.
 *
 * @param name partition name
 * @param values its bounds or items
 * @param temporary a temporary partition
 * @param properties the partition's own properties ({@code "version_info"}, {@code "replication_num"}...)
 */
public record PartitionDef(String name, PartitionValues values, boolean temporary, Map<String, String> properties) {
    public PartitionDef {
        requireNonNull(name, "name is null");
        requireNonNull(values, "values is null");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("partition name is empty");
        }
    }
}
