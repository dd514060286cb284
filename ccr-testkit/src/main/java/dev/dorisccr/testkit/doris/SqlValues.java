package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed values of the query engine and their conversions. A value is {@code null} (SQL NULL),
 * {@link Boolean}, {@link Long} (TINYINT..BIGINT), {@link BigInteger} (LARGEINT), {@link BigDecimal},
 * {@link Double}, {@link LocalDate}, {@link LocalDateTime} or {@link String} (character types, JSON,
 * VARIANT and unmodelled types as their text). Rows are stored as the text {@link #format} gives,
 * which is how Doris prints the value.
 */
final class SqlValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?$");
    private static final Pattern COMPACT_DATE = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2}))?$");
    private static final BigDecimal DOUBLE_EXACT_LIMIT = new BigDecimal("1e16");

    private SqlValues() {}

    /** Thrown when a value does not fit a type; a CAST answers NULL, a strict INSERT refuses. */
    static final class NotConvertible extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotConvertible(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads stored text as a value of the column type (text that does not parse stays text). */
    static Object parseStored(String text, SqlType type) {
        if (text == null) {
            return null;
        }
        try {
            return convert(text, type);
        } catch (NotConvertible e) {
            return text;
        }
    }

    /** CAST semantics: a value that does not convert is NULL. */
    static Object cast(Object v, SqlType type) {
        try {
            return convert(v, type);
        } catch (NotConvertible e) {
            return null;
        }
    }

    /** Converts or throws {@link NotConvertible}. */
    static Object convert(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        return switch (type.kind()) {
            case NULL, OTHER -> v instanceof String s ? s : format(v, type);
            case BOOLEAN -> toBoolean(v);
            case TINYINT -> integer(v, 8);
            case SMALLINT -> integer(v, 16);
            case INT -> integer(v, 32);
            case BIGINT -> integer(v, 64);
            case LARGEINT -> largeint(v);
            case DECIMAL -> decimal(v, type);
            case FLOAT -> (double) (float) toDouble(v);
            case DOUBLE -> toDouble(v);
            case DATE -> toDateTime(v, 0).toLocalDate();
            case DATETIME -> toDateTime(v, type.precision());
            case CHAR, VARCHAR, STRING -> v instanceof String s ? s : format(v, null);
            case JSON, VARIANT -> json(v);
        };
    }

    private static String json(Object v) {
        if (!(v instanceof String s)) {
            return format(v, null);
        }
        try {
            JsonNode n = JSON.readTree(s);
            if (n == null || n.isMissingNode()) {
                throw new NotConvertible("not JSON: " + s);
            }
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new NotConvertible("not JSON: " + s);
        }
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal || v instanceof Double
                || v instanceof Boolean;
    }

    /** A number as BigDecimal (Boolean is 1/0, strings are parsed). */
    static BigDecimal toDecimal(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new NotConvertible("not a finite number: " + d);
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new NotConvertible("not a number: '" + s + "'");
            }
        }
        if (v instanceof LocalDate d) {
            return BigDecimal.valueOf(d.getYear() * 10000L + d.getMonthValue() * 100L + d.getDayOfMonth());
        }
        throw new NotConvertible("not a number: " + v);
    }

    static double toDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new NotConvertible("not a number: '" + s + "'");
            }
        }
        return toDecimal(v).doubleValue();
    }

    private static Long integer(Object v, int bits) {
        BigInteger b = largeint(v);
        if (b.bitLength() > bits - 1) {
            throw new NotConvertible("out of range: " + b);
        }
        return b.longValue();
    }

    private static BigInteger largeint(Object v) {
        if (v instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        BigInteger b = toDecimal(v).setScale(0, RoundingMode.DOWN).toBigInteger();
        if (b.bitLength() > 127) {
            throw new NotConvertible("out of range: " + b);
        }
        return b;
    }

    private static BigDecimal decimal(Object v, SqlType type) {
        BigDecimal d = toDecimal(v).setScale(type.scale(), RoundingMode.HALF_UP);
        if (d.precision() - d.scale() > type.precision() - type.scale() && d.signum() != 0) {
            throw new NotConvertible("out of range for " + type.sql() + ": " + d);
        }
        return d;
    }

    static Boolean toBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return true;
            }
            if (t.equals("false")) {
                return false;
            }
        }
        return toDecimal(v).signum() != 0;
    }

    static LocalDateTime toDateTime(Object v, int fractionDigits) {
        LocalDateTime t;
        if (v instanceof LocalDateTime dt) {
            t = dt;
        } else if (v instanceof LocalDate d) {
            t = d.atStartOfDay();
        } else {
            t = parseDateTime(v instanceof String s ? s.trim() : toDecimal(v).toPlainString());
        }
        int drop = 9 - fractionDigits;
        int nanos = t.getNano() / pow10(drop) * pow10(drop);
        return t.withNano(nanos);
    }

    private static int pow10(int n) {
        int r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    private static LocalDateTime parseDateTime(String s) {
        Matcher m = DATE_TIME.matcher(s);
        try {
            if (m.matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                if (m.group(4) == null) {
                    return d.atStartOfDay();
                }
                String frac = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
                return d.atTime(LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(frac)));
            }
            m = COMPACT_DATE.matcher(s);
            if (m.matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                return m.group(4) == null ? d.atStartOfDay() : d.atTime(Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            }
        } catch (java.time.DateTimeException e) {
            throw new NotConvertible("not a date: '" + s + "'");
        }
        throw new NotConvertible("not a date: '" + s + "'");
    }

    /**
     * The text Doris prints for a value: booleans 1/0, decimals with their scale, doubles without a
     * trailing {@code .0}, datetimes with {@code type}'s fraction digits (none when type is null).
     */
    static String format(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return formatDouble(d);
        }
        if (v instanceof LocalDateTime t) {
            int digits = type != null && type.kind() == SqlType.Kind.DATETIME ? type.precision() : 0;
            String base = t.toLocalDate() + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(),
                    t.getMinute(), t.getSecond());
            if (digits == 0) {
                return base;
            }
            return base + "." + String.format(Locale.ROOT, "%09d", t.getNano()).substring(0, digits);
        }
        return v.toString();
    }

    private static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        BigDecimal b = BigDecimal.valueOf(d);
        if (b.abs().compareTo(DOUBLE_EXACT_LIMIT) < 0) {
            String s = b.stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
        String exp = s.substring(e + 1);
        return mantissa + "e" + (exp.startsWith("-") ? exp : "+" + exp);
    }

    /**
     * Orders two non-null values as Doris compares them after implicit casts: numbers
     * numerically, dates in time, a string against a number or date converted to that side's type.
     */
    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return Double.compare(toDouble(a), toDouble(b));
            }
            return toDecimal(a).compareTo(toDecimal(b));
        }
        if (isDateLike(a) || isDateLike(b)) {
            try {
                return toDateTime(a, 9).compareTo(toDateTime(b, 9));
            } catch (NotConvertible e) {
                return format(a, null).compareTo(format(b, null));
            }
        }
        if (isNumber(a) || isNumber(b)) {
            try {
                return Double.compare(toDouble(a), toDouble(b));
            } catch (NotConvertible e) {
                return format(a, null).compareTo(format(b, null));
            }
        }
        return compareText(format(a, null), format(b, null));
    }

    private static boolean isDateLike(Object v) {
        return v instanceof LocalDate || v instanceof LocalDateTime;
    }

    /** Strings compare by their UTF-8 bytes, as Doris does. */
    static int compareText(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** A JSON object member or array element of a JSON / VARIANT text, as JSON text; null if absent. */
    static String jsonMember(String json, Object key) {
        try {
            JsonNode n = JSON.readTree(json);
            JsonNode m = key instanceof Long i ? n.path(i.intValue()) : n.path(String.valueOf(key));
            return m.isMissingNode() || m.isNull() ? null : JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** JSON text as a plain string: a JSON string without its quotes, anything else as is. */
    static String jsonText(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return n != null && n.isTextual() ? n.textValue() : json;
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
