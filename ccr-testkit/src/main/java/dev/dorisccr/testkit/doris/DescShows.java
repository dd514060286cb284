package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.Column;
import dev.dorisccr.testkit.mysql.QueryResult;
import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.KeysType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Schema introspection as Doris answers it: {@code SHOW [FULL] COLUMNS}, {@code DESC t [ALL]},
 * {@code SHOW INDEX(ES)}, {@code SHOW [FULL] TABLES [LIKE]}, {@code SHOW VIEW FROM t}, with the
 * column names of Doris's ShowColumnStmt, IndexSchemaProcNode / DescribeStmt, ShowIndexStmt,
 * ShowTableStmt and ShowViewStmt.
 */
final class DescShows {
    private final ClusterCore core;

    DescShows(ClusterCore core) {
        this.core = core;
    }

    private static QueryResult table(List<String> columns, List<List<String>> rows) {
        List<Column> cols = new ArrayList<>();
        columns.forEach(c -> cols.add(Column.varchar(c)));
        return new QueryResult.ResultSet(cols, rows);
    }

    /** {@code SHOW [FULL] COLUMNS|FIELDS FROM|IN t [FROM|IN db] [LIKE 'p']}, after SHOW [FULL]. */
    QueryResult columns(SqlCursor c, boolean full, String currentDb) {
        if (!c.acceptWord("FROM")) {
            c.word("IN");
        }
        String[] n = c.qualifiedName();
        if (c.acceptWord("FROM") || c.acceptWord("IN")) {
            n = new String[] {c.name(), n[1]};
        }
        Pattern like = c.acceptWord("LIKE") ? SqlEval.like(c.string()) : null;
        c.expectEnd();
        String[] name = n;
        return core.locked(() -> {
            SimDatabase db = core.s.db(SimSqlHandler.dbOf(name, currentDb));
            SimTable t = core.s.table(db, name[1]);
            List<List<String>> rows = new ArrayList<>();
            for (ColumnDef col : columnsOf(db, t)) {
                if (like != null && !like.matcher(col.name()).matches()) {
                    continue;
                }
                String nul = col.nullable() ? "YES" : "NO";
                String key = isKey(t, col) ? "YES" : "NO";
                String dflt = col.defaultValue().orElse(null);
                String extra = extra(t, col);
                rows.add(full ? Arrays.asList(col.name(), col.type(), "", nul, key, dflt, extra, "", col.comment())
                        : Arrays.asList(col.name(), col.type(), nul, key, dflt, extra));
            }
            return full ? table(List.of("Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges",
                    "Comment"), rows) : table(List.of("Field", "Type", "Null", "Key", "Default", "Extra"), rows);
        });
    }

    /** {@code DESC|DESCRIBE [db.]t [ALL]}. */
    QueryResult describe(SqlCursor c, String currentDb) {
        String[] n = c.qualifiedName();
        boolean all = c.acceptWord("ALL");
        c.expectEnd();
        return core.locked(() -> {
            SimDatabase db = core.s.db(SimSqlHandler.dbOf(n, currentDb));
            SimTable t = core.s.table(db, n[1]);
            if (!all || t.view) {
                List<List<String>> rows = new ArrayList<>();
                for (ColumnDef col : columnsOf(db, t)) {
                    rows.add(Arrays.asList(col.name(), col.type(), col.nullable() ? "Yes" : "No",
                            Boolean.toString(isKey(t, col)), col.defaultValue().orElse(null), extra(t, col)));
                }
                return table(List.of("Field", "Type", "Null", "Key", "Default", "Extra"), rows);
            }
            List<String> names = List.of("IndexName", "IndexKeysType", "Field", "Type", "InternalType", "Null", "Key",
                    "Default", "Extra", "Visible", "DefineExpr", "WhereClause");
            List<List<String>> rows = new ArrayList<>();
            List<SimIndex> indexes = new ArrayList<>();
            t.indexes.stream().filter(SimIndex::base).forEach(indexes::add);
            t.indexes.stream().filter(i -> !i.base()).forEach(indexes::add);
            for (int i = 0; i < indexes.size(); i++) {
                SimIndex index = indexes.get(i);
                List<ColumnDef> cols = index.base() ? t.def.columns()
                        : index.columns().stream().map(x -> t.column(x).orElse(ColumnDef.of(x, "VARCHAR(1)"))).toList();
                for (int j = 0; j < cols.size(); j++) {
                    ColumnDef col = cols.get(j);
                    rows.add(Arrays.asList(j == 0 ? index.name() : "", j == 0 ? t.def.keysType().name() : "",
                            col.name(), col.type(), col.type(), col.nullable() ? "Yes" : "No",
                            Boolean.toString(isKey(t, col)), col.defaultValue().orElse(null), extra(t, col), "true", "",
                            ""));
                }
                if (i != indexes.size() - 1) {
                    rows.add(java.util.Collections.nCopies(names.size(), ""));
                }
            }
            return table(names, rows);
        });
    }

