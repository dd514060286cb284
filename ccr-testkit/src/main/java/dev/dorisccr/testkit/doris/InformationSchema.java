package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.List;

/** The {@code information_schema} views the engine can read: {@code tables}. Callers hold the cluster lock. */
final class InformationSchema {
    private static final List<String> TABLES_COLUMNS = List.of("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME",
            "TABLE_TYPE", "ENGINE", "TABLE_COMMENT");

    private InformationSchema() {}

    static QueryEngine.Table table(SimState s, Query.TableRef ref) {
        if (!ref.table().equalsIgnoreCase("tables")) {
            throw SimException.analysis("Table [" + ref.table() + "] does not exist in database [information_schema].");
        }
        if (ref.partitions() != null) {
            throw SimException.analysis("Only OLAP table is support select by partition for now,Table: "
                    + ref.table() + " is not OLAP table");
        }
        List<Object[]> rows = new ArrayList<>();
        for (SimDatabase db : s.databases.values()) {
            for (SimTable t : db.tables.values()) {
                rows.add(new Object[] {"internal", db.name, t.name, t.view ? "VIEW" : "BASE TABLE",
                        t.view ? null : "Doris", t.view || t.def == null ? "" : t.def.comment()});
            }
        }
        List<SqlType> types = new ArrayList<>();
        TABLES_COLUMNS.forEach(c -> types.add(SqlType.VARCHAR));
        return new QueryEngine.Table("information_schema", ref.table(), ref.alias(), TABLES_COLUMNS, types, rows);
    }
}
