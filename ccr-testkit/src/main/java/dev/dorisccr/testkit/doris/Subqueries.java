package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Subqueries of one query: {@code x [NOT] IN (SELECT ...)}, scalar {@code (SELECT ...)} and
 * {@code [NOT] EXISTS (SELECT ...)}. An uncorrelated one runs once, before the outer query, and
 * its values take its place (an IN list, a literal; an empty IN is FALSE, or TRUE for NOT IN). A
 * correlated one (it names a table of the outer query that is not its own, {@code WHERE o.uid =
 * u.id}) is simulated in the outer WHERE only: it runs again for each outer row with the outer
 * columns bound to that row's values.
 */
final class Subqueries {
    private final QueryEngine engine;
    private final int depth;
    private Set<String> outerNames = Set.of();

    Subqueries(QueryEngine engine, int depth) {
        this.engine = engine;
        this.depth = depth;
    }

    /** The names a query's own relations answer to: alias, else table name, and db.table. */
    static Set<String> names(Query q) {
        Set<String> out = new HashSet<>();
        List<Query.TableRef> refs = new ArrayList<>();
        if (q.from() != null) {
            refs.add(q.from());
        }
        q.joins().forEach(j -> refs.add(j.ref()));
        for (Query.TableRef r : refs) {
            out.add(r.alias().isEmpty() ? r.table() : r.alias());
            if (r.alias().isEmpty() && !r.db().isEmpty()) {
                out.add(r.db() + "." + r.table());
            }
        }
        return out;
    }

    /** Every expression of {@code q} mapped by {@code f} (select items, ON, WHERE, GROUP BY, HAVING, ORDER BY). */
    static Query map(Query q, UnaryOperator<Expr> f) {
        UnaryOperator<Expr> g = e -> e == null ? null : f.apply(e);
        List<Query.Item> items = new ArrayList<>();
        q.items().forEach(i -> items.add(new Query.Item(g.apply(i.expr()), i.alias())));
        List<Query.Join> joins = new ArrayList<>();
        q.joins().forEach(j -> joins.add(new Query.Join(j.kind(), j.ref(), g.apply(j.on()))));
        List<Query.Order> orders = new ArrayList<>();
        q.orderBy().forEach(o -> orders.add(new Query.Order(g.apply(o.expr()), o.desc(), o.nullsFirst())));
        List<Expr> groupBy = new ArrayList<>();
        q.groupBy().forEach(e -> groupBy.add(g.apply(e)));
        return new Query(q.distinct(), items, q.from(), joins, g.apply(q.where()), groupBy, g.apply(q.having()), orders,
                q.limit(), q.offset());
    }

    /** Runs the uncorrelated subqueries of {@code q}; correlated ones stay (in WHERE only). */
    Query runUncorrelated(Query q) {
        outerNames = names(q);
        Query out = map(q, e -> resolve(e, false));
        for (Query.Item i : out.items()) {
            refuseCorrelated(i.expr(), "select list");
        }
        out.joins().forEach(j -> refuseCorrelated(j.on(), "ON clause"));
        refuseCorrelated(out.having(), "HAVING clause");
        return out;
    }

    private static void refuseCorrelated(Expr e, String where) {
        if (e != null && hasSubquery(e)) {
            throw SimException.analysis("a correlated subquery in the " + where + " is not simulated (WHERE only)");
        }
    }

    static boolean hasSubquery(Expr e) {
        if (e instanceof Expr.Subquery || e instanceof Expr.Exists) {
            return true;
        }
        return e.children().stream().anyMatch(Subqueries::hasSubquery);
    }

    /** The WHERE as its type check sees it: each correlated subquery a NULL of its kind. */
    static Expr typingStandIn(Expr e) {
        if (e instanceof Expr.Exists) {
            return new Expr.Literal(null, SqlType.BOOLEAN);
        }
        if (e instanceof Expr.In in && in.list().size() == 1 && in.list().get(0) instanceof Expr.Subquery) {
            return new Expr.In(typingStandIn(in.operand()), List.of(new Expr.Literal(null, SqlType.NULL)), in.not());
        }
        if (e instanceof Expr.Subquery) {
            return new Expr.Literal(null, SqlType.NULL);
        }
        return e.children().isEmpty() ? e : ExprRewriter.mapChildren(e, Subqueries::typingStandIn);
    }

    /**
     * Analyses the correlated subqueries once with the outer columns NULL, so their unknown tables and
     * columns are errors even when the outer query has no rows (as Doris analyses before running).
     * Too many rows for a scalar subquery is a run-time condition, not an analysis error: not raised here.
     */
    void analyse(Expr where, QueryEngine.Table outer) {
        try {
            bind(where, outer, new Object[outer.columns().size()]);
        } catch (SimException e) {
            if (!String.valueOf(e.getMessage()).startsWith(TOO_MANY_ROWS)) {
                throw e;
            }
        }
    }