    /** {@code SHOW INDEX|INDEXES|KEYS FROM|IN t [FROM|IN db]}, after the keyword. */
    QueryResult indexes(SqlCursor c, String currentDb) {
        if (!c.acceptWord("FROM")) {
            c.word("IN");
        }
        String[] n = c.qualifiedName();
        if (c.acceptWord("FROM") || c.acceptWord("IN")) {
            n = new String[] {c.name(), n[1]};
        }
        c.expectEnd();
        String[] name = n;
        return core.locked(() -> {
            String db = SimSqlHandler.dbOf(name, currentDb);
            SimTable t = core.s.olapTable(core.s.db(db), name[1]);
            List<List<String>> rows = new ArrayList<>();
            for (IndexDef i : t.def.indexes()) {
                List<String> props = new ArrayList<>();
                i.properties().forEach((k, v) -> props.add("\"" + k + "\" = \"" + v + "\""));
                rows.add(List.of(db + "." + t.name, "", i.name(), "", String.join(",", i.columns()), "", "", "", "", "",
                        i.type().toUpperCase(Locale.ROOT), i.comment(),
                        props.isEmpty() ? "" : "(" + String.join(", ", props) + ")"));
            }
            return table(List.of("Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation",
                    "Cardinality", "Sub_part", "Packed", "Null", "Index_type", "Comment", "Properties"), rows);
        });
    }

    /** {@code SHOW [FULL] TABLES [FROM|IN db] [LIKE 'p']}, after TABLES. */
    QueryResult tables(SqlCursor c, boolean full, String currentDb) {
        String db = c.acceptWord("FROM") || c.acceptWord("IN") ? c.name() : SimSqlHandler.dbOf(new String[] {"", ""},
                currentDb);
        Pattern like = c.acceptWord("LIKE") ? SqlEval.like(c.string()) : null;
        c.expectEnd();
        return core.locked(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (SimTable t : core.s.db(db).tables.values()) {
                if (like != null && !like.matcher(t.name).matches()) {
                    continue;
                }
                rows.add(full ? List.of(t.name, t.view ? "VIEW" : "BASE TABLE") : List.of(t.name));
            }
            rows.sort((a, b) -> a.get(0).compareTo(b.get(0)));
            return full ? table(List.of("Tables_in_" + db, "Table_type"), rows) : table(List.of("Tables_in_" + db), rows);
        });
    }

    /** {@code SHOW VIEW FROM|IN [db.]t [FROM|IN db]}: the views of the database that read {@code t}. */
    QueryResult views(SqlCursor c, String currentDb) {
        if (!c.acceptWord("FROM")) {
            c.word("IN");
        }
        String[] n = c.qualifiedName();
        if (c.acceptWord("FROM") || c.acceptWord("IN")) {
            n = new String[] {c.name(), n[1]};
        }
        c.expectEnd();
        String[] name = n;
        return core.locked(() -> {
            SimDatabase db = core.s.db(SimSqlHandler.dbOf(name, currentDb));
            SimTable base = core.s.olapTable(db, name[1]);
            Pattern reads = Pattern.compile("(?i)(?:^|[^A-Za-z0-9_$])`?" + Pattern.quote(base.name) + "`?(?:$|[^A-Za-z0-9_$])");
            List<List<String>> rows = new ArrayList<>();
            for (SimTable v : db.tables.values()) {
                if (v.view && reads.matcher(fromClause(v.viewQuery)).find()) {
                    rows.add(List.of(v.name, "CREATE VIEW " + DorisText.q(v.name) + " AS " + v.viewQuery));
                }
            }
            return table(List.of("View", "Create View"), rows);
        });
    }

    /** The text after the first FROM of a view's query (the tables it reads, and what follows). */
    private static String fromClause(String query) {
        java.util.regex.Matcher m = Pattern.compile("(?i)\\bFROM\\b").matcher(query);
        return m.find() ? query.substring(m.end()) : "";
    }

    /** A table's columns; a view's are its query's output, nullable and not keys, typed as the query types them. */
    private List<ColumnDef> columnsOf(SimDatabase db, SimTable t) {
        if (!t.view) {
            return t.def.columns();
        }
        java.time.LocalDateTime now = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(core.s.nowMs()),
                java.time.ZoneOffset.UTC);
        QueryEngine.Table out = new QueryEngine(core.s, core.data, new SqlFunctions.Session(db.name, now,
                java.util.Map.of())).execute(Query.parse(new SqlCursor(t.viewQuery)), 1);
        List<ColumnDef> cols = new ArrayList<>();
        for (int i = 0; i < out.columns().size(); i++) {
            String name = out.columns().get(i);
            cols.add(new ColumnDef(name, described(out.types().get(i)), true, false, "", java.util.Optional.empty(), false,
                    t.viewColumnComments.getOrDefault(name, "")));
        }
        return cols;
    }

    /** A query type as IndexSchemaProcNode prints it (DATE, DATETIME(p), DECIMAL(p, s) for the V2/V3 types). */
    private static String described(SqlType type) {
        return switch (type.kind()) {
            case DATE -> "DATE";
            case DATETIME -> type.precision() > 0 ? "DATETIME(" + type.precision() + ")" : "DATETIME";
            case DECIMAL -> type.scale() > 0 && type.precision() != 9
                    ? "DECIMAL(" + type.precision() + ", " + type.scale() + ")" : "DECIMAL";
            default -> type.sql();
        };
    }

    private static boolean isKey(SimTable t, ColumnDef c) {
        return !t.view && (c.key() || t.def.keyColumns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name())));
    }

    /** Doris's Extra: the aggregation of a value column (NONE in DUPLICATE, REPLACE in UNIQUE tables). */
    private static String extra(SimTable t, ColumnDef c) {
        if (t.view || isKey(t, c)) {
            return "";
        }
        if (!c.aggregation().isEmpty()) {
            return c.aggregation().toUpperCase(Locale.ROOT);
        }
        return t.def.keysType() == KeysType.UNIQUE_KEYS ? "REPLACE" : t.def.keysType() == KeysType.DUP_KEYS ? "NONE" : "";
    }
}
