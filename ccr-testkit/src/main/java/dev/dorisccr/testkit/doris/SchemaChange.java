package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.KeysType;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The column clauses of one ALTER TABLE (ADD COLUMN [(...)], DROP COLUMN, MODIFY COLUMN, ORDER BY)
 * as Doris's SchemaChangeHandler runs them: each clause is checked and applied to a copy of the
 * schema, then the whole is checked as createJob does (value columns after key columns, a key
 * left, partition and distribution columns neither dropped nor changed). With
 * {@code enable_light_schema_change} (the default, table property {@code light_schema_change})
 * adding or dropping value columns and making a VARCHAR longer are light: the schema changes at
 * once and MODIFY_TABLE_ADD_OR_DROP_COLUMNS is logged. Anything else is a schema change job with
 * a shadow index for every changed index ({@link AlterJobs}). Callers hold the state's monitor.
 */
final class SchemaChange {
    /** A column clause. */
    sealed interface Clause permits AddColumns, DropColumn, ModifyColumn, OrderBy {}

    /** FIRST, AFTER column, or neither ({@code after} empty and not first). */
    record Position(boolean first, String after) {
        static final Position NONE = new Position(false, "");

        boolean given() {
            return first || !after.isEmpty();
        }
    }

    /** ADD COLUMN c ... [FIRST | AFTER x], or ADD COLUMN (a ..., b ...) (no position). */
    record AddColumns(List<ColumnDef> columns, Position position) implements Clause {}

    /** DROP COLUMN c. */
    record DropColumn(String column) implements Clause {}

    /** MODIFY COLUMN c type ... [FIRST | AFTER x]. */
    record ModifyColumn(ColumnDef column, Position position) implements Clause {}

    /** ORDER BY (every column in the new order). */
    record OrderBy(List<String> columns) implements Clause {}

    private final SimState s;
    private final AlterJobs jobs;
    private final SimDatabase db;
    private final SimTable t;
    private final List<ColumnDef> cols;
    private final Map<String, List<String>> rollups = new LinkedHashMap<>();
    private final List<IndexDef> indexes;
    private final Set<String> retyped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final List<ColumnDef> added = new ArrayList<>();
    private boolean light;

    SchemaChange(SimState s, AlterJobs jobs, SimDatabase db, SimTable t) {
        this.s = s;
        this.jobs = jobs;
        this.db = db;
        this.t = t;
        this.cols = new ArrayList<>(t.def.columns());
        this.indexes = new ArrayList<>(t.def.indexes());
        t.indexes.stream().filter(i -> !i.base()).forEach(i -> rollups.put(i.name(), new ArrayList<>(i.columns())));
        this.light = !"false".equalsIgnoreCase(t.properties.getOrDefault("light_schema_change", "true"));
    }

    /** Checks and applies the clauses: at once when light, else through a schema change job. */
    void run(List<Clause> clauses, String rawSql) {
        AlterJobs.checkNormal(t);
        for (Clause c : clauses) {
            if (c instanceof AddColumns a) {
                add(a);
            } else if (c instanceof DropColumn d) {
                drop(d.column());
            } else if (c instanceof ModifyColumn m) {
                modify(m);
            } else if (c instanceof OrderBy o) {
                reorder(o.columns());
            }
        }
        check();
        if (light) {
            commit();
            Map<Long, List<String>> schema = new LinkedHashMap<>();
            t.indexes.forEach(i -> schema.put(i.id(), i.columns()));
            s.log(SimBinlog.MODIFY_TABLE_ADD_OR_DROP_COLUMNS, db, List.of(t), s.ddlTimestamp(),
                    seq -> s.payloads.addOrDropColumns(db.id, t.id, s.nextId(), schema, rawSql));
            return;
        }
        List<AlterJob.Shadow> shadows = new ArrayList<>();
        for (SimIndex idx : t.indexes) {
            List<String> now = idx.base() ? names(cols) : rollups.get(idx.name());
            boolean changed = idx.base() || !now.equals(idx.columns()) || idx.columns().stream().anyMatch(retyped::contains);
            if (changed) {
                shadows.add(new AlterJob.Shadow(s.nextId(), idx.id(), idx.name(), t.schemaVersion + 1));
            }
        }
        jobs.submit(new AlterJob(s.nextId(), AlterJob.Type.SCHEMA_CHANGE, db, t, rawSql, s.nowMs(), shadows, null,
                () -> finish(shadows)));
    }

