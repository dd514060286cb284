package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A secondary index: {@code INDEX name (cols) USING INVERTED|BITMAP|NGRAM_BF [PROPERTIES(...)] [COMMENT '...']}.
 */
public record IndexDef(String name, List<String> columns, String type, Map<String, String> properties, String comment) {
    public IndexDef {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(type, "type is null");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties, "properties is null")));
        requireNonNull(comment, "comment is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " has no columns");
        }
    }
}
