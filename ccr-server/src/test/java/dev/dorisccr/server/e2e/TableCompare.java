package dev.dorisccr.server.e2e;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exact comparison a chaos suite ends with: for every source table, its target rows as a
 * multiset (missing: fewer copies on the target; extra: rows the source does not have; duplicated:
 * more copies of a source row), its columns and partitions, and for each database the set of
 * tables.
 *
 * @param tables tables compared
 * @param rows source rows compared
 * @param missing source rows the target lacks
 * @param extra target rows the source does not have
 * @param duplicated surplus copies of source rows on the target
 * @param shapeMismatches tables missing on the target, extra target tables, column or partition differences
 * @param details one line per difference (first few)
 */
record TableCompare(int tables, long rows, long missing, long extra, long duplicated, int shapeMismatches,
        List<String> details) {
    private static final int MAX_DETAILS = 20;

    boolean equal() {
        return missing == 0 && extra == 0 && duplicated == 0 && shapeMismatches == 0;
    }

    /** Compares {@code tables} ({database, table} pairs) of {@code src} with the same names on {@code dst}. */
    static TableCompare of(FakeDorisCluster src, FakeDorisCluster dst, List<String[]> tables) {
        int compared = 0;
        long rows = 0;
        long missing = 0;
        long extra = 0;
        long duplicated = 0;
        int shape = 0;
        List<String> details = new ArrayList<>();
        Set<String> dbs = new HashSet<>();
        for (String[] t : tables) {
            String db = t[0];
            String name = t[1];
            dbs.add(db);
            compared++;
            List<List<String>> s = src.rows(db, name);
            rows += s.size();
            if (!dst.tableExists(db, name)) {
                shape++;
                missing += s.size();
                note(details, db + "." + name + " missing on the target");
                continue;
            }
            Map<List<String>, Integer> want = multiset(s);
            Map<List<String>, Integer> got = multiset(dst.rows(db, name));
            for (var e : want.entrySet()) {
                int have = got.getOrDefault(e.getKey(), 0);
                if (have < e.getValue()) {
                    missing += e.getValue() - have;
                    note(details, db + "." + name + " missing " + e.getKey());
                } else if (have > e.getValue()) {
                    duplicated += have - e.getValue();
                    note(details, db + "." + name + " duplicated " + e.getKey() + " x" + have);
                }
            }
            for (var e : got.entrySet()) {
                if (!want.containsKey(e.getKey())) {
                    extra += e.getValue();
                    note(details, db + "." + name + " extra " + e.getKey());
                }
            }
            if (!src.tableDef(db, name).columns().equals(dst.tableDef(db, name).columns())) {
                shape++;
                note(details, db + "." + name + " columns differ");
            }
            if (!src.partitions(db, name).equals(dst.partitions(db, name))) {
                shape++;
                note(details, db + "." + name + " partitions " + dst.partitions(db, name) + " != "
                        + src.partitions(db, name));
            }
        }
        for (String db : dbs) {
            Set<String> s = new HashSet<>(src.tables(db));
            Set<String> d = new HashSet<>(dst.tables(db));
            if (!s.containsAll(d)) {
                d.removeAll(s);
                shape++;
                note(details, db + " has extra target tables " + d);
            }
        }
        return new TableCompare(compared, rows, missing, extra, duplicated, shape, List.copyOf(details));
    }

    private static Map<List<String>, Integer> multiset(List<List<String>> rows) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (List<String> row : rows) {
            m.merge(row, 1, Integer::sum);
        }
        return m;
    }

    private static void note(List<String> details, String line) {
        if (details.size() < MAX_DETAILS) {
            details.add(line);
        }
    }
}
