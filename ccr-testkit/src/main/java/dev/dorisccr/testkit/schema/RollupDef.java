package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A rollup (materialized index) of an OLAP table: {@code name (cols)}. */
public record RollupDef(String name, List<String> columns) {
    public RollupDef {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("rollup " + name + " has no columns");
        }
    }
}
