package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code information_schema} views the engine can read: {@code tables}, and {@code
 * table_properties} unless the cluster imitates an FE without it. Callers hold the cluster lock.
 */
final class InformationSchema {
    private static final List<String> TABLES_COLUMNS = List.of("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME",
            "TABLE_TYPE", "ENGINE", "TABLE_COMMENT");
    /** Doris's SchemaTable "table_properties" (apache/doris#38746): one row per property of an OLAP table. */
    private static final List<String> TABLE_PROPERTIES_COLUMNS = List.of("TABLE_CATALOG", "TABLE_SCHEMA",
            "TABLE_NAME", "PROPERTY_NAME", "PROPERTY_VALUE");

    private InformationSchema() {}

    static QueryEngine.Table table(SimState s, Query.TableRef ref) {
        if (ref.table().equalsIgnoreCase("table_properties")) {
            s.tablePropertiesReads++; // counted where the FE has no such table too
        }
        boolean properties = s.tablePropertiesSchema && ref.table().equalsIgnoreCase("table_properties");
        if (!ref.table().equalsIgnoreCase("tables") && !properties) {
            throw SimException.analysis("Table [" + ref.table() + "] does not exist in database [information_schema].");
        }
        if (ref.partitions() != null) {
            throw SimException.analysis("Only OLAP table is support select by partition for now,Table: "
                    + ref.table() + " is not OLAP table");
        }
        return properties ? tableProperties(s, ref) : tables(s, ref);
    }

    private static QueryEngine.Table tables(SimState s, Query.TableRef ref) {
        List<Object[]> rows = new ArrayList<>();
        for (SimDatabase db : s.databases.values()) {
            for (SimTable t : db.tables.values()) {
                rows.add(new Object[] {"internal", db.name, t.name, t.view ? "VIEW" : "BASE TABLE",
                        t.view ? null : "Doris", t.view || t.def == null ? "" : t.def.comment()});
            }
        }
        return new QueryEngine.Table("information_schema", ref.table(), ref.alias(), TABLES_COLUMNS,
                varchars(TABLES_COLUMNS), rows);
    }

    /**
     * As Doris's MetadataGenerator fills it: OLAP tables only (views have no row), every database
     * read whole (a WHERE filters the rows afterwards), the values as SHOW CREATE TABLE prints them.
     */
    private static QueryEngine.Table tableProperties(SimState s, Query.TableRef ref) {
        List<Object[]> rows = new ArrayList<>();
        for (SimDatabase db : s.databases.values()) {
            for (SimTable t : db.tables.values()) {
                if (t.view || t.def == null) {
                    continue;
                }
                for (Map.Entry<String, String> p : TableProperties.ordered(t, false).entrySet()) {
                    rows.add(new Object[] {"internal", db.name, t.name, p.getKey(), p.getValue()});
                }
            }
        }
        return new QueryEngine.Table("information_schema", ref.table(), ref.alias(), TABLE_PROPERTIES_COLUMNS,
                varchars(TABLE_PROPERTIES_COLUMNS), rows);
    }

    private static List<SqlType> varchars(List<String> columns) {
        List<SqlType> types = new ArrayList<>();
        columns.forEach(c -> types.add(SqlType.VARCHAR));
        return types;
    }
}
