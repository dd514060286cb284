package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.QueryResult;
import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.KeysType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INSERT and DELETE. {@code INSERT INTO t [TEMPORARY] PARTITION (...) [(cols)] VALUES (expr, ...), ...
 * | SELECT ...} and {@code INSERT OVERWRITE TABLE t [PARTITION (...)] ...}: values are expressions,
 * converted to the column types as a strict-mode insert does (a value that does not fit is
 * {@code Insert has filtered data in strict mode}); omitted columns get their defaults.
 * {@code DELETE FROM t [PARTITION (...)] WHERE expr} follows Doris's DeleteFromCommand: simple
 * conditions become a delete-condition rowset; on merge-on-write unique tables (and for predicates a
 * condition cannot hold, on any unique table) the matched rows are loaded again with the delete sign.
 * Everything is checked before anything is written, so an error changes nothing.
 */
final class DmlSql {
    private final ClusterCore core;

    DmlSql(ClusterCore core) {
        this.core = core;
    }

    private static final Expr DEFAULT = new Expr.Column("", "\u0000DEFAULT");

    /** After {@code INSERT INTO} / {@code INSERT OVERWRITE TABLE}. */
    QueryResult insert(SqlCursor c, String currentDb, boolean overwrite, SqlFunctions.Session session) {
        String[] n = c.qualifiedName();
        boolean temp = !overwrite && c.acceptWord("TEMPORARY");
        List<String> partitions = null;
        if (temp) {
            c.word("PARTITION");
            partitions = c.nameList();
        } else if (c.acceptWord("PARTITION")) {
            partitions = c.nameList();
        }
        List<String> cols = c.peekPunct('(') && !(c.peek(1) != null && c.peek(1).isWord("SELECT")) ? c.nameList() : null;
        List<List<Expr>> values = null;
        Query select = null;
        if (c.acceptWord("VALUES")) {
            values = new ArrayList<>();
            ExprParser p = new ExprParser(c);
            do {
                c.punct('(');
                List<Expr> row = new ArrayList<>();
                if (!c.peekPunct(')')) {
                    do {
                        row.add(c.acceptWord("DEFAULT") ? DEFAULT : p.expr());
                    } while (c.acceptPunct(','));
                }
                c.punct(')');
                values.add(row);
            } while (c.acceptPunct(','));
            c.expectEnd();
        } else if (c.peekWord("SELECT") || c.peekPunct('(')) {
            boolean paren = c.acceptPunct('(');
            select = Query.parseBody(c);
            if (paren) {
                c.punct(')');
            }
            c.expectEnd();
        } else {
            throw c.syntax("expected VALUES or SELECT");
        }
        List<List<Expr>> literalRows = values;
        Query query = select;
        List<String> parts = partitions;
        int count = core.locked(() -> {
            SimDatabase db = core.s.db(SimSqlHandler.dbOf(n, currentDb));
            SimTable t = core.s.olapTable(db, n[1]);
            List<ColumnDef> targets = new ArrayList<>();
            boolean unique = t.def.keysType() == KeysType.UNIQUE_KEYS;
            ColumnDef sign = new ColumnDef(Rows.DELETE_SIGN, "TINYINT", false, false, "", java.util.Optional.of("0"),
                    false, "");
            ColumnDef hidden = t.hasSequence() && t.sequenceMapColumn() == null
                    ? ColumnDef.of(SequenceColumns.HIDDEN, SequenceColumns.type(t)) : null;
            if (cols == null) {
                targets.addAll(t.def.columns());
            } else {
                for (String col : cols) {
                    ColumnDef def = unique && col.equalsIgnoreCase(Rows.DELETE_SIGN) ? sign
                            : hidden != null && col.equalsIgnoreCase(SequenceColumns.HIDDEN) ? hidden
                            : t.column(col).orElseThrow(() -> CatalogOps.unknownColumn(col, t));
                    if (targets.contains(def)) {
                        throw new SimException("ANALYSIS_ERROR", 1060, "Duplicate column name '" + def.name() + "'");
                    }
                    targets.add(def);
                }
            }
            if (t.hasSequence()) {
                String seq = t.sequenceMapColumn();
                boolean named = seq == null ? targets.contains(hidden)
                        : targets.stream().anyMatch(x -> x.name().equalsIgnoreCase(seq));
                boolean byDefault = seq != null && t.column(seq).flatMap(ColumnDef::defaultValue)
                        .filter(d -> d.equalsIgnoreCase("CURRENT_TIMESTAMP")).isPresent();
                if (!named && !byDefault) {
                    throw SimException.analysis("Table " + t.name + " has sequence column, need to specify the sequence"
                            + " column");
                }
            }
            List<Object[]> source = new ArrayList<>();
            if (query != null) {
                QueryEngine.Table result = new QueryEngine(core.s, core.data, session).execute(query, 0);
                if (result.columns().size() != targets.size()) {
                    throw SimException.analysis("insert into cols should be corresponding to the query output");
                }
                source.addAll(result.rows());
            } else {
                SqlEval constant = constants(session);
                for (List<Expr> row : literalRows) {
                    if (row.size() != targets.size()) {
                        throw SimException.analysis("Column count doesn't match value count");
                    }
                    Object[] v = new Object[row.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = row.get(i) == DEFAULT ? DEFAULT : constant.eval(row.get(i), null, null);
                    }
                    source.add(v);
                }
            }
            boolean partial = !overwrite && PartialUpdate.applies(t, cols, targets, session); // not for OVERWRITE
            List<Map<String, String>> rows = new ArrayList<>();
            for (Object[] v : source) {
                Map<String, String> row = new LinkedHashMap<>();
                for (ColumnDef col : t.def.columns()) {
                    int i = targets.indexOf(col);
                    if (i >= 0 && v[i] != DEFAULT) {
                        row.put(col.name(), stored(col, v[i]));
                    } else if (!partial && (col.defaultValue().isPresent() || col.defaultNull() || col.nullable())) {
                        row.put(col.name(), defaultText(col, session));
                    }
                }
                int signAt = targets.indexOf(sign);
                if (signAt >= 0 && v[signAt] != DEFAULT && "1".equals(stored(sign, v[signAt]))) {
                    row.put(Rows.DELETE_SIGN, "1");
                }
                int hiddenAt = hidden == null ? -1 : targets.indexOf(hidden);
                if (hiddenAt >= 0 && v[hiddenAt] != DEFAULT) {
                    row.put(SequenceColumns.HIDDEN, stored(hidden, v[hiddenAt]));
                }
                rows.add(row);
            }
            if (partial) {
                rows = PartialUpdate.fill(core.data, t, rows, session, c2 -> defaultText(c2, session));
            }
            if (overwrite) {
                core.catalog.overwrite(db, t, parts, core.data, rows);
                return rows.size();
            }
            return core.data.insert(db, t, rows, parts, temp);
        });
        return QueryResult.updated(count);
    }

