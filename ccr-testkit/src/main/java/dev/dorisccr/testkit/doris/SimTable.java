package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table or a view in the catalog. The declared shape is {@link #def} (replaced on schema
 * changes); columns carry unique ids so rows survive renames. Guarded by the cluster lock.
 */
final class SimTable {
    final long id;
    String name;
    TableDef def;
    final boolean view;
    String viewQuery;
    /** A view's COMMENT ("" when none). */
    String viewComment = "";
    /** A view's column comments by output name (from its column list). */
    final Map<String, String> viewColumnComments = new LinkedHashMap<>();
    final Map<String, Integer> columnIds = new LinkedHashMap<>();
    int nextColumnId;
    final List<SimIndex> indexes = new ArrayList<>();
    final Map<String, SimPartition> partitions = new LinkedHashMap<>();
    final Map<String, SimPartition> tempPartitions = new LinkedHashMap<>();
    final Map<String, String> properties = new LinkedHashMap<>();
    /** Partitions dropped without FORCE, newest last: RECOVER PARTITION brings them back. */
    final List<SimPartition> recycledPartitions = new ArrayList<>();
    /** NORMAL, or SCHEMA_CHANGE / ROLLUP while an alter job runs. */
    String state = "NORMAL";
    /** Bumped by every schema change (light or heavy), as Doris's index schema version. */
    int schemaVersion;
    /** Sync materialized views (rollup-like indexes) by name: their defining SELECT. */
    final Map<String, String> materializedViews = new LinkedHashMap<>();
    /** Inverted index name -> partitions BUILD INDEX has finished on. */
    final Map<String, java.util.Set<String>> builtIndexes = new LinkedHashMap<>();

    SimTable(long id, String name, TableDef def) {
        this.id = id;
        this.name = name;
        this.def = def;
        this.view = false;
        for (ColumnDef c : def.columns()) {
            columnIds.put(c.name(), nextColumnId++);
        }
        properties.putAll(def.properties());
    }

    SimTable(long id, String name, String viewQuery) {
        this.id = id;
        this.name = name;
        this.def = null;
        this.view = true;
        this.viewQuery = viewQuery;
    }

    SimIndex baseIndex() {
        return indexes.get(0);
    }

    Optional<SimIndex> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    Optional<SimIndex> indexById(long indexId) {
        return indexes.stream().filter(i -> i.id() == indexId).findFirst();
    }

    Optional<SimPartition> partitionById(long pid) {
        return allPartitions().stream().filter(p -> p.id == pid).findFirst();
    }

    List<SimPartition> allPartitions() {
        List<SimPartition> out = new ArrayList<>(partitions.values());
        out.addAll(tempPartitions.values());
        return out;
    }

    Optional<ColumnDef> column(String columnName) {
        return def.columns().stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    /**
     * A unique table writes merge-on-write unless created with {@code enable_unique_key_merge_on_write
     * = false} (the default since Doris 2.1).
     */
    boolean mergeOnWrite() {
        return !view && def.keysType() == dev.dorisccr.testkit.schema.KeysType.UNIQUE_KEYS
                && !"false".equalsIgnoreCase(properties.get("enable_unique_key_merge_on_write"));
    }

    /** {@code enable_mow_light_delete}: DELETE on a merge-on-write table writes delete conditions. */
    boolean mowLightDelete() {
        return "true".equalsIgnoreCase(properties.get("enable_mow_light_delete"));
    }

    /** {@code function_column.sequence_col}: the column whose value is the row's sequence value, or null. */
    String sequenceMapColumn() {
        return view ? null : properties.get(SequenceColumns.SEQUENCE_COL);
    }

    /** A unique table with a sequence column (mapped to a column, or only the hidden one of {@code sequence_type}). */
    boolean hasSequence() {
        return !view && (properties.containsKey(SequenceColumns.SEQUENCE_COL)
                || properties.containsKey(SequenceColumns.SEQUENCE_TYPE));
    }

    boolean binlogEnabled() {
        return "true".equalsIgnoreCase(properties.get("binlog.enable"));
    }

    boolean beingSynced() {
        return "true".equalsIgnoreCase(properties.get("is_being_synced"));
    }

    String type() {
        return view ? "VIEW" : "OLAP";
    }
}
