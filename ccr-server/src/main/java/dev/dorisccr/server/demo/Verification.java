package dev.dorisccr.server.demo;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The target database compared with the source, table by table: the same tables and views; per
 * table the same rows (as a multiset), columns, key model and key columns, partitions and
 * distribution, and the target marked {@code is_being_synced}.
 *
 * @param lines one line per table and check, readable
 * @param holds every check held
 */
public record Verification(List<String> lines, boolean holds) {
    public Verification {
        lines = List.copyOf(lines);
    }

    /** Compares {@code dstDb} on {@code dst} with {@code srcDb} on {@code src}. */
    public static Verification compare(FakeDorisCluster src, FakeDorisCluster dst, String srcDb, String dstDb) {
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        TreeSet<String> s = new TreeSet<>(src.tables(srcDb));
        TreeSet<String> d = new TreeSet<>(dst.tables(dstDb));
        boolean sameTables = s.equals(d);
        ok &= sameTables;
        lines.add((sameTables ? "ok  " : "DIFF") + " tables: source " + s + ", target " + d);
        for (String t : s) {
            if (!d.contains(t)) {
                continue;
            }
            if (src.isView(srcDb, t)) {
                boolean view = dst.isView(dstDb, t);
                ok &= view;
                lines.add((view ? "ok  " : "DIFF") + " " + t + ": view");
                continue;
            }
            List<String> diffs = new ArrayList<>();
            List<List<String>> srcRows = src.rows(srcDb, t);
            List<List<String>> dstRows = dst.rows(dstDb, t);
            if (!counts(srcRows).equals(counts(dstRows))) {
                diffs.add("rows " + srcRows.size() + " vs " + dstRows.size());
            }
            TableDef a = src.tableDef(srcDb, t);
            TableDef b = dst.tableDef(dstDb, t);
            if (!a.columns().equals(b.columns())) {
                diffs.add("columns");
            }
            if (a.keysType() != b.keysType() || !a.keyColumns().equals(b.keyColumns())) {
                diffs.add("keys");
            }
            if (!src.partitions(srcDb, t).equals(dst.partitions(dstDb, t))) {
                diffs.add("partitions " + src.partitions(srcDb, t) + " vs " + dst.partitions(dstDb, t));
            }
            if (!Objects.equals(a.distribution(), b.distribution())) {
                diffs.add("distribution");
            }
            if (!"true".equals(dst.tableProperties(dstDb, t).get("is_being_synced"))) {
                diffs.add("target not marked is_being_synced");
            }
            ok &= diffs.isEmpty();
            lines.add((diffs.isEmpty() ? "ok  " : "DIFF") + " " + t + ": " + srcRows.size() + " rows, "
                    + a.columns().size() + " columns, partitions " + src.partitions(srcDb, t)
                    + (diffs.isEmpty() ? ", is_being_synced" : " -- differs: " + String.join(", ", diffs)));
        }
        return new Verification(lines, ok);
    }

    private static Map<List<String>, Integer> counts(List<List<String>> rows) {
        Map<List<String>, Integer> m = new HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }
}
