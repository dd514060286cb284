package dev.dorisccr.core.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A database as getMeta reports it, with the objects the FE knows were dropped (from binlogs not
 * yet collected): the syncer skips binlogs that touch them instead of failing.
 */
public record DbMeta(long id, String name, List<TableMeta> tables, Set<Long> droppedPartitions,
        Set<Long> droppedTables, Set<Long> droppedIndexes) {
    public DbMeta {
        requireNonNull(name, "name is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        droppedPartitions = Set.copyOf(requireNonNull(droppedPartitions, "droppedPartitions is null"));
        droppedTables = Set.copyOf(requireNonNull(droppedTables, "droppedTables is null"));
        droppedIndexes = Set.copyOf(requireNonNull(droppedIndexes, "droppedIndexes is null"));
    }

    public Optional<TableMeta> table(long tableId) {
        return tables.stream().filter(t -> t.id() == tableId).findFirst();
    }
}
