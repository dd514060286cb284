package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code CREATE TABLE} declares for an OLAP table.
 *
 * @param name table name
 * @param columns columns in order
 * @param keysType data model
 * @param keyColumns the KEY(...) columns (for a DUPLICATE table without KEY clause: Doris picks the
 *     leading columns; the parser leaves the list as declared or empty)
 * @param comment table comment, "" when none
 * @param partitionBy partitioning
 * @param distribution bucketing
 * @param rollups rollups declared with ROLLUP (...)
 * @param indexes secondary indexes
 * @param properties PROPERTIES in declaration order
 */
public record TableDef(String name, List<ColumnDef> columns, KeysType keysType, List<String> keyColumns, String comment,
        PartitionBy partitionBy, DistributionDesc distribution, List<RollupDef> rollups, List<IndexDef> indexes,
        Map<String, String> properties) {
    public TableDef {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(keysType, "keysType is null");
        keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
        requireNonNull(comment, "comment is null");
        requireNonNull(partitionBy, "partitionBy is null");
        requireNonNull(distribution, "distribution is null");
        rollups = List.copyOf(requireNonNull(rollups, "rollups is null"));
        indexes = List.copyOf(requireNonNull(indexes, "indexes is null"));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
    }

    public TableDef withName(String newName) {
        return new TableDef(newName, columns, keysType, keyColumns, comment, partitionBy, distribution, rollups, indexes,
                properties);
    }

    public TableDef withPartitionBy(PartitionBy p) {
        return new TableDef(name, columns, keysType, keyColumns, comment, p, distribution, rollups, indexes, properties);
    }

    public TableDef withDistribution(DistributionDesc d) {
        return new TableDef(name, columns, keysType, keyColumns, comment, partitionBy, d, rollups, indexes, properties);
    }

    public TableDef withRollups(List<RollupDef> r) {
        return new TableDef(name, columns, keysType, keyColumns, comment, partitionBy, distribution, r, indexes, properties);
    }

    public TableDef withIndexes(List<IndexDef> i) {
        return new TableDef(name, columns, keysType, keyColumns, comment, partitionBy, distribution, rollups, i, properties);
    }

    public TableDef withProperties(Map<String, String> p) {
        return new TableDef(name, columns, keysType, keyColumns, comment, partitionBy, distribution, rollups, indexes, p);
    }
}