    /** An evaluator for expressions without columns (VALUES rows, DELETE literals). */
    private static SqlEval constants(SqlFunctions.Session session) {
        return new SqlEval(new SqlEval.Columns() {
            @Override
            public int index(Expr.Column col) {
                throw new SimException("ANALYSIS_ERROR", 1054, "Unknown column '" + col.name() + "' in 'table list'");
            }

            @Override
            public SqlType type(int index) {
                throw new IllegalStateException("no columns");
            }
        }, session);
    }

    /** A value as the column stores it, or the strict-mode refusal Doris gives. */
    static String stored(ColumnDef col, Object value) {
        SqlType type = SqlType.of(col.type());
        try {
            // VARCHAR(n) / CHAR(n) lengths are not checked: whether a Doris load refuses or truncates an
            // over-long string depends on the planner and version, so the simulator keeps the value.
            return SqlValues.format(SqlValues.convert(value, type), type);
        } catch (SqlValues.NotConvertible e) {
            throw new SimException("ANALYSIS_ERROR", 5025, "Insert has filtered data in strict mode. "
                    + "column [" + col.name() + "]: " + e.getMessage());
        }
    }

    static String defaultText(ColumnDef col, SqlFunctions.Session session) {
        if (col.defaultValue().isEmpty()) {
            return null;
        }
        String d = col.defaultValue().get();
        if (d.equalsIgnoreCase("CURRENT_TIMESTAMP")) {
            return stored(col, session.now());
        }
        return stored(col, d);
    }

