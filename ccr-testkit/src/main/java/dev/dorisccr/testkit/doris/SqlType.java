package dev.dorisccr.testkit.doris;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.testkit.mysql.ColumnType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Doris scalar type as the query engine sees it: the kind plus its arguments (length, precision
 * and scale, datetime fraction digits). Parsed from a column's type text ({@code DECIMAL(10, 2)},
 * {@code DATETIME(3)}, {@code VARCHAR(20)}); types the engine does not model (ARRAY, MAP, BITMAP...)
 * become {@link Kind#OTHER} and keep their stored text.
 *
 * @param kind the type family
 * @param precision VARCHAR/CHAR length, DECIMAL precision, DATETIME fraction digits; 0 when none
 * @param scale DECIMAL scale; 0 otherwise
 */
record SqlType(Kind kind, int precision, int scale) {
    private static final Pattern ARGS = Pattern.compile("^([A-Z_0-9]+)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?$");

    static final SqlType NULL = new SqlType(Kind.NULL, 0, 0);
    static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, 0, 0);
    static final SqlType TINYINT = new SqlType(Kind.TINYINT, 0, 0);
    static final SqlType SMALLINT = new SqlType(Kind.SMALLINT, 0, 0);
    static final SqlType INT = new SqlType(Kind.INT, 0, 0);
    static final SqlType BIGINT = new SqlType(Kind.BIGINT, 0, 0);
    static final SqlType LARGEINT = new SqlType(Kind.LARGEINT, 0, 0);
    static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, 0, 0);
    static final SqlType DATE = new SqlType(Kind.DATE, 0, 0);
    static final SqlType DATETIME = new SqlType(Kind.DATETIME, 0, 0);
    static final SqlType VARCHAR = new SqlType(Kind.VARCHAR, 65533, 0);
    static final SqlType STRING = new SqlType(Kind.STRING, 0, 0);
    static final SqlType JSON = new SqlType(Kind.JSON, 0, 0);
    static final SqlType VARIANT = new SqlType(Kind.VARIANT, 0, 0);

    /** Type families, in the order Doris widens numbers. */
    enum Kind {
        NULL, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, DECIMAL, FLOAT, DOUBLE, DATE, DATETIME, CHAR,
        VARCHAR, STRING, JSON, VARIANT, OTHER
    }

    SqlType {
        requireNonNull(kind, "kind is null");
        if (precision < 0 || scale < 0) {
            throw new IllegalArgumentException("negative type argument");
        }
    }

    static SqlType decimal(int precision, int scale) {
        return new SqlType(Kind.DECIMAL, precision, scale);
    }

    /** The type of a column from its declared type text; never fails (unknown types are OTHER). */
    static SqlType of(String typeText) {
        String t = typeText.trim().toUpperCase(Locale.ROOT);
        Matcher m = ARGS.matcher(t);
        if (!m.matches()) {
            return new SqlType(Kind.OTHER, 0, 0);
        }
        String name = m.group(1);
        int a = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int b = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        switch (name) {
            case "BOOLEAN":
            case "BOOL":
                return BOOLEAN;
            case "TINYINT":
                return TINYINT;
            case "SMALLINT":
                return SMALLINT;
            case "INT":
            case "INTEGER":
                return INT;
            case "BIGINT":
                return BIGINT;
            case "LARGEINT":
                return LARGEINT;
            case "FLOAT":
                return new SqlType(Kind.FLOAT, 0, 0);
            case "DOUBLE":
                return DOUBLE;
            case "DECIMAL":
            case "DECIMALV3":
            case "DECIMALV2":
                return decimal(a < 0 ? (name.equals("DECIMALV2") ? 27 : 9) : a, a < 0 && name.equals("DECIMALV2") ? 9 : b);
            case "DATE":
            case "DATEV2":
                return DATE;
            case "DATETIME":
            case "DATETIMEV2":
                return new SqlType(Kind.DATETIME, Math.max(a, 0), 0);
            case "CHAR":
                return new SqlType(Kind.CHAR, a < 0 ? 1 : a, 0);
            case "VARCHAR":
                return new SqlType(Kind.VARCHAR, a < 0 ? 65533 : a, 0);
            case "STRING":
            case "TEXT":
                return STRING;
            case "JSON":
            case "JSONB":
                return JSON;
            case "VARIANT":
                return VARIANT;
            default:
                return new SqlType(Kind.OTHER, 0, 0);
        }
    }

    boolean isInteger() {
        return kind == Kind.TINYINT || kind == Kind.SMALLINT || kind == Kind.INT || kind == Kind.BIGINT
                || kind == Kind.LARGEINT;
    }

    boolean isNumeric() {
        return isInteger() || kind == Kind.DECIMAL || kind == Kind.FLOAT || kind == Kind.DOUBLE
                || kind == Kind.BOOLEAN;
    }

    boolean isString() {
        return kind == Kind.CHAR || kind == Kind.VARCHAR || kind == Kind.STRING;
    }

    boolean isDateLike() {
        return kind == Kind.DATE || kind == Kind.DATETIME;
    }

    /** The MySQL column type Doris sends for this type (PrimitiveType.toMysqlType). */
    ColumnType mysqlType() {
        return switch (kind) {
            case BOOLEAN, TINYINT -> ColumnType.TINYINT;
            case SMALLINT -> ColumnType.SMALLINT;
            case INT -> ColumnType.INT;
            case BIGINT -> ColumnType.BIGINT;
            case FLOAT -> ColumnType.FLOAT;
            case DOUBLE -> ColumnType.DOUBLE;
            case DECIMAL -> ColumnType.DECIMAL;
            case DATE -> ColumnType.DATE;
            case DATETIME -> ColumnType.DATETIME;
            case STRING -> ColumnType.TEXT;
            case JSON, VARIANT -> ColumnType.JSON;
            case NULL, LARGEINT, CHAR, VARCHAR, OTHER -> ColumnType.CHAR;
        };
    }

    /** The decimals of the MySQL column definition: DATETIME(p) and DECIMAL(p, s) digits, else -1. */
    int decimals() {
        return switch (kind) {
            case DATETIME -> precision;
            case DECIMAL -> scale;
            default -> -1;
        };
    }

    /** The type as Doris prints it in casts and errors. */
    String sql() {
        return switch (kind) {
            case DECIMAL -> "DECIMALV3(" + precision + ", " + scale + ")";
            case DATETIME -> precision == 0 ? "DATETIMEV2(0)" : "DATETIMEV2(" + precision + ")";
            case DATE -> "DATEV2";
            case CHAR, VARCHAR -> kind.name() + "(" + precision + ")";
            case STRING -> "TEXT";
            case NULL, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, JSON, VARIANT, OTHER ->
                    kind.name();
        };
    }
}
