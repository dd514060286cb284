package dev.dorisccr.testkit.doris;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates and types expressions over one row (and, for aggregates, the rows of its group) with
 * SQL's three-valued logic: NULL in, NULL out; WHERE keeps rows whose condition is TRUE.
 */
final class SqlEval {
    /** Where columns come from: their index in a row and their type. */
    interface Columns {
        /** The column's index; throws the caller's unknown-column error if there is none. */
        int index(Expr.Column c);

        SqlType type(int index);
    }

    private final Columns columns;
    private final SqlFunctions.Session session;

    SqlEval(Columns columns, SqlFunctions.Session session) {
        this.columns = columns;
        this.session = session;
    }

    // ---- typing -------------------------------------------------------------------------------

    /** The static result type, as Doris derives it (checks functions and variables exist). */
    SqlType typeOf(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.type();
        }
        if (e instanceof Expr.Column c) {
            return columns.type(columns.index(c));
        }
        if (e instanceof Expr.Variable v) {
            String value = variable(v);
            return value != null && value.matches("-?\\d+") ? SqlType.BIGINT : SqlType.VARCHAR;
        }
        if (e instanceof Expr.Unary u) {
            return u.op().equals("NOT") ? SqlType.BOOLEAN : numeric(typeOf(u.operand()));
        }
        if (e instanceof Expr.Binary b) {
            return binaryType(b);
        }
        if (e instanceof Expr.Call c) {
            return callType(c);
        }
        if (e instanceof Expr.Cast c) {
            typeOf(c.operand());
            return c.type();
        }
        if (e instanceof Expr.Case c) {
            c.children().forEach(this::typeOf);
            List<Expr> results = new ArrayList<>(c.thens());
            if (c.otherwise() != null) {
                results.add(c.otherwise());
            }
            return results.stream().map(this::typeOf).filter(t -> t.kind() != SqlType.Kind.NULL).findFirst()
                    .orElse(SqlType.NULL);
        }
        if (e instanceof Expr.Subscript s) {
            typeOf(s.operand());
            typeOf(s.key());
            return SqlType.VARIANT;
        }
        if (e instanceof Expr.Star) {
            throw SimException.analysis("'*' is only allowed in a select list or count(*)");
        }
        e.children().forEach(this::typeOf);
        return SqlType.BOOLEAN;
    }

    private static SqlType numeric(SqlType t) {
        return t.isNumeric() && t.kind() != SqlType.Kind.BOOLEAN ? t : t.isString() ? SqlType.DOUBLE : SqlType.BIGINT;
    }

    private SqlType binaryType(Expr.Binary b) {
        SqlType l = typeOf(b.left());
        SqlType r = typeOf(b.right());
        String op = b.op();
        if (!List.of("+", "-", "*", "/", "%", "DIV").contains(op)) {
            return SqlType.BOOLEAN;
        }
        if (op.equals("DIV")) {
            return SqlType.BIGINT;
        }
        boolean floating = isFloating(l) || isFloating(r);
        boolean decimal = l.kind() == SqlType.Kind.DECIMAL || r.kind() == SqlType.Kind.DECIMAL;
        if (floating || (op.equals("/") && !decimal)) {
            return SqlType.DOUBLE;
        }
        if (decimal) {
            int ls = l.kind() == SqlType.Kind.DECIMAL ? l.scale() : 0;
            int rs = r.kind() == SqlType.Kind.DECIMAL ? r.scale() : 0;
            int scale = switch (op) {
                case "*" -> ls + rs;
                case "/" -> ls + 4;
                default -> Math.max(ls, rs);
            };
            return SqlType.decimal(38, Math.min(scale, 38));
        }
        boolean wide = l.kind() == SqlType.Kind.BIGINT || l.kind() == SqlType.Kind.LARGEINT
                || r.kind() == SqlType.Kind.BIGINT || r.kind() == SqlType.Kind.LARGEINT;
        if (op.equals("%")) {
            return wide ? SqlType.BIGINT : SqlType.INT;
        }
        return wide ? SqlType.LARGEINT : SqlType.BIGINT;
    }

    private static boolean isFloating(SqlType t) {
        return t.kind() == SqlType.Kind.DOUBLE || t.kind() == SqlType.Kind.FLOAT || t.isString()
                || t.kind() == SqlType.Kind.VARIANT || t.kind() == SqlType.Kind.JSON;
    }

    private SqlType callType(Expr.Call c) {
        if (!c.aggregate()) {
            List<SqlType> args = new ArrayList<>();
            c.args().forEach(a -> args.add(typeOf(a)));
            return SqlFunctions.type(c.name(), args);
        }
        if (c.name().equals("count")) {
            c.args().forEach(this::typeOf);
            return SqlType.BIGINT;
        }
        if (c.args().size() != 1 || c.star()) {
            throw SimException.analysis("Can not found function '" + c.name() + "' which has " + c.args().size()
                    + " arity");
        }
        SqlType t = typeOf(c.args().get(0));
        return switch (c.name()) {
            case "bitmap_union" -> SqlType.of("BITMAP");
            case "hll_union", "hll_raw_agg" -> SqlType.of("HLL");
            case "bitmap_union_count", "hll_union_agg" -> SqlType.BIGINT;
            case "sum" -> t.kind() == SqlType.Kind.DECIMAL ? SqlType.decimal(38, t.scale())
                    : t.kind() == SqlType.Kind.LARGEINT ? SqlType.LARGEINT : isFloating(t) ? SqlType.DOUBLE
                    : SqlType.BIGINT;
            case "avg" -> t.kind() == SqlType.Kind.DECIMAL ? SqlType.decimal(38, Math.max(t.scale(), 4))
                    : SqlType.DOUBLE;
            default -> t;
        };
    }

    private String variable(Expr.Variable v) {
        String name = v.name().toLowerCase(java.util.Locale.ROOT);
        if (!session.variables().containsKey(name)) {
            throw new SimException("ANALYSIS_ERROR", 1193, "Unknown system variable '" + v.name() + "'");
        }
        return session.variables().get(name);
    }

    // ---- evaluation ---------------------------------------------------------------------------

    /** Whether {@code e} is TRUE for the row (NULL and FALSE are not). */
    boolean test(Expr e, Object[] row, List<Object[]> group) {
        Object v = eval(e, row, group);
        return v != null && SqlValues.toBoolean(v);
    }

    /** The value of {@code e}; {@code group} holds the group's rows when aggregates are allowed. */
    Object eval(Expr e, Object[] row, List<Object[]> group) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Column c) {
            return row == null ? null : row[columns.index(c)];
        }
        if (e instanceof Expr.Variable v) {
            return variable(v);
        }
        if (e instanceof Expr.Unary u) {
            Object x = eval(u.operand(), row, group);
            if (x == null) {
                return null;
            }
            return u.op().equals("NOT") ? !SqlValues.toBoolean(x) : arithmetic("-", 0L, x);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, row, group);
        }
        if (e instanceof Expr.Call c) {
            if (c.aggregate()) {
                return aggregate(c, group);
            }
            List<Object> args = new ArrayList<>();
            c.args().forEach(a -> args.add(eval(a, row, group)));
            return SqlFunctions.call(c.name(), session, args);
        }
        if (e instanceof Expr.Cast c) {
            Object x = eval(c.operand(), row, group);
            SqlType from = typeOf(c.operand());
            if (x instanceof String s && (from.kind() == SqlType.Kind.VARIANT || from.kind() == SqlType.Kind.JSON)) {
                x = SqlValues.jsonText(s);
            }
            return SqlValues.cast(x, c.type());
        }
        if (e instanceof Expr.Case c) {
            return caseWhen(c, row, group);
        }
        if (e instanceof Expr.In in) {
            return in(in, row, group);
        }
        if (e instanceof Expr.Between b) {
            Object x = eval(b.operand(), row, group);
            Boolean r = and(compare(">=", x, eval(b.low(), row, group)), compare("<=", x, eval(b.high(), row, group)));
            return r == null ? null : r != b.not();
        }
        if (e instanceof Expr.Like l) {
            Object x = eval(l.operand(), row, group);
            Object p = eval(l.pattern(), row, group);
            if (x == null || p == null) {
                return null;
            }
            return like(SqlValues.format(p, null)).matcher(SqlValues.format(x, null)).matches() != l.not();
        }
        if (e instanceof Expr.IsNull n) {
            return (eval(n.operand(), row, group) == null) != n.not();
        }
        if (e instanceof Expr.Subscript s) {
            Object x = eval(s.operand(), row, group);
            Object k = eval(s.key(), row, group);
            return x == null || k == null ? null : SqlValues.jsonMember(SqlValues.format(x, null), k);
        }
        throw SimException.analysis("'*' is only allowed in a select list or count(*)");
    }

    private Object binary(Expr.Binary b, Object[] row, List<Object[]> group) {
        String op = b.op();
        if (op.equals("AND") || op.equals("OR")) {
            Boolean l = bool(eval(b.left(), row, group));
            if (op.equals("AND") && Boolean.FALSE.equals(l) || op.equals("OR") && Boolean.TRUE.equals(l)) {
                return l;
            }
            Boolean r = bool(eval(b.right(), row, group));
            return op.equals("AND") ? and(l, r) : or(l, r);
        }
        Object l = eval(b.left(), row, group);
        Object r = eval(b.right(), row, group);
        if (List.of("=", "<=>", "!=", "<", "<=", ">", ">=").contains(op)) {
            return compare(op, l, r);
        }
        return arithmetic(op, l, r);
    }

    /** A value as a condition; a string that is no boolean or number is NULL, as Doris's cast to BOOLEAN gives. */
    private static Boolean bool(Object v) {
        try {
            return v == null ? null : SqlValues.toBoolean(v);
        } catch (SqlValues.NotConvertible e) {
            return null;
        }
    }

    private static Boolean and(Boolean l, Boolean r) {
        if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
            return false;
        }
        return l == null || r == null ? null : true;
    }

    private static Boolean or(Boolean l, Boolean r) {
        if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
            return true;
        }
        return l == null || r == null ? null : false;
    }

    static Boolean compare(String op, Object l, Object r) {
        if (op.equals("<=>")) {
            return l == null || r == null ? l == r : SqlValues.compare(l, r) == 0;
        }
        if (l == null || r == null) {
            return null;
        }
        int c = SqlValues.compare(l, r);
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** {@code + - * / % DIV} with Doris's promotion: double, then decimal, then integers. */
    static Object arithmetic(String op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        try {
            boolean floating = a instanceof Double || b instanceof Double || a instanceof String || b instanceof String;
            boolean decimal = a instanceof BigDecimal || b instanceof BigDecimal;
            if (op.equals("DIV")) {
                BigDecimal d = SqlValues.toDecimal(b);
                return d.signum() == 0 ? null : narrow(SqlValues.toDecimal(a).divide(d, 0, RoundingMode.DOWN)
                        .toBigInteger());
            }
            if (floating || (op.equals("/") && !decimal)) {
                double x = SqlValues.toDouble(a);
                double y = SqlValues.toDouble(b);
                return switch (op) {
                    case "+" -> x + y;
                    case "-" -> x - y;
                    case "*" -> x * y;
                    case "/" -> y == 0 ? null : x / y;
                    default -> y == 0 ? null : x % y;
                };
            }
            BigDecimal x = SqlValues.toDecimal(a);
            BigDecimal y = SqlValues.toDecimal(b);
            BigDecimal r = switch (op) {
                case "+" -> x.add(y);
                case "-" -> x.subtract(y);
                case "*" -> x.multiply(y);
                case "/" -> y.signum() == 0 ? null : x.divide(y, x.scale() + 4, RoundingMode.HALF_UP);
                default -> y.signum() == 0 ? null : x.remainder(y);
            };
            if (r == null || decimal) {
                return r;
            }
            return narrow(r.toBigInteger());
        } catch (SqlValues.NotConvertible e) {
            return null;
        }
    }

    private static Object narrow(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private Object caseWhen(Expr.Case c, Object[] row, List<Object[]> group) {
        Object operand = c.operand() == null ? null : eval(c.operand(), row, group);
        for (int i = 0; i < c.whens().size(); i++) {
            Object w = eval(c.whens().get(i), row, group);
            boolean hit = c.operand() == null ? w != null && SqlValues.toBoolean(w)
                    : Boolean.TRUE.equals(compare("=", operand, w));
            if (hit) {
                return eval(c.thens().get(i), row, group);
            }
        }
        return c.otherwise() == null ? null : eval(c.otherwise(), row, group);
    }

    private Object in(Expr.In in, Object[] row, List<Object[]> group) {
        Object x = eval(in.operand(), row, group);
        if (x == null) {
            return null;
        }
        boolean sawNull = false;
        for (Expr e : in.list()) {
            Object v = eval(e, row, group);
            if (v == null) {
                sawNull = true;
            } else if (SqlValues.compare(x, v) == 0) {
                return !in.not();
            }
        }
        return sawNull ? null : in.not();
    }

    /** A LIKE pattern as a regex: {@code %} any run, {@code _} one char, backslash escapes; case-sensitive. */
    static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '%') {
                regex.append(".*");
            } else if (ch == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private Object aggregate(Expr.Call c, List<Object[]> group) {
        if (group == null) {
            throw SimException.analysis("aggregate function " + c.label() + " is not allowed here");
        }
        if (c.star()) {
            return (long) group.size();
        }
        List<Object> values = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (Object[] r : group) {
            List<Object> args = new ArrayList<>();
            boolean anyNull = false;
            for (Expr a : c.args()) {
                Object v = eval(a, r, null);
                anyNull |= v == null;
                args.add(v);
            }
            if (anyNull) {
                continue;
            }
            if (c.distinct()) {
                List<String> key = new ArrayList<>();
                args.forEach(v -> key.add(v.getClass().getSimpleName() + ":" + SqlValues.format(v, null)));
                if (!seen.add(key)) {
                    continue;
                }
            }
            values.add(args.get(0));
        }
        switch (c.name()) {
            case "count":
                return (long) values.size();
            case "bitmap_union", "hll_union", "hll_raw_agg", "bitmap_union_count", "hll_union_agg": {
                List<String> texts = new ArrayList<>();
                values.forEach(v -> texts.add(v instanceof String str ? str : SqlValues.format(v, null)));
                String u = BitmapHll.union(texts);
                return c.name().endsWith("_count") || c.name().equals("hll_union_agg") ? (Object) BitmapHll.count(u) : u;
            }
            case "min":
            case "max":
                Object best = null;
                for (Object v : values) {
                    int cmp = best == null ? 0 : SqlValues.compare(v, best);
                    if (best == null || (c.name().equals("min") ? cmp < 0 : cmp > 0)) {
                        best = v;
                    }
                }
                return best;
            default:
                if (values.isEmpty()) {
                    return null;
                }
                Object sum = values.get(0) instanceof BigDecimal || values.get(0) instanceof Double
                        || values.get(0) instanceof String ? values.get(0) : arithmetic("+", 0L, values.get(0));
                for (Object v : values.subList(1, values.size())) {
                    sum = arithmetic("+", sum, v);
                }
                if (c.name().equals("sum")) {
                    return sum instanceof String s ? SqlValues.cast(s, SqlType.DOUBLE) : sum;
                }
                if (sum instanceof BigDecimal d) {
                    return d.divide(BigDecimal.valueOf(values.size()), Math.max(d.scale(), 4), RoundingMode.HALF_UP);
                }
                Double total = (Double) SqlValues.cast(sum, SqlType.DOUBLE);
                return total == null ? null : total / values.size();
        }
    }
}
