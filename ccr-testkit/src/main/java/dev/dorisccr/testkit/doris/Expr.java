package dev.dorisccr.testkit.doris;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed SQL expression. {@link #label()} is the column name Doris gives an unaliased select item
 * (its {@code toSql()}: {@code count(*)}, {@code (k + 1)}, {@code upper(v)}, {@code cast(k as TEXT)}).
 */
sealed interface Expr permits Expr.Literal, Expr.Column, Expr.Variable, Expr.Unary, Expr.Binary, Expr.Call,
        Expr.Cast, Expr.Case, Expr.In, Expr.Between, Expr.Like, Expr.IsNull, Expr.Subscript, Expr.Star,
        Expr.Subquery, Expr.Exists {

    Set<String> AGGREGATES = Set.of("count", "sum", "min", "max", "avg", "bitmap_union", "bitmap_union_count",
            "hll_union", "hll_union_agg", "hll_raw_agg");

    String label();

    List<Expr> children();

    /** Whether this expression or one inside it is an aggregate call. */
    default boolean hasAggregate() {
        if (this instanceof Call c && c.aggregate()) {
            return true;
        }
        return children().stream().anyMatch(Expr::hasAggregate);
    }

    /** A constant of its literal type (integers get the smallest integer type that holds them). */
    record Literal(Object value, SqlType type) implements Expr {
        public Literal {
            requireNonNull(type, "type is null");
        }

        @Override
        public String label() {
            if (value == null) {
                return "NULL";
            }
            if (value instanceof Boolean b) {
                return b ? "TRUE" : "FALSE";
            }
            if (value instanceof String s) {
                return "'" + s + "'";
            }
            return SqlValues.format(value, type);
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /** A column, optionally qualified by table (or db.table). */
    record Column(String qualifier, String name) implements Expr {
        public Column {
            requireNonNull(qualifier, "qualifier is null");
            requireNonNull(name, "name is null");
        }

        @Override
        public String label() {
            return name;
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /** {@code @@name} / {@code @@session.name}; {@code scope} is "" or the written scope. */
    record Variable(String name, String scope) implements Expr {
        @Override
        public String label() {
            return "@@" + (scope.isEmpty() ? "" : scope + ".") + name;
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /** {@code -x}, {@code +x}, {@code NOT x}. */
    record Unary(String op, Expr operand) implements Expr {
        @Override
        public String label() {
            return op.equals("NOT") ? "( NOT " + operand.label() + ")" : "(" + op + operand.label() + ")";
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** Arithmetic ({@code + - * / % DIV}), comparison ({@code = <=> != < <= > >=}) or AND / OR. */
    record Binary(String op, Expr left, Expr right) implements Expr {
        @Override
        public String label() {
            return "(" + left.label() + " " + op + " " + right.label() + ")";
        }

        @Override
        public List<Expr> children() {
            return List.of(left, right);
        }
    }

    /** A function call; {@code name} is lower case; {@code star} is {@code count(*)}. */
    record Call(String name, boolean distinct, boolean star, List<Expr> args) implements Expr {
        public Call {
            name = name.toLowerCase(Locale.ROOT);
            args = List.copyOf(args);
        }

        boolean aggregate() {
            return AGGREGATES.contains(name);
        }

        @Override
        public String label() {
            if (star) {
                return name + "(*)";
            }
            List<String> parts = new ArrayList<>();
            args.forEach(a -> parts.add(a.label()));
            return name + "(" + (distinct ? "DISTINCT " : "") + String.join(", ", parts) + ")";
        }

        @Override
        public List<Expr> children() {
            return args;
        }
    }

    /** {@code CAST(x AS type)}. */
    record Cast(Expr operand, SqlType type) implements Expr {
        @Override
        public String label() {
            return "cast(" + operand.label() + " as " + type.sql() + ")";
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** {@code CASE [operand] WHEN w THEN t ... [ELSE e] END}; {@code operand} and {@code otherwise} may be null. */
    record Case(Expr operand, List<Expr> whens, List<Expr> thens, Expr otherwise) implements Expr {
        public Case {
            whens = List.copyOf(whens);
            thens = List.copyOf(thens);
        }

        @Override
        public String label() {
            StringBuilder sb = new StringBuilder("CASE");
            if (operand != null) {
                sb.append(' ').append(operand.label());
            }
            for (int i = 0; i < whens.size(); i++) {
                sb.append(" WHEN ").append(whens.get(i).label()).append(" THEN ").append(thens.get(i).label());
            }
            if (otherwise != null) {
                sb.append(" ELSE ").append(otherwise.label());
            }
            return sb.append(" END").toString();
        }

        @Override
        public List<Expr> children() {
            List<Expr> out = new ArrayList<>();
            if (operand != null) {
                out.add(operand);
            }
            for (int i = 0; i < whens.size(); i++) {
                out.add(whens.get(i));
                out.add(thens.get(i));
            }
            if (otherwise != null) {
                out.add(otherwise);
            }
            return out;
        }
    }

    /** {@code x [NOT] IN (a, b, ...)}. */
    record In(Expr operand, List<Expr> list, boolean not) implements Expr {
        public In {
            list = List.copyOf(list);
        }

        @Override
        public String label() {
            List<String> parts = new ArrayList<>();
            list.forEach(a -> parts.add(a.label()));
            return operand.label() + (not ? " NOT" : "") + " IN (" + String.join(", ", parts) + ")";
        }

        @Override
        public List<Expr> children() {
            List<Expr> out = new ArrayList<>(list);
            out.add(0, operand);
            return out;
        }
    }

    /** {@code x [NOT] BETWEEN lo AND hi}. */
    record Between(Expr operand, Expr low, Expr high, boolean not) implements Expr {
        @Override
        public String label() {
            return operand.label() + (not ? " NOT" : "") + " BETWEEN " + low.label() + " AND " + high.label();
        }

        @Override
        public List<Expr> children() {
            return List.of(operand, low, high);
        }
    }

    /** {@code x [NOT] LIKE pattern}. */
    record Like(Expr operand, Expr pattern, boolean not) implements Expr {
        @Override
        public String label() {
            return operand.label() + (not ? " NOT" : "") + " LIKE " + pattern.label();
        }

        @Override
        public List<Expr> children() {
            return List.of(operand, pattern);
        }
    }

    /** {@code x IS [NOT] NULL}. */
    record IsNull(Expr operand, boolean not) implements Expr {
        @Override
        public String label() {
            return operand.label() + (not ? " IS NOT NULL" : " IS NULL");
        }

        @Override
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** {@code v["key"]} / {@code v[0]} on a VARIANT or JSON value. */
    record Subscript(Expr operand, Expr key) implements Expr {
        @Override
        public String label() {
            return operand.label() + "[" + key.label() + "]";
        }

        @Override
        public List<Expr> children() {
            return List.of(operand, key);
        }
    }

    /** {@code *} or {@code t.*} in a select list. */
    record Star(String qualifier) implements Expr {
        @Override
        public String label() {
            return qualifier.isEmpty() ? "*" : qualifier + ".*";
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /**
     * {@code (SELECT ...)}: a scalar subquery, or the only element of an IN list ({@code x IN (SELECT
     * ...)}). The query engine runs it before the outer query and puts its values in its place.
     */
    record Subquery(Query query, String text) implements Expr {
        public Subquery {
            requireNonNull(query, "query is null");
        }

        @Override
        public String label() {
            return "(" + text + ")";
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }

    /** {@code EXISTS (SELECT ...)}; {@code NOT EXISTS} is its negation. */
    record Exists(Subquery subquery) implements Expr {
        public Exists {
            requireNonNull(subquery, "subquery is null");
        }

        @Override
        public String label() {
            return "EXISTS " + subquery.label();
        }

        @Override
        public List<Expr> children() {
            return List.of();
        }
    }
}