    private static final String TOO_MANY_ROWS = "Expected EQ 1 to be returned by expression";

    /** The WHERE for one outer row: the correlated subqueries run with that row's values. */
    Expr forRow(Expr where, QueryEngine.Table outer, Object[] row) {
        return bind(where, outer, row);
    }

    private Expr bind(Expr e, QueryEngine.Table outer, Object[] row) {
        if (e instanceof Expr.Subquery sub) {
            return resolve(bound(sub, outer, row), true);
        }
        if (e instanceof Expr.Exists ex) {
            return resolve(new Expr.Exists(bound(ex.subquery(), outer, row)), true);
        }
        if (e instanceof Expr.In in && in.list().size() == 1 && in.list().get(0) instanceof Expr.Subquery sub) {
            return resolve(new Expr.In(bind(in.operand(), outer, row), List.of(bound(sub, outer, row)), in.not()), true);
        }
        return e.children().isEmpty() ? e : ExprRewriter.mapChildren(e, child -> bind(child, outer, row));
    }

    /** The subquery with the outer columns it names replaced by the outer row's values. */
    private Expr.Subquery bound(Expr.Subquery sub, QueryEngine.Table outer, Object[] row) {
        Set<String> own = names(sub.query());
        return new Expr.Subquery(map(sub.query(), e -> bindColumns(e, own, outer, row)), sub.text());
    }

    private static Expr bindColumns(Expr e, Set<String> own, QueryEngine.Table outer, Object[] row) {
        if (e instanceof Expr.Column c && !c.qualifier().isEmpty() && !own.contains(c.qualifier())) {
            for (int i = 0; i < outer.columns().size(); i++) {
                if (outer.columns().get(i).equalsIgnoreCase(c.name())
                        && QueryEngine.qualifies(c.qualifier(), outer.sources().get(i))) {
                    return new Expr.Literal(row[i], outer.types().get(i));
                }
            }
            return e;
        }
        return e.children().isEmpty() ? e : ExprRewriter.mapChildren(e, child -> bindColumns(child, own, outer, row));
    }

    /** Whether the subquery names a relation of the outer query that is not its own. */
    private boolean correlated(Query sub) {
        Set<String> own = names(sub);
        boolean[] found = new boolean[1];
        map(sub, e -> {
            visit(e, x -> {
                if (x instanceof Expr.Column c && !c.qualifier().isEmpty() && !own.contains(c.qualifier())
                        && outerNames.contains(c.qualifier())) {
                    found[0] = true;
                }
            });
            return e;
        });
        return found[0];
    }

    private static void visit(Expr e, java.util.function.Consumer<Expr> f) {
        f.accept(e);
        e.children().forEach(c -> visit(c, f));
    }

    /** Runs the subqueries of {@code e} ({@code force}: correlated ones too, already bound). */
    private Expr resolve(Expr e, boolean force) {
        if (e instanceof Expr.In in && in.list().size() == 1 && in.list().get(0) instanceof Expr.Subquery sub) {
            if (!force && correlated(sub.query())) {
                return e;
            }
            QueryEngine.Table t = run(sub);
            if (t.rows().isEmpty()) {
                return new Expr.Literal(in.not(), SqlType.BOOLEAN);
            }
            List<Expr> values = new ArrayList<>();
            t.rows().forEach(r -> values.add(new Expr.Literal(r[0], t.types().get(0))));
            return new Expr.In(resolve(in.operand(), force), values, in.not());
        }
        if (e instanceof Expr.Exists ex) {
            if (!force && correlated(ex.subquery().query())) {
                return e;
            }
            return new Expr.Literal(!engine.execute(ex.subquery().query(), depth + 1).rows().isEmpty(), SqlType.BOOLEAN);
        }
        if (e instanceof Expr.Subquery sub) {
            if (!force && correlated(sub.query())) {
                return e;
            }
            QueryEngine.Table t = run(sub);
            if (t.rows().size() > 1) {
                throw SimException.analysis(TOO_MANY_ROWS + " " + sub.label());
            }
            return new Expr.Literal(t.rows().isEmpty() ? null : t.rows().get(0)[0], t.types().get(0));
        }
        return e.children().isEmpty() ? e : ExprRewriter.mapChildren(e, child -> resolve(child, force));
    }

    private QueryEngine.Table run(Expr.Subquery sub) {
        QueryEngine.Table t = engine.execute(sub.query(), depth + 1);
        if (t.columns().size() != 1) {
            throw SimException.analysis("subquery should return only one column: " + sub.label());
        }
        return t;
    }
}