    private void add(AddColumns a) {
        int at = -1;
        if (a.position().first()) {
            at = 0;
        } else if (!a.position().after().isEmpty()) {
            at = indexOf(a.position().after());
            if (at < 0) {
                throw SimException.analysis("Column[" + a.position().after() + "] does not found");
            }
            at++;
        }
        Set<String> seen = new HashSet<>();
        for (ColumnDef raw : a.columns()) {
            ColumnDef c = SchemaChangeRules.normalize(raw, t.def.keysType(), true);
            if (c.defaultValue().isEmpty() && !c.defaultNull() && !c.nullable() && !c.key()) {
                throw SimException.analysis("Can not add column which is NOT NULL and has no default value: " + c.name());
            }
            if (indexOf(c.name()) >= 0 || !seen.add(c.name().toLowerCase(java.util.Locale.ROOT))) {
                throw SimException.analysis("Can not add column which already exists in base table: " + c.name());
            }
            if (a.position().first() && !c.key()) {
                throw SimException.analysis("Cannot add value column[" + c.name() + "] at first");
            }
            if (c.key()) {
                light = false;
            }
            int pos = at >= 0 ? at++ : c.key() ? lastKey() + 1 : cols.size();
            cols.add(pos, c);
            added.add(c);
            if (c.key() && t.def.keysType() == KeysType.UNIQUE_KEYS) {
                rollups.values().forEach(r -> r.add(c.name())); // a unique key column goes into every index
            }
        }
    }

