package dev.dorisccr.testkit.doris;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scalar functions the query engine knows, each with its arity, result type and evaluation.
 * Most are null in, null out; {@code ifnull}, {@code coalesce}, {@code if}, {@code concat_ws} and the
 * session functions are not. An unknown name or a wrong arity fails as Doris does ({@code Can not
 * found function 'f'}, {@code ... which has N arity}).
 */
final class SqlFunctions {
    /** What session-dependent functions read: the current database and the clock's now. */
    record Session(String database, LocalDateTime now, Map<String, String> variables) {}

    private record Fn(int minArgs, int maxArgs, boolean strict, Function<List<SqlType>, SqlType> type,
            BiFunction<Session, List<Object>, Object> eval) {}

    private static final Map<String, Fn> FUNCTIONS;

    static {
        Map<String, Fn> m = new HashMap<>();
        Function<List<SqlType>, SqlType> varchar = t -> SqlType.VARCHAR;
        Function<List<SqlType>, SqlType> integer = t -> SqlType.INT;
        Function<List<SqlType>, SqlType> first = t -> t.get(0);
        add(m, "concat", 1, 99, true, varchar, (s, a) -> {
            StringBuilder sb = new StringBuilder();
            a.forEach(x -> sb.append(text(x)));
            return sb.toString();
        });
        add(m, "concat_ws", 2, 99, false, varchar, (s, a) -> {
            if (a.get(0) == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (Object x : a.subList(1, a.size())) {
                if (x != null) {
                    sb.append(sb.length() > 0 ? text(a.get(0)) : "").append(text(x));
                }
            }
            return sb.toString();
        });
        for (String n : List.of("upper", "ucase")) {
            add(m, n, 1, 1, true, varchar, (s, a) -> text(a.get(0)).toUpperCase(Locale.ROOT));
        }
        for (String n : List.of("lower", "lcase")) {
            add(m, n, 1, 1, true, varchar, (s, a) -> text(a.get(0)).toLowerCase(Locale.ROOT));
        }
        add(m, "length", 1, 1, true, integer, (s, a) -> (long) text(a.get(0)).getBytes(StandardCharsets.UTF_8).length);
        for (String n : List.of("char_length", "character_length")) {
            add(m, n, 1, 1, true, integer, (s, a) -> (long) text(a.get(0)).codePointCount(0, text(a.get(0)).length()));
        }
        for (String n : List.of("substr", "substring", "mid")) {
            add(m, n, 2, 3, true, varchar, (s, a) -> substr(text(a.get(0)), toLong(a.get(1)),
                    a.size() > 2 ? toLong(a.get(2)) : Integer.MAX_VALUE));
        }
        add(m, "left", 2, 2, true, varchar, (s, a) -> substr(text(a.get(0)), 1, toLong(a.get(1))));
        add(m, "right", 2, 2, true, varchar, (s, a) -> {
            String x = text(a.get(0));
            long n = toLong(a.get(1));
            int len = x.codePointCount(0, x.length());
            return n <= 0 ? "" : substr(x, Math.max(1, len - n + 1), n);
        });
        add(m, "trim", 1, 1, true, varchar, (s, a) -> text(a.get(0)).strip());
        add(m, "ltrim", 1, 1, true, varchar, (s, a) -> text(a.get(0)).stripLeading());
        add(m, "rtrim", 1, 1, true, varchar, (s, a) -> text(a.get(0)).stripTrailing());
        add(m, "replace", 3, 3, true, varchar, (s, a) -> text(a.get(0)).replace(text(a.get(1)), text(a.get(2))));
        add(m, "reverse", 1, 1, true, varchar, (s, a) -> new StringBuilder(text(a.get(0))).reverse().toString());
        add(m, "abs", 1, 1, true, first, (s, a) -> a.get(0) instanceof Double d ? Math.abs(d)
                : a.get(0) instanceof Long l ? Math.abs(l) : SqlValues.toDecimal(a.get(0)).abs());
        for (String n : List.of("ceil", "ceiling")) {
            add(m, n, 1, 1, true, t -> SqlType.BIGINT, (s, a) -> round(a.get(0), RoundingMode.CEILING));
        }
        add(m, "floor", 1, 1, true, t -> SqlType.BIGINT, (s, a) -> round(a.get(0), RoundingMode.FLOOR));
        add(m, "round", 1, 2, true, t -> t.get(0).kind() == SqlType.Kind.DECIMAL && t.size() == 1
                ? SqlType.decimal(t.get(0).precision(), 0) : t.get(0), (s, a) -> {
                    int digits = a.size() > 1 ? (int) toLong(a.get(1)) : 0;
                    if (a.get(0) instanceof Double d) {
                        return BigDecimal.valueOf(d).setScale(digits, RoundingMode.HALF_UP).doubleValue();
                    }
                    BigDecimal r = SqlValues.toDecimal(a.get(0)).setScale(digits, RoundingMode.HALF_UP);
                    return a.get(0) instanceof Long ? (Object) r.longValue() : r;
                });
        add(m, "mod", 2, 2, true, first, (s, a) -> SqlEval.arithmetic("%", a.get(0), a.get(1)));
        for (String n : List.of("ifnull", "nvl")) {
            add(m, n, 2, 2, false, first, (s, a) -> a.get(0) != null ? a.get(0) : a.get(1));
        }
        add(m, "coalesce", 1, 99, false, first, (s, a) -> a.stream().filter(x -> x != null).findFirst().orElse(null));
        add(m, "nullif", 2, 2, false, first, (s, a) -> a.get(0) != null && a.get(1) != null
                && SqlValues.compare(a.get(0), a.get(1)) == 0 ? null : a.get(0));
        add(m, "if", 3, 3, false, t -> t.get(1).kind() == SqlType.Kind.NULL ? t.get(2) : t.get(1),
                (s, a) -> a.get(0) != null && SqlValues.toBoolean(a.get(0)) ? a.get(1) : a.get(2));
        for (String n : List.of("database", "schema")) {
            add(m, n, 0, 0, false, varchar, (s, a) -> s.database().isEmpty() ? null : s.database());
        }
        add(m, "version", 0, 0, false, varchar, (s, a) -> s.variables().get("version"));
        for (String n : List.of("now", "current_timestamp", "localtime", "localtimestamp")) {
            add(m, n, 0, 1, false, t -> SqlType.DATETIME, (s, a) -> s.now());
        }
        for (String n : List.of("curdate", "current_date")) {
            add(m, n, 0, 0, false, t -> SqlType.DATE, (s, a) -> s.now().toLocalDate());
        }
        for (String n : List.of("date", "to_date")) {
            add(m, n, 1, 1, true, t -> SqlType.DATE, (s, a) -> SqlValues.cast(a.get(0), SqlType.DATE));
        }
        add(m, "year", 1, 1, true, t -> SqlType.SMALLINT, (s, a) -> (long) date(a.get(0)).getYear());
        add(m, "month", 1, 1, true, t -> SqlType.TINYINT, (s, a) -> (long) date(a.get(0)).getMonthValue());
        for (String n : List.of("day", "dayofmonth")) {
            add(m, n, 1, 1, true, t -> SqlType.TINYINT, (s, a) -> (long) date(a.get(0)).getDayOfMonth());
        }
        // each argument hashed with the previous hash as seed (the first with 0), as Doris's BE does
        add(m, "murmur_hash3_64", 1, 99, true, t -> SqlType.BIGINT, (s, a) -> {
            long h = 0;
            for (Object x : a) {
                h = MurmurHash3.x64Hash64(text(x).getBytes(StandardCharsets.UTF_8), h);
            }
            return h;
        });
        Function<List<SqlType>, SqlType> bitmap = t -> SqlType.of("BITMAP");
        Function<List<SqlType>, SqlType> hll = t -> SqlType.of("HLL");
        add(m, "to_bitmap", 1, 1, true, bitmap, (s, a) -> BitmapHll.toBitmap(a.get(0)));
        add(m, "bitmap_from_string", 1, 1, true, bitmap, (s, a) -> BitmapHll.fromString(text(a.get(0))));
        add(m, "bitmap_empty", 0, 0, false, bitmap, (s, a) -> "");
        add(m, "bitmap_hash", 1, 1, true, bitmap, (s, a) -> Long.toUnsignedString(
                Long.parseUnsignedLong(BitmapHll.hllHash(a.get(0)).substring(0, 8), 16)));
        add(m, "bitmap_count", 1, 1, false, t -> SqlType.BIGINT, (s, a) -> BitmapHll.count(bitmapText(a.get(0))));
        add(m, "bitmap_to_string", 1, 1, true, varchar, (s, a) -> bitmapText(a.get(0)));
        add(m, "hll_hash", 1, 1, false, hll, (s, a) -> a.get(0) == null ? "" : BitmapHll.hllHash(a.get(0)));
        add(m, "hll_empty", 0, 0, false, hll, (s, a) -> "");
        add(m, "hll_cardinality", 1, 1, false, t -> SqlType.BIGINT, (s, a) -> BitmapHll.count(bitmapText(a.get(0))));
        FUNCTIONS = Map.copyOf(m);
    }

    private SqlFunctions() {}

    private static void add(Map<String, Fn> m, String name, int min, int max, boolean strict, Function<List<SqlType>, SqlType> type,
            BiFunction<Session, List<Object>, Object> eval) {
        m.put(name, new Fn(min, max, strict, type, eval));
    }

    private static Fn lookup(String name, int arity) {
        Fn f = FUNCTIONS.get(name);
        if (f == null) {
            throw SimException.analysis("Can not found function '" + name + "'");
        }
        if (arity < f.minArgs() || arity > f.maxArgs()) {
            throw SimException.analysis("Can not found function '" + name + "' which has " + arity + " arity");
        }
        return f;
    }

    /** The result type; checks that the function exists with this many arguments. */
    static SqlType type(String name, List<SqlType> args) {
        return lookup(name, args.size()).type().apply(args);
    }

    static Object call(String name, Session session, List<Object> args) {
        Fn f = lookup(name, args.size());
        if (f.strict() && args.contains(null)) {
            return null;
        }
        try {
            return f.eval().apply(session, args);
        } catch (SqlValues.NotConvertible e) {
            return null;
        }
    }

    private static String text(Object v) {
        return v instanceof String s ? s : SqlValues.format(v, null);
    }

    private static String bitmapText(Object v) {
        return v == null ? null : text(v);
    }

    private static long toLong(Object v) {
        return SqlValues.toDecimal(v).setScale(0, RoundingMode.DOWN).longValue();
    }

    private static LocalDate date(Object v) {
        return SqlValues.toDateTime(v, 0).toLocalDate();
    }

    private static Object round(Object v, RoundingMode mode) {
        return SqlValues.toDecimal(v).setScale(0, mode).longValue();
    }

    /** Doris substr: 1-based, a negative start counts from the end, 0 or past the end is "". */
    private static String substr(String s, long pos, long len) {
        int[] cps = s.codePoints().toArray();
        long start = pos > 0 ? pos - 1 : cps.length + pos;
        if (pos == 0 || start < 0 || start >= cps.length || len <= 0) {
            return "";
        }
        long end = Math.min(cps.length, start + len);
        return new String(cps, (int) start, (int) (end - start));
    }
}
