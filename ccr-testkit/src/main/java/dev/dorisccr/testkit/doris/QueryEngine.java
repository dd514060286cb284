package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.Column;
import dev.dorisccr.testkit.mysql.QueryResult;
import dev.dorisccr.testkit.schema.ColumnDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Query} over the simulator's visible rows: FROM (a table, some of its [temporary]
 * partitions, a view, or information_schema.tables), WHERE, GROUP BY with aggregates, HAVING,
 * the select list, DISTINCT, ORDER BY (expressions, aliases, positions; NULLs first ascending as in
 * Doris), LIMIT / OFFSET. Without ORDER BY rows come in a stable order (sorted by every output
 * column) so tests are deterministic. Callers hold the cluster lock.
 */
final class QueryEngine {
    private static final int MAX_VIEW_DEPTH = 8;

    private final SimState s;
    private final DataOps data;
    private final SqlFunctions.Session session;

    QueryEngine(SimState s, DataOps data, SqlFunctions.Session session) {
        this.s = s;
        this.data = data;
        this.session = session;
    }

    /** Where a column of a relation comes from: its table's db, name and alias ("" when none). */
    record Source(String db, String name, String alias) {}

    /** A relation or a query result: column names, their types, typed rows, and each column's source. */
    record Table(String db, String name, String alias, List<String> columns, List<SqlType> types,
            List<Object[]> rows, List<Source> sources) {
        Table(String db, String name, String alias, List<String> columns, List<SqlType> types, List<Object[]> rows) {
            this(db, name, alias, columns, types, rows, java.util.Collections.nCopies(columns.size(),
                    new Source(db, name, alias)));
        }
    }

    QueryResult.ResultSet run(Query q) {
        return toResultSet(execute(q, 0));
    }

    static QueryResult.ResultSet toResultSet(Table t) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            SqlType type = t.types().get(i);
            cols.add(new Column(t.columns().get(i), type.mysqlType(), type.decimals()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            List<String> row = new ArrayList<>(r.length);
            for (int i = 0; i < r.length; i++) {
                row.add(SqlValues.format(r[i], t.types().get(i)));
            }
            rows.add(row);
        }
        return new QueryResult.ResultSet(cols, rows);
    }

