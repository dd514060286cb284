package dev.dorisccr.testkit.replication;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A target compared with its source on two simulated clusters, the check every replication test
 * ends with. Per table: the same rows (as a multiset, and the same checksum), columns, key model
 * and key columns, partitions (names, in order), distribution, and the target marked {@code
 * is_being_synced}; per database also the same tables and views. It reports, it does not throw:
 * {@link ReplicationAssertions} turns a difference into a test failure, the demo prints {@link
 * #lines()}.
 *
 * @param lines one readable line per check: {@code "ok   t: 3 rows, ..."} or {@code "DIFF t: ... --
 *     differs: ..."}
 * @param differences what differs, each naming its table and showing both sides; empty when it holds
 */
public record ReplicaComparison(List<String> lines, List<String> differences) {
    /** Rows shown per side when rows differ. */
    static final int ROWS_SHOWN = 5;

    public ReplicaComparison {
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        differences = List.copyOf(requireNonNull(differences, "differences is null"));
    }

    /** Whether every check held. */
    public boolean holds() {
        return differences.isEmpty();
    }

    /** Database {@code dstDb} on {@code dst} against {@code srcDb} on {@code src}: its tables, views and each table. */
    public static ReplicaComparison database(FakeDorisCluster src, String srcDb, FakeDorisCluster dst, String dstDb) {
        List<String> lines = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        TreeSet<String> s = new TreeSet<>(src.tables(srcDb));
        TreeSet<String> d = new TreeSet<>(dst.tables(dstDb));
        boolean sameTables = s.equals(d);
        lines.add((sameTables ? "ok  " : "DIFF") + " tables: source " + s + ", target " + d);
        if (!sameTables) {
            diffs.add("tables of " + dstDb + ": source " + s + ", target " + d);
        }
        for (String t : s) {
            if (!d.contains(t)) {
                continue;
            }
            if (src.isView(srcDb, t)) {
                boolean view = dst.isView(dstDb, t);
                lines.add((view ? "ok  " : "DIFF") + " " + t + ": view");
                if (!view) {
                    diffs.add(dstDb + "." + t + ": a view on the source, a table on the target");
                }
                continue;
            }
            compareTable(src, srcDb, t, dst, dstDb, t, lines, diffs);
        }
        return new ReplicaComparison(lines, diffs);
    }

    /** Table {@code dstDb.dstTable} on {@code dst} against {@code srcDb.srcTable} on {@code src}. */
    public static ReplicaComparison table(FakeDorisCluster src, String srcDb, String srcTable, FakeDorisCluster dst,
            String dstDb, String dstTable) {
        List<String> lines = new ArrayList<>();
        List<String> diffs = new ArrayList<>();
        if (!dst.tableExists(dstDb, dstTable)) {
            lines.add("DIFF " + dstTable + ": missing on the target");
            diffs.add(dstDb + "." + dstTable + ": missing on the target");
        } else {
            compareTable(src, srcDb, srcTable, dst, dstDb, dstTable, lines, diffs);
        }
        return new ReplicaComparison(lines, diffs);
    }

    private static void compareTable(FakeDorisCluster src, String srcDb, String srcTable, FakeDorisCluster dst,
            String dstDb, String dstTable, List<String> lines, List<String> diffs) {
        String where = dstDb + "." + dstTable;
        List<String> mine = new ArrayList<>();
        List<List<String>> srcRows = src.rows(srcDb, srcTable);
        List<List<String>> dstRows = dst.rows(dstDb, dstTable);
        Map<List<String>, Integer> missing = counts(srcRows);
        Map<List<String>, Integer> extra = counts(dstRows);
        subtract(missing, counts(dstRows));
        subtract(extra, counts(srcRows));
        if (!missing.isEmpty() || !extra.isEmpty()) {
            mine.add("rows " + srcRows.size() + " vs " + dstRows.size());
            diffs.add(where + ": rows: " + srcRows.size() + " on the source, " + dstRows.size()
                    + " on the target; missing on the target " + shown(missing) + "; extra on the target "
                    + shown(extra));
        } else if (!src.checksum(srcDb, srcTable).equals(dst.checksum(dstDb, dstTable))) {
            mine.add("checksum");
            diffs.add(where + ": same rows but another checksum");
        }
        TableDef a = src.tableDef(srcDb, srcTable);
        TableDef b = dst.tableDef(dstDb, dstTable);
        if (!a.columns().equals(b.columns())) {
            mine.add("columns");
            diffs.add(where + ": columns: source " + a.columns() + ", target " + b.columns());
        }
        if (a.keysType() != b.keysType() || !a.keyColumns().equals(b.keyColumns())) {
            mine.add("keys");
            diffs.add(where + ": keys: source " + a.keysType() + " " + a.keyColumns() + ", target " + b.keysType()
                    + " " + b.keyColumns());
        }
        List<String> sp = src.partitions(srcDb, srcTable);
        List<String> dp = dst.partitions(dstDb, dstTable);
        if (!sp.equals(dp)) {
            mine.add("partitions " + sp + " vs " + dp);
            diffs.add(where + ": partitions: source " + sp + ", target " + dp);
        }
        if (!Objects.equals(a.distribution(), b.distribution())) {
            mine.add("distribution");
            diffs.add(where + ": distribution: source " + a.distribution() + ", target " + b.distribution());
        }
        String synced = dst.tableProperties(dstDb, dstTable).get("is_being_synced");
        if (!"true".equals(synced)) {
            mine.add("target not marked is_being_synced");
            diffs.add(where + ": is_being_synced is " + synced + " on the target, not true");
        }
        lines.add((mine.isEmpty() ? "ok  " : "DIFF") + " " + dstTable + ": " + srcRows.size() + " rows, "
                + a.columns().size() + " columns, partitions " + sp
                + (mine.isEmpty() ? ", is_being_synced" : " -- differs: " + String.join(", ", mine)));
    }

    private static Map<List<String>, Integer> counts(List<List<String>> rows) {
        Map<List<String>, Integer> m = new HashMap<>();
        rows.forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }

    private static void subtract(Map<List<String>, Integer> from, Map<List<String>, Integer> other) {
        other.forEach((row, n) -> from.computeIfPresent(row, (k, v) -> v > n ? v - n : null));
    }

    private static String shown(Map<List<String>, Integer> rows) {
        List<String> out = new ArrayList<>();
        rows.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
                .limit(ROWS_SHOWN).forEach(e -> out.add(e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : "")));
        int total = rows.values().stream().mapToInt(Integer::intValue).sum();
        return out + (rows.size() > ROWS_SHOWN ? " (" + total + " rows in all)" : "");
    }
}