    private void drop(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw SimException.analysis("Column does not exists: " + name);
        }
        ColumnDef c = cols.get(i);
        KeysType keys = t.def.keysType();
        if (keys == KeysType.UNIQUE_KEYS && c.key()) {
            throw SimException.analysis("Can not drop key column in Unique data model table");
        }
        if (keys == KeysType.UNIQUE_KEYS && c.name().equalsIgnoreCase(t.properties.get("function_column.sequence_col"))) {
            throw SimException.analysis("Can not drop sequence mapping column[" + c.name()
                    + "] in Unique data model table[" + t.name + "]");
        }
        if (keys == KeysType.AGG_KEYS && c.key() && cols.stream().anyMatch(x -> x.aggregation().startsWith("REPLACE"))) {
            throw SimException.analysis("Can not drop key column when table has value column with REPLACE aggregation method");
        }
        for (Map.Entry<String, String> mv : t.materializedViews.entrySet()) {
            if (rollups.getOrDefault(mv.getKey(), List.of()).stream().anyMatch(x -> x.equalsIgnoreCase(c.name()))) {
                throw SimException.analysis("Can not drop column contained by mv, mv=" + mv.getKey());
            }
        }
        if (c.key()) {
            light = false;
        }
        cols.remove(i);
        indexes.removeIf(x -> x.columns().stream().anyMatch(y -> y.equalsIgnoreCase(c.name())));
        rollups.values().forEach(r -> r.removeIf(x -> x.equalsIgnoreCase(c.name())));
    }

    private void modify(ModifyColumn m) {
        int i = indexOf(m.column().name());
        if (i < 0) {
            throw SimException.analysis("Column[" + m.column().name() + "] does not exists");
        }
        ColumnDef old = cols.get(i);
        ColumnDef raw = m.column().withName(old.name());
        ColumnDef c = SchemaChangeRules.normalize(raw.comment().isEmpty() ? raw.withComment(old.comment()) : raw,
                t.def.keysType(), false);
        boolean typeChanged = !c.equals(old);
        if (typeChanged) {
            SchemaChangeRules.checkChange(old, c);
            if (t.def.keysType() == KeysType.UNIQUE_KEYS
                    && c.name().equalsIgnoreCase(t.properties.get("function_column.sequence_col"))) {
                throw SimException.analysis("Can not alter sequence column[" + c.name() + "]");
            }
            if (!SchemaChangeRules.family(old.type()).equals(SchemaChangeRules.family(c.type()))
                    || !old.type().equalsIgnoreCase(c.type())) {
                retyped.add(c.name());
            }
        }
        if (!(typeChanged && SchemaChangeRules.lightModify(old, c, m.position().given()))) {
            light = false;
        }
        if (!m.position().given()) {
            cols.set(i, c);
            return;
        }
        int last = -1;
        if (!m.position().first()) {
            last = indexOf(m.position().after());
            if (last < 0) {
                throw SimException.analysis("Column[" + m.position().after() + "] does not exists");
            }
            if (last == i) {
                throw SimException.analysis("Column[" + m.position().after() + "] modify position is invalid");
            }
        }
        cols.remove(i);
        cols.add(last < i ? last + 1 : last, c);
    }

    private void reorder(List<String> order) {
        List<ColumnDef> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String n : order) {
            int i = indexOf(n);
            if (i < 0) {
                throw SimException.analysis("Column[" + n + "] not exists");
            }
            if (!seen.add(n)) {
                throw SimException.analysis("Reduplicative column[" + n + "]");
            }
            out.add(cols.get(i));
        }
        if (out.size() != cols.size()) {
            throw SimException.analysis("Reorder stmt should contains all columns");
        }
        cols.clear();
        cols.addAll(out);
        light = false;
    }

    /** createJob's checks on the new base schema. */
    private void check() {
        if (cols.equals(t.def.columns()) && indexes.equals(t.def.indexes())) {
            throw SimException.analysis("Nothing is changed. please check your alter stmt.");
        }
        String index = "index[" + t.name + "]";
        boolean implicitKeys = t.def.keysType() == KeysType.DUP_KEYS && t.def.keyColumns().isEmpty();
        if (!implicitKeys) {
            boolean value = false;
            boolean key = false;
            for (ColumnDef c : cols) {
                if (c.key() && value) {
                    throw SimException.analysis("Invalid column order. value should be after key. " + index);
                }
                value |= !c.key();
                key |= c.key();
            }
            if (!key) {
                throw SimException.analysis("No key column left. " + index);
            }
        }
        List<String> distribution = t.def.distribution().columns();
        for (String p : t.def.partitionBy().columns()) {
            checkKept(p, "Partition", "partition", index);
        }
        for (String d : distribution) {
            checkKept(d, "Distribution", "distribution", index);
        }
    }

    private void checkKept(String name, String what, String lower, String index) {
        int i = indexOf(name);
        if (i < 0) {
            throw SimException.analysis(what + " column[" + name + "] cannot be dropped. " + index);
        }
        ColumnDef old = t.column(name).orElseThrow();
        ColumnDef now = cols.get(i);
        if (!now.type().equalsIgnoreCase(old.type()) || now.nullable() != old.nullable() || now.key() != old.key()
                || !now.aggregation().equals(old.aggregation())) {
            throw SimException.analysis("Can not modify " + lower + " column[" + name + "]. " + index);
        }
    }

    /** The new schema becomes the table's (new columns get unique ids; indexes keep their ids). */
    private void commit() {
        added.forEach(c -> t.columnIds.put(c.name(), t.nextColumnId++));
        List<String> keys = new ArrayList<>();
        cols.stream().filter(ColumnDef::key).forEach(c -> keys.add(c.name()));
        boolean implicitKeys = t.def.keysType() == KeysType.DUP_KEYS && t.def.keyColumns().isEmpty();
        t.def = new TableDef(t.name, cols, t.def.keysType(), implicitKeys ? List.of() : keys, t.def.comment(),
                t.def.partitionBy(), t.def.distribution(), t.def.rollups(), indexes, t.def.properties());
        t.columnIds.keySet().removeIf(n -> cols.stream().noneMatch(c -> c.name().equals(n)));
        for (int i = 0; i < t.indexes.size(); i++) {
            SimIndex idx = t.indexes.get(i);
            t.indexes.set(i, idx.withColumns(idx.base() ? names(cols) : rollups.get(idx.name())));
        }
        t.schemaVersion++;
    }

    /** The job finished: the shadow indexes replace their origins, holding the rows converted to the new types. */
    private void finish(List<AlterJob.Shadow> shadows) {
        Map<Integer, String[]> conversions = new LinkedHashMap<>();
        for (String n : retyped) {
            ColumnDef from = t.column(n).orElseThrow();
            ColumnDef to = cols.get(indexOf(n));
            conversions.put(t.columnIds.get(from.name()), new String[] {from.type(), to.type()});
        }
        for (AlterJob.Shadow sh : shadows) {
            SimIndex origin = t.indexById(sh.originId()).orElseThrow();
            SimIndex shadow = new SimIndex(sh.shadowId(), origin.name(), origin.columns(), origin.base());
            for (SimPartition p : t.allPartitions()) {
                IndexCopy.move(s, t, p, origin, shadow, conversions);
            }
            t.indexes.set(t.indexes.indexOf(origin), shadow);
        }
        commit();
    }

    private int indexOf(String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private int lastKey() {
        int last = -1;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).key()) {
                last = i;
            }
        }
        return last;
    }

    private static List<String> names(List<ColumnDef> cols) {
        List<String> out = new ArrayList<>();
        cols.forEach(c -> out.add(c.name()));
        return out;
    }

    static Optional<ColumnDef> find(List<ColumnDef> cols, String name) {
        return cols.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }
}
