package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.KeysType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Merge-on-write partial column updates ({@code SET enable_unique_key_partial_update = true} then
 * {@code INSERT INTO t (k, c1) ...}) as Doris 2.1 / 3.0 run them. The FE (InsertUtils.normalizePlan)
 * ignores the variable on tables that are not merge-on-write unique tables, and for an INSERT
 * without a column list or naming every column; it refuses a list that misses a key column
 * ({@code Partial update should include all key columns, missing: k}) and a table with a sync
 * materialized view. The BE fills each row's unnamed columns from the visible row of the same key
 * and writes whole rows, so the rowset a binlog points at carries complete rows and an ingest on
 * the target reproduces the same visible rows. A key that is not in the table is refused in strict
 * mode ({@code enable_insert_strict}, the default); otherwise the row is inserted with the defaults
 * of the unnamed columns, each of which must have a default or be nullable.
 */
final class PartialUpdate {
    private PartialUpdate() {}

    static boolean flag(SqlFunctions.Session session, String name, boolean dflt) {
        String v = session.variables().get(name);
        if (v == null) {
            return dflt;
        }
        return v.equals("1") || v.equalsIgnoreCase("true");
    }

    /** Whether this INSERT is a partial update; refuses the lists Doris refuses. */
    static boolean applies(SimTable t, List<String> cols, List<ColumnDef> targets, SqlFunctions.Session session) {
        if (!flag(session, "enable_unique_key_partial_update", false) || t.def.keysType() != KeysType.UNIQUE_KEYS
                || !t.mergeOnWrite() || cols == null) {
            return false;
        }
        if (!t.materializedViews.isEmpty()) {
            throw SimException.analysis("Can't do partial update on merge-on-write Unique table with sync"
                    + " materialized view.");
        }
        boolean missing = false;
        for (ColumnDef col : t.def.columns()) {
            boolean named = targets.stream().anyMatch(x -> x.name().equalsIgnoreCase(col.name()));
            if (isKey(t, col) && !named) {
                throw SimException.analysis("Partial update should include all key columns, missing: " + col.name());
            }
            missing |= !named;
        }
        return missing;
    }

    private static boolean isKey(SimTable t, ColumnDef col) {
        return col.key() || t.def.keyColumns().stream().anyMatch(k -> k.equalsIgnoreCase(col.name()));
    }

    /**
     * The rows to write: each named row completed from the current visible row of its key (or from an
     * earlier row of the same statement), new keys as the strict mode says. Checked before anything
     * is written.
     */
    static List<Map<String, String>> fill(DataOps data, SimTable t, List<Map<String, String>> rows,
            SqlFunctions.Session session, Function<ColumnDef, String> defaults) {
        List<ColumnDef> columns = t.def.columns();
        Map<List<String>, Map<String, String>> current = new HashMap<>();
        for (List<String> r : data.rows(t)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i).name(), r.get(i));
            }
            current.put(key(t, row), row);
        }
        boolean strict = flag(session, "enable_insert_strict", true);
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> given : rows) {
            List<String> key = key(t, given);
            Map<String, String> old = current.get(key);
            Map<String, String> full = new LinkedHashMap<>();
            for (ColumnDef col : columns) {
                if (given.containsKey(col.name())) {
                    full.put(col.name(), given.get(col.name()));
                } else if (old != null) {
                    full.put(col.name(), old.get(col.name()));
                } else if (strict) {
                    throw new SimException("ANALYSIS_ERROR", 5025, "Insert has filtered data in strict mode. a partial"
                            + " update in strict mode cannot insert the new key " + key + " (SET enable_insert_strict ="
                            + " false allows it)");
                } else if (col.defaultValue().isPresent() || col.defaultNull() || col.nullable()) {
                    full.put(col.name(), defaults.apply(col));
                } else {
                    throw SimException.analysis("the unmentioned columns should have default value or be nullable for"
                            + " newly inserted rows in non-strict mode partial update, column: " + col.name());
                }
            }
            if (given.containsKey(Rows.DELETE_SIGN)) {
                full.put(Rows.DELETE_SIGN, given.get(Rows.DELETE_SIGN));
                current.remove(key);
            } else {
                current.put(key, full);
            }
            out.add(full);
        }
        return out;
    }

    private static List<String> key(SimTable t, Map<String, String> row) {
        List<String> key = new ArrayList<>();
        for (ColumnDef col : t.def.columns()) {
            if (isKey(t, col)) {
                key.add(row.get(col.name()));
            }
        }
        return key;
    }
}
