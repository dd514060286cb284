package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The joins of the query engine: {@code [INNER] JOIN ... ON}, {@code LEFT / RIGHT / FULL [OUTER]
 * JOIN ... ON}, {@code CROSS JOIN} and {@code t1, t2}, as nested loops over the visible rows; the
 * joined relation keeps each column's source so qualifiers resolve (and ambiguity is found) as in Doris.
 */
final class Joins {
    private Joins() {}

    /** A nested-loop join; LEFT / RIGHT / FULL keep unmatched rows of their side(s) with NULLs on the other. */
    static QueryEngine.Table join(QueryEngine engine, QueryEngine.Table left, QueryEngine.Table right,
            Query.Join j) {
        QueryEngine.Source added = right.sources().isEmpty() ? null : right.sources().get(0);
        String name = added == null ? "" : added.alias().isEmpty() ? added.name() : added.alias();
        for (QueryEngine.Source src : left.sources()) {
            if (name.equals(src.alias().isEmpty() ? src.name() : src.alias())) {
                throw new SimException("ANALYSIS_ERROR", 1066, "Not unique table/alias: '" + name + "'");
            }
        }
        List<String> columns = new ArrayList<>(left.columns());
        columns.addAll(right.columns());
        List<SqlType> types = new ArrayList<>(left.types());
        types.addAll(right.types());
        List<QueryEngine.Source> sources = new ArrayList<>(left.sources());
        sources.addAll(right.sources());
        QueryEngine.Table both = new QueryEngine.Table("", "", "", columns, types, List.of(), sources);
        SqlEval on = engine.eval(both, "JOIN");
        if (j.on() != null) {
            on.typeOf(j.on());
            if (j.on().hasAggregate()) {
                throw SimException.analysis("aggregate function is not allowed in ON clause: " + j.on().label());
            }
        }
        List<Object[]> rows = new ArrayList<>();
        boolean keepLeft = j.kind() == Query.JoinKind.LEFT || j.kind() == Query.JoinKind.FULL;
        boolean keepRight = j.kind() == Query.JoinKind.RIGHT || j.kind() == Query.JoinKind.FULL;
        boolean[] rightMatched = new boolean[right.rows().size()];
        for (Object[] l : left.rows()) {
            boolean matched = false;
            for (int k = 0; k < right.rows().size(); k++) {
                Object[] r = right.rows().get(k);
                Object[] row = new Object[l.length + r.length];
                System.arraycopy(l, 0, row, 0, l.length);
                System.arraycopy(r, 0, row, l.length, r.length);
                if (j.on() == null || on.test(j.on(), row, null)) {
                    rows.add(row);
                    matched = true;
                    rightMatched[k] = true;
                }
            }
            if (!matched && keepLeft) {
                rows.add(Arrays.copyOf(l, l.length + right.columns().size()));
            }
        }
        for (int k = 0; keepRight && k < right.rows().size(); k++) {
            if (!rightMatched[k]) {
                Object[] r = right.rows().get(k);
                Object[] row = new Object[left.columns().size() + r.length];
                System.arraycopy(r, 0, row, left.columns().size(), r.length);
                rows.add(row);
            }
        }
        return new QueryEngine.Table("", "", "", columns, types, rows, sources);
    }
}
