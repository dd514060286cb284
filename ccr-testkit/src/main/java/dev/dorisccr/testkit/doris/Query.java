package dev.dorisccr.testkit.doris;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code SELECT}: {@code SELECT [DISTINCT] items [FROM table [TEMPORARY] PARTITION(...)
 * [alias]] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [LIMIT n [OFFSET m] | LIMIT m, n]}.
 *
 * @param from the relation, or null for a SELECT without FROM
 * @param where null when absent
 * @param having null when absent
 * @param limit -1 when absent
 */
record Query(boolean distinct, List<Item> items, TableRef from, List<Join> joins, Expr where, List<Expr> groupBy,
        Expr having, List<Order> orderBy, long limit, long offset) {
    Query {
        items = List.copyOf(items);
        joins = List.copyOf(joins);
        groupBy = List.copyOf(groupBy);
        orderBy = List.copyOf(orderBy);
    }

    /** One select item; {@code alias} is null when not given. */
    record Item(Expr expr, String alias) {
        Item {
            requireNonNull(expr, "expr is null");
        }
    }

    /**
     * A table: {@code db} is "" for the session's database; {@code partitions} is null for all
     * partitions; {@code alias} is "" when none.
     */
    record TableRef(String db, String table, String alias, List<String> partitions, boolean temporary) {
        TableRef {
            partitions = partitions == null ? null : List.copyOf(partitions);
        }
    }

    /** The kinds of join modelled. */
    enum JoinKind { INNER, LEFT, RIGHT, FULL, CROSS }

    /** {@code [INNER | LEFT|RIGHT|FULL [OUTER] | CROSS] JOIN ref [ON cond]} or {@code , ref}; {@code on} is null without ON. */
    record Join(JoinKind kind, TableRef ref, Expr on) {}

    /** {@code nullsFirst} is null for Doris's default (first for ASC, last for DESC). */
    record Order(Expr expr, boolean desc, Boolean nullsFirst) {}

    /** Parses {@code SELECT ...} to the end of the statement. */
    static Query parse(SqlCursor c) {
        Query q = parseBody(c);
        c.expectEnd();
        return q;
    }

    /** Parses {@code SELECT ...}, leaving the cursor after the query. */
    static Query parseBody(SqlCursor c) {
        ExprParser p = new ExprParser(c);
        c.word("SELECT");
        boolean distinct = c.acceptWord("DISTINCT");
        if (!distinct) {
            c.acceptWord("ALL");
        }
        List<Item> items = new ArrayList<>();
        do {
            Expr e = p.expr();
            String alias = null;
            if (c.acceptWord("AS")) {
                alias = c.peek() != null && c.peek().kind() == dev.dorisccr.core.ddl.lex.TokenKind.STRING ? c.string()
                        : c.name();
            } else if (c.peek() != null && c.peek().isName() && !reserved(c)) {
                alias = c.name();
            }
            items.add(new Item(e, alias));
        } while (c.acceptPunct(','));
        TableRef from = null;
        List<Join> joins = new ArrayList<>();
        if (c.acceptWord("FROM")) {
            from = tableRef(c);
            while (true) {
                JoinKind kind;
                if (c.acceptPunct(',')) {
                    joins.add(new Join(JoinKind.CROSS, tableRef(c), null));
                    continue;
                } else if (c.acceptWord("JOIN") || c.acceptWord("INNER", "JOIN")) {
                    kind = JoinKind.INNER;
                } else if (c.acceptWord("LEFT", "JOIN") || c.acceptWord("LEFT", "OUTER", "JOIN")) {
                    kind = JoinKind.LEFT;
                } else if (c.acceptWord("RIGHT", "JOIN") || c.acceptWord("RIGHT", "OUTER", "JOIN")) {
                    kind = JoinKind.RIGHT;
                } else if (c.acceptWord("FULL", "JOIN") || c.acceptWord("FULL", "OUTER", "JOIN")) {
                    kind = JoinKind.FULL;
                } else if (c.acceptWord("CROSS", "JOIN")) {
                    kind = JoinKind.CROSS;
                } else if (c.peekWord("RIGHT") || c.peekWord("FULL") || c.peekWord("LEFT") || c.peekWord("INNER")
                        || c.peekWord("CROSS") || c.peekWord("NATURAL")) {
                    throw c.syntax("only [INNER], LEFT / RIGHT / FULL [OUTER] and CROSS joins are simulated");
                } else {
                    break;
                }
                TableRef ref = tableRef(c);
                Expr on = null;
                if (c.acceptWord("ON")) {
                    on = p.expr();
                } else if (c.peekWord("USING")) {
                    throw c.syntax("JOIN ... USING is not simulated");
                }
                if (kind == JoinKind.CROSS && on != null) {
                    throw SimException.analysis("Cross join can't be used with ON clause");
                }
                if ((kind == JoinKind.LEFT || kind == JoinKind.RIGHT || kind == JoinKind.FULL) && on == null) {
                    throw SimException.analysis(kind + " OUTER JOIN requires an ON or USING clause.");
                }
                joins.add(new Join(on == null ? JoinKind.CROSS : kind, ref, on));
            }
        }
        Expr where = c.acceptWord("WHERE") ? p.expr() : null;
        List<Expr> groupBy = new ArrayList<>();
        if (c.acceptWord("GROUP", "BY")) {
            do {
                groupBy.add(p.expr());
            } while (c.acceptPunct(','));
        }
        Expr having = c.acceptWord("HAVING") ? p.expr() : null;
        List<Order> orderBy = new ArrayList<>();
        if (c.acceptWord("ORDER", "BY")) {
            do {
                Expr e = p.expr();
                boolean desc = c.acceptWord("DESC");
                if (!desc) {
                    c.acceptWord("ASC");
                }
                Boolean nullsFirst = null;
                if (c.acceptWord("NULLS", "FIRST")) {
                    nullsFirst = true;
                } else if (c.acceptWord("NULLS", "LAST")) {
                    nullsFirst = false;
                }
                orderBy.add(new Order(e, desc, nullsFirst));
            } while (c.acceptPunct(','));
        }
        long limit = -1;
        long offset = 0;
        if (c.acceptWord("LIMIT")) {
            limit = nonNegative(c);
            if (c.acceptPunct(',')) {
                offset = limit;
                limit = nonNegative(c);
            } else if (c.acceptWord("OFFSET")) {
                offset = nonNegative(c);
            }
        }
        return new Query(distinct, items, from, joins, where, groupBy, having, orderBy, limit, offset);
    }

    /**
     * The character spans of the outermost select items of {@code sql} (a SELECT): for each,
     * {@code [start, expressionEnd, itemEnd]}, {@code itemEnd} past the alias when there is one.
     */
    static List<int[]> itemSpans(String sql) {
        SqlCursor c = new SqlCursor(sql);
        ExprParser p = new ExprParser(c);
        c.word("SELECT");
        if (!c.acceptWord("DISTINCT")) {
            c.acceptWord("ALL");
        }
        List<int[]> out = new ArrayList<>();
        do {
            int a = c.position();
            p.expr();
            int b = c.position();
            if (c.acceptWord("AS")) {
                c.next();
            } else if (c.peek() != null && c.peek().isName() && !reserved(c)) {
                c.name();
            }
            out.add(new int[] {c.startOf(a), c.endOf(b - 1), c.endOf(c.position() - 1)});
        } while (c.acceptPunct(','));
        return out;
    }

    private static boolean reserved(SqlCursor c) {
        return c.peek().kind() == dev.dorisccr.core.ddl.lex.TokenKind.WORD
                && ExprParser.RESERVED.contains(c.peek().text().toUpperCase(java.util.Locale.ROOT));
    }

    private static long nonNegative(SqlCursor c) {
        long n = c.number();
        if (n < 0) {
            throw c.syntax("LIMIT and OFFSET must not be negative");
        }
        return n;
    }

    /** {@code [db.]table [TEMPORARY] PARTITION[S] (p, ...) | PARTITION p [[AS] alias]}. */
    static TableRef tableRef(SqlCursor c) {
        String[] n = c.qualifiedName();
        boolean temp = c.acceptWord("TEMPORARY");
        List<String> parts = null;
        if (c.acceptWord("PARTITION") || c.acceptWord("PARTITIONS")) {
            if (c.peekPunct('(')) {
                parts = c.nameList();
            } else {
                parts = List.of(c.name());
            }
        } else if (temp) {
            throw c.syntax("expected PARTITION after TEMPORARY");
        }
        String alias = "";
        if (c.acceptWord("AS")) {
            alias = c.name();
        } else if (c.peek() != null && c.peek().isName() && !reserved(c)) {
            alias = c.name();
        }
        return new TableRef(n[0], n[1], alias, parts, temp);
    }
}