    /** After {@code DELETE FROM}. */
    QueryResult delete(SqlCursor c, String currentDb, SqlFunctions.Session session) {
        String[] n = c.qualifiedName();
        List<String> partitions = null;
        if (c.acceptWord("PARTITION") || c.acceptWord("PARTITIONS")) {
            partitions = c.peekPunct('(') ? c.nameList() : List.of(c.name());
        }
        c.word("WHERE");
        Expr where = new ExprParser(c).expr();
        c.expectEnd();
        List<String> parts = partitions;
        int count = core.locked(() -> {
            SimDatabase db = core.s.db(SimSqlHandler.dbOf(n, currentDb));
            SimTable t = core.s.olapTable(db, n[1]);
            Collection<SimPartition> chosen = t.partitions.values();
            if (parts != null) {
                List<SimPartition> list = new ArrayList<>();
                for (String p : parts) {
                    list.add(java.util.Optional.ofNullable(t.partitions.get(p)).orElseThrow(() ->
                            SimException.analysis("Partition: " + p + " is not exists")));
                }
                chosen = list;
            }
            QueryEngine.Table rows = new QueryEngine(core.s, core.data, session).execute(new Query(false,
                    List.of(new Query.Item(new Expr.Star(""), null)), new Query.TableRef(db.name, t.name, "", parts,
                    false), List.of(), where, List.of(), null, List.of(), -1, 0), 0);
            List<String[]> conditions = new ArrayList<>();
            String refusal = conditions(where, t, conditions);
            boolean unique = t.def.keysType() == KeysType.UNIQUE_KEYS;
            if (unique && (refusal != null || (t.mergeOnWrite() && !t.mowLightDelete()))) {
                List<Map<String, String>> matched = new ArrayList<>();
                for (Object[] r : rows.rows()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < r.length; i++) {
                        row.put(rows.columns().get(i), SqlValues.format(r[i], rows.types().get(i)));
                    }
                    matched.add(row);
                }
                return core.data.deleteBySign(db, t, matched);
            }
            if (refusal != null) {
                throw SimException.analysis(refusal);
            }
            core.data.delete(db, t, conditions, chosen);
            return 0;
        });
        return QueryResult.updated(count);
    }

    /**
     * Splits a WHERE clause into delete conditions {@code column op value} joined by AND, checking
     * Doris's rules for them; answers why it cannot be one, or null.
     */
    private static String conditions(Expr e, SimTable t, List<String[]> out) {
        if (e instanceof Expr.Binary b && b.op().equals("AND")) {
            String r = conditions(b.left(), t, out);
            return r != null ? r : conditions(b.right(), t, out);
        }
        if (e instanceof Expr.Unary u && u.op().equals("NOT") && u.operand() instanceof Expr.Binary b
                && List.of("=", "!=", "<", "<=", ">", ">=").contains(b.op())) {
            String inverse = switch (b.op()) {
                case "=" -> "!=";
                case "!=" -> "=";
                case "<" -> ">=";
                case "<=" -> ">";
                case ">" -> "<=";
                default -> "<";
            };
            return conditions(new Expr.Binary(inverse, b.left(), b.right()), t, out);
        }
        if (e instanceof Expr.Binary b && List.of("=", "!=", "<", "<=", ">", ">=").contains(b.op())) {
            if (!(b.left() instanceof Expr.Column col)) {
                return "Left expr of binary predicate should be column name, predicate: " + b.label();
            }
            if (!(b.right() instanceof Expr.Literal lit) || lit.value() == null) {
                return "Right expr of binary predicate should be value, predicate: " + b.label();
            }
            ColumnDef def = t.column(col.name()).orElseThrow(() -> CatalogOps.unknownColumn(col.name(), t));
            SqlType type = SqlType.of(def.type());
            if (type.kind() == SqlType.Kind.FLOAT || type.kind() == SqlType.Kind.DOUBLE) {
                return "Column[" + def.name() + "] type is float or double.";
            }
            boolean key = def.key() || t.def.keyColumns().stream().anyMatch(k -> k.equalsIgnoreCase(def.name()));
            if (!key && t.def.keysType() == KeysType.AGG_KEYS) {
                return "delete predicate on value column only supports Unique table with merge-on-write enabled"
                        + " and Duplicate table, but Table[" + t.name + "] is an Aggregate table.";
            }
            if (!key && t.def.keysType() == KeysType.UNIQUE_KEYS && !t.mergeOnWrite()) {
                return "delete predicate on value column only supports Unique table with merge-on-write enabled"
                        + " and Duplicate table, but Table[" + t.name + "] is an unique table without merge-on-write.";
            }
            out.add(new String[] {def.name(), b.op(), stored(def, lit.value())});
            return null;
        }
        if (e instanceof Expr.IsNull || e instanceof Expr.In) {
            return "the simulator keeps delete conditions of the form column op value only, not " + e.label();
        }
        return "Where clause only supports compound predicate, binary predicate, is_null predicate or in predicate."
                + " But we meet " + e.label();
    }
}
