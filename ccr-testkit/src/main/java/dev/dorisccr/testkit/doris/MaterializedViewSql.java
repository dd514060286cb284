package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sync materialized views: {@code CREATE MATERIALIZED VIEW [IF NOT EXISTS] mv [COMMENT '...'] AS
 * SELECT cols and aggregates FROM [db.]t [GROUP BY ...] [ORDER BY ...]} builds a rollup-like index
 * of the columns the query reads (a ROLLUP alter job); {@code DROP MATERIALIZED VIEW [IF EXISTS]
 * mv ON [db.]t} drops it. Asynchronous materialized views (BUILD / REFRESH ...) and WHERE clauses
 * are not simulated.
 */
final class MaterializedViewSql {
    private static final Set<String> AGGREGATES = Set.of("sum", "min", "max", "count", "bitmap_union", "hll_union");

    private MaterializedViewSql() {}

    static QueryResult run(ClusterCore core, SqlCursor c, String currentDb) {
        if (c.acceptWord("DROP", "MATERIALIZED", "VIEW")) {
            boolean ifExists = c.acceptWord("IF", "EXISTS");
            String name = c.name();
            c.word("ON");
            String[] n = c.qualifiedName();
            c.expectEnd();
            core.run(() -> {
                SimDatabase db = core.s.db(SimSqlHandler.dbOf(n, currentDb));
                new AlterOps(core).dropMaterializedView(db, core.s.olapTable(db, n[1]), name, ifExists);
            });
            return QueryResult.ok();
        }
        c.word("CREATE", "MATERIALIZED", "VIEW");
        boolean ifNotExists = c.acceptWord("IF", "NOT", "EXISTS");
        String name = c.name();
        if (c.acceptWord("COMMENT")) {
            c.string();
        }
        if (!c.peekWord("AS")) {
            throw c.syntax("asynchronous materialized views (BUILD / REFRESH / DISTRIBUTED BY) are not supported by"
                    + " the simulator");
        }
        c.word("AS");
        String query = c.rest();
        Query q = Query.parseBody(c);
        if (c.acceptWord("PROPERTIES")) {
            c.properties();
        }
        c.expectEnd();
        if (q.from() == null) {
            throw SimException.analysis("The materialized view must select from a table");
        }
        if (q.where() != null || q.having() != null || q.limit() >= 0 || q.distinct()) {
            throw SimException.analysis("WHERE, HAVING, LIMIT and DISTINCT in a materialized view are not supported"
                    + " by the simulator");
        }
        List<String> cols = new ArrayList<>();
        for (Query.Item item : q.items()) {
            String col = column(item.expr());
            if (cols.stream().noneMatch(x -> x.equalsIgnoreCase(col))) {
                cols.add(col);
            }
        }
        String rawSql = c.sql().trim().replaceAll(";\\s*$", "");
        Query.TableRef from = q.from();
        core.run(() -> {
            SimDatabase db = core.s.db(from.db().isEmpty() ? SimSqlHandler.dbOf(new String[] {"", ""}, currentDb) : from.db());
            SimTable t = core.s.olapTable(db, from.table());
            if (ifNotExists && t.index(name).isPresent()) {
                return;
            }
            new AlterOps(core).createMaterializedView(db, t, name, cols, query, rawSql);
        });
        return QueryResult.ok();
    }

    /** The base column an item reads: a column, or one aggregate of a column. */
    private static String column(Expr e) {
        if (e instanceof Expr.Column col) {
            return col.name();
        }
        if (e instanceof Expr.Call call && AGGREGATES.contains(call.name().toLowerCase(Locale.ROOT))
                && call.args().size() == 1 && call.args().get(0) instanceof Expr.Column col) {
            return col.name();
        }
        throw SimException.analysis("the simulator's materialized views select columns and sum/min/max/count/"
                + "bitmap_union/hll_union of a column, not " + e);
    }
}