    Table execute(Query q0, int depth) {
        if (depth > MAX_VIEW_DEPTH) {
            throw SimException.analysis("views or subqueries nest too deep");
        }
        Subqueries subqueries = new Subqueries(this, depth);
        Query q = subqueries.runUncorrelated(q0);
        Table from = q.from() == null ? new Table("", "", "", List.of(), List.of(), List.<Object[]>of(new Object[0]))
                : relation(q.from(), depth);
        for (Query.Join j : q.joins()) {
            from = Joins.join(this, from, relation(j.ref(), depth), j);
        }
        SqlEval project = eval(from, "PROJECT");
        List<Query.Item> items = expandStars(q.items(), from);
        Map<String, Expr> aliases = new HashMap<>();
        List<String> labels = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Query.Item item : items) {
            types.add(project.typeOf(item.expr()));
            String label = item.alias() != null ? item.alias() : label(item.expr(), from);
            labels.add(label);
            if (item.alias() != null) {
                aliases.putIfAbsent(item.alias().toLowerCase(Locale.ROOT), item.expr());
            }
        }
        SqlEval filter = eval(from, "FILTER");
        boolean correlated = q.where() != null && Subqueries.hasSubquery(q.where());
        if (q.where() != null) {
            filter.typeOf(correlated ? Subqueries.typingStandIn(q.where()) : q.where());
            if (correlated) {
                subqueries.analyse(q.where(), from);
            }
            if (q.where().hasAggregate()) {
                throw SimException.analysis("LOGICAL_FILTER can not contains AggregateFunction expression: "
                        + q.where().label());
            }
        }
        List<Expr> groupBy = new ArrayList<>();
        for (Expr g : q.groupBy()) {
            groupBy.add(byPosition(g, items, aliases, from));
        }
        SqlEval grouping = eval(from, "AGGREGATE");
        groupBy.forEach(grouping::typeOf);
        Expr having = q.having() == null ? null : substitute(q.having(), aliases, from);
        if (having != null) {
            eval(from, "HAVING").typeOf(having);
        }
        List<Expr> orderExprs = new ArrayList<>();
        for (Query.Order o : q.orderBy()) {
            Expr e = byPosition(o.expr(), items, aliases, from);
            eval(from, "SORT").typeOf(e);
            orderExprs.add(e);
        }
        boolean grouped = !groupBy.isEmpty() || items.stream().anyMatch(i -> i.expr().hasAggregate())
                || (having != null && having.hasAggregate()) || orderExprs.stream().anyMatch(Expr::hasAggregate);
        if (grouped) {
            for (Query.Item item : items) {
                checkGrouped(item.expr(), groupBy);
            }
            if (having != null) {
                checkGrouped(having, groupBy);
            }
            orderExprs.forEach(e -> checkGrouped(e, groupBy));
        } else if (having != null) {
            throw SimException.analysis("HAVING clause needs GROUP BY or an aggregate function");
        }

        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : from.rows()) {
            if (q.where() == null || filter.test(correlated ? subqueries.forRow(q.where(), from, r) : q.where(), r, null)) {
                rows.add(r);
            }
        }
        List<Object[]> contexts = new ArrayList<>();
        List<List<Object[]>> groups = new ArrayList<>();
        if (grouped) {
            Map<List<String>, List<Object[]>> byKey = new LinkedHashMap<>();
            for (Object[] r : rows) {
                List<String> key = new ArrayList<>();
                for (Expr g : groupBy) {
                    Object v = grouping.eval(g, r, null);
                    key.add(v == null ? null : v.getClass().getSimpleName() + ":" + SqlValues.format(v, null));
                }
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            if (byKey.isEmpty() && groupBy.isEmpty()) {
                byKey.put(List.of(), new ArrayList<>());
            }
            for (List<Object[]> g : byKey.values()) {
                if (having == null || project.test(having, g.isEmpty() ? null : g.get(0), g)) {
                    contexts.add(g.isEmpty() ? null : g.get(0));
                    groups.add(g);
                }
            }
        } else {
            contexts.addAll(rows);
            rows.forEach(r -> groups.add(null));
        }
        List<Out> out = new ArrayList<>();
        Set<List<String>> seen = new LinkedHashSet<>();
        for (int i = 0; i < contexts.size(); i++) {
            Object[] values = new Object[items.size()];
            for (int k = 0; k < items.size(); k++) {
                values[k] = conform(project.eval(items.get(k).expr(), contexts.get(i), groups.get(i)),
                        types.get(k));
            }
            if (q.distinct() && !seen.add(rowKey(values))) {
                continue;
            }
            Object[] keys = new Object[orderExprs.size()];
            for (int k = 0; k < orderExprs.size(); k++) {
                keys[k] = project.eval(orderExprs.get(k), contexts.get(i), groups.get(i));
            }
            out.add(new Out(values, keys));
        }
        out.sort(order(q.orderBy()));
        long from0 = Math.min(out.size(), q.offset());
        long to = q.limit() < 0 ? out.size() : Math.min(out.size(), from0 + q.limit());
        List<Object[]> result = new ArrayList<>();
        out.subList((int) from0, (int) to).forEach(o -> result.add(o.values()));
        return new Table("", "", "", labels, types, result);
    }

    private record Out(Object[] values, Object[] keys) {}

    /** A value in its column's static type (decimal scale, datetime digits); kept as is if it does not convert. */
    private static Object conform(Object v, SqlType type) {
        try {
            return SqlValues.convert(v, type);
        } catch (SqlValues.NotConvertible e) {
            return v;
        }
    }

    private static List<String> rowKey(Object[] values) {
        List<String> key = new ArrayList<>();
        for (Object v : values) {
            key.add(v == null ? null : SqlValues.format(v, null));
        }
        return key;
    }

    private static Comparator<Out> order(List<Query.Order> orders) {
        return (a, b) -> {
            for (int k = 0; k < orders.size(); k++) {
                Query.Order o = orders.get(k);
                int r = compareNullable(a.keys()[k], b.keys()[k], o.nullsFirst() != null ? o.nullsFirst() : !o.desc());
                if (r != 0) {
                    return o.desc() && a.keys()[k] != null && b.keys()[k] != null ? -r : r;
                }
            }
            for (int k = 0; k < a.values().length; k++) {
                int r = compareNullable(a.values()[k], b.values()[k], true);
                if (r != 0) {
                    return orders.isEmpty() ? r : 0;
                }
            }
            return 0;
        };
    }

    private static int compareNullable(Object a, Object b, boolean nullsFirst) {
        if (a == null || b == null) {
            return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
        }
        return SqlValues.compare(a, b);
    }

    /** The column label Doris gives an unaliased item: a column's declared name, else the expression's SQL. */
    private static String label(Expr e, Table from) {
        if (e instanceof Expr.Column c) {
            for (String name : from.columns()) {
                if (name.equalsIgnoreCase(c.name())) {
                    return name;
                }
            }
        }
        return e.label();
    }

    private static List<Query.Item> expandStars(List<Query.Item> items, Table from) {
        List<Query.Item> out = new ArrayList<>();
        for (Query.Item item : items) {
            if (item.expr() instanceof Expr.Star star) {
                if (from.columns().isEmpty()) {
                    throw SimException.analysis("select * must have source table");
                }
                boolean any = false;
                for (int i = 0; i < from.columns().size(); i++) {
                    if (star.qualifier().isEmpty() || qualifies(star.qualifier(), from.sources().get(i))) {
                        Source src = from.sources().get(i);
                        String qualifier = from.sources().stream().distinct().count() > 1
                                ? (src.alias().isEmpty() ? src.name() : src.alias()) : "";
                        out.add(new Query.Item(new Expr.Column(qualifier, from.columns().get(i)), null));
                        any = true;
                    }
                }
                if (!any) {
                    throw SimException.analysis("unknown qualifier: " + star.qualifier());
                }
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** ORDER BY / GROUP BY 2 means the second item; a bare name that is an alias means its expression. */
    private static Expr byPosition(Expr e, List<Query.Item> items, Map<String, Expr> aliases, Table from) {
        if (e instanceof Expr.Literal l && l.value() instanceof Long n) {
            if (n < 1 || n > items.size()) {
                throw SimException.analysis("ordinal " + n + " is out of the select list range [1, " + items.size() + "]");
            }
            return items.get((int) (n - 1)).expr();
        }
        return substitute(e, aliases, from);
    }

    /** Replaces unqualified names that are select aliases (and not table columns) by the aliased expression. */
    private static Expr substitute(Expr e, Map<String, Expr> aliases, Table from) {
        if (e instanceof Expr.Column c && c.qualifier().isEmpty()) {
            Expr target = aliases.get(c.name().toLowerCase(Locale.ROOT));
            boolean isColumn = from.columns().stream().anyMatch(n -> n.equalsIgnoreCase(c.name()));
            return target != null && !isColumn ? target : e;
        }
        if (e.children().isEmpty()) {
            return e;
        }
        return ExprRewriter.mapChildren(e, child -> substitute(child, aliases, from));
    }

    /** In a grouped query a column must be a GROUP BY expression or sit inside an aggregate. */
    private static void checkGrouped(Expr e, List<Expr> groupBy) {
        if (groupBy.contains(e) || (e instanceof Expr.Call c && c.aggregate())) {
            return;
        }
        if (e instanceof Expr.Column c) {
            if (groupBy.stream().anyMatch(g -> g instanceof Expr.Column gc && gc.name().equalsIgnoreCase(c.name()))) {
                return;
            }
            throw SimException.analysis(c.name() + " not in aggregate's output");
        }
        e.children().forEach(child -> checkGrouped(child, groupBy));
    }

    SqlEval eval(Table from, String clause) {
        return new SqlEval(new SqlEval.Columns() {
            @Override
            public int index(Expr.Column c) {
                List<Integer> found = new ArrayList<>();
                for (int i = 0; i < from.columns().size(); i++) {
                    if (from.columns().get(i).equalsIgnoreCase(c.name())
                            && (c.qualifier().isEmpty() || qualifies(c.qualifier(), from.sources().get(i)))) {
                        found.add(i);
                    }
                }
                if (found.size() > 1) {
                    // ExpressionAnalyzer.visitUnboundSlot: "%s is ambiguous: %s."
                    List<String> where = new ArrayList<>();
                    for (int i : found) {
                        Source src = from.sources().get(i);
                        where.add((src.alias().isEmpty() ? src.name() : src.alias()) + "." + from.columns().get(i));
                    }
                    throw SimException.analysis(c.label() + " is ambiguous: " + String.join(", ", where) + ".");
                }
                if (found.isEmpty()) {
                    throw new SimException("ANALYSIS_ERROR", 1054, "Unknown column '" + c.name() + "' in '"
                            + (c.qualifier().isEmpty() ? "table list" : c.qualifier()) + "' in " + clause + " clause");
                }
                return found.get(0);
            }

            @Override
            public SqlType type(int index) {
                return from.types().get(index);
            }
        }, session);
    }

    static boolean qualifies(String qualifier, Source from) {
        return qualifier.equals(from.alias()) || (from.alias().isEmpty() && qualifier.equals(from.name()))
                || qualifier.equals(from.db() + "." + from.name());
    }

    private Table relation(Query.TableRef ref, int depth) {
        String dbName = ref.db().isEmpty() ? session.database() : ref.db();
        if (dbName.isEmpty()) {
            throw new SimException("ANALYSIS_ERROR", 1046, "No database selected");
        }
        if (dbName.equalsIgnoreCase("information_schema")) {
            return InformationSchema.table(s, ref);
        }
        SimDatabase db = s.databases.get(dbName);
        if (db == null) {
            throw SimException.analysis("Database [" + dbName + "] does not exist.");
        }
        SimTable t = db.table(ref.table()).orElseThrow(() -> SimException.analysis("Table [" + ref.table()
                + "] does not exist in database [" + dbName + "]."));
        if (t.view) {
            if (ref.partitions() != null) {
                throw SimException.analysis("Only OLAP table is support select by partition for now,Table: "
                        + t.name + " is not OLAP table");
            }
            if (depth > MAX_VIEW_DEPTH) {
                throw SimException.analysis("view " + t.name + " nests too deep");
            }
            SqlCursor c = new SqlCursor(t.viewQuery);
            Table v = new QueryEngine(s, data, new SqlFunctions.Session(db.name, session.now(), session.variables()))
                    .execute(Query.parse(c), depth + 1);
            return new Table(db.name, t.name, ref.alias(), v.columns(), v.types(), v.rows());
        }
        Collection<SimPartition> parts = t.partitions.values();
        if (ref.partitions() != null) {
            List<SimPartition> chosen = new ArrayList<>();
            for (String p : ref.partitions()) {
                SimPartition part = (ref.temporary() ? t.tempPartitions : t.partitions).get(p);
                if (part == null) {
                    throw SimException.analysis("Partition: " + p + " is not exists");
                }
                chosen.add(part);
            }
            parts = chosen;
        }
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (ColumnDef c : t.def.columns()) {
            names.add(c.name());
            types.add(SqlType.of(c.type()));
        }
        List<Object[]> rows = new ArrayList<>();
        for (List<String> r : data.rows(t, parts)) {
            Object[] row = new Object[r.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = SqlValues.parseStored(r.get(i), types.get(i));
            }
            rows.add(row);
        }
        return new Table(db.name, t.name, ref.alias(), names, types, rows);
    }
}
