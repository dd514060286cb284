package dev.dorisccr.core.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A materialized index of a partition: the base index (named like the table) or a rollup/MV. */
public record IndexMeta(long id, String name, List<TabletMeta> tablets) {
    public IndexMeta {
        requireNonNull(name, "name is null");
        tablets = List.copyOf(requireNonNull(tablets, "tablets is null"));
    }
}
