package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.KeysType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Doris's rules for one column in a schema change (SchemaChangeHandler and Column /
 * ColumnType.isSchemaChangeAllowed): which aggregation a new or modified column may carry per key
 * model, which type changes are allowed, and which changes are light (no data rewrite).
 */
final class SchemaChangeRules {
    /** ColumnType's schema change matrix: from type -> the types it may become (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("TINYINT", Set.of("SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("SMALLINT", Set.of("INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("INT", Set.of("BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "DATE", "VARCHAR", "STRING")),
            Map.entry("BIGINT", Set.of("LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("LARGEINT", Set.of("FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("FLOAT", Set.of("DOUBLE", "VARCHAR", "STRING")),
            Map.entry("DOUBLE", Set.of("VARCHAR", "STRING")),
            Map.entry("VARCHAR", Set.of("TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "DATE",
                    "STRING", "JSON")),
            Map.entry("STRING", Set.of("JSON")),
            Map.entry("JSON", Set.of("STRING", "VARCHAR")),
            Map.entry("CHAR", Set.of("TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "DATE",
                    "VARCHAR", "STRING")),
            Map.entry("DECIMAL", Set.of("VARCHAR", "STRING")),
            Map.entry("DATE", Set.of("DATETIME")),
            Map.entry("DATETIME", Set.of("DATE")));
    /** Characters the widest value of an integer type prints as (Type.getColumnStringRepSize). */
    private static final Map<String, Integer> STRING_SIZE = Map.of("TINYINT", 4, "SMALLINT", 6, "INT", 11,
            "BIGINT", 20, "LARGEINT", 40);

    private SchemaChangeRules() {}

    /** The type family: {@code VARCHAR(20)} -> VARCHAR, DECIMALV3 -> DECIMAL, DATETIMEV2(3) -> DATETIME. */
    static String family(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        int cut = t.length();
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '(' || t.charAt(i) == '<') {
                cut = i;
                break;
            }
        }
        String base = t.substring(0, cut).trim();
        return switch (base) {
            case "DECIMALV2", "DECIMALV3", "DECIMAL" -> "DECIMAL";
            case "DATEV2" -> "DATE";
            case "DATETIMEV2" -> "DATETIME";
            case "TEXT" -> "STRING";
            case "INTEGER" -> "INT";
            case "JSONB" -> "JSON";
            default -> base;
        };
    }

    static int length(String type) {
        int open = type.indexOf('(');
        if (open < 0) {
            return family(type).equals("CHAR") ? 1 : 65533;
        }
        return Integer.parseInt(type.substring(open + 1, type.indexOf(')')).split(",")[0].trim());
    }

    /**
     * The aggregation a column gets in the table's key model, as addColumnInternal and
     * processModifyColumn assign it, or Doris's refusal. An AGGREGATE table's column without an
     * aggregation becomes a key column.
     */
    static ColumnDef normalize(ColumnDef c, KeysType keys, boolean adding) {
        switch (keys) {
            case AGG_KEYS -> {
                if (c.key() && !c.aggregation().isEmpty()) {
                    throw SimException.analysis("Can not assign aggregation method on key column: " + c.name());
                }
                if (c.aggregation().isEmpty()) {
                    if (!adding && !c.key()) {
                        throw SimException.analysis("Aggregate method must be specified for value column: " + c.name());
                    }
                    return c.withKey(true);
                }
                if (adding && c.aggregation().equals("SUM") && c.defaultValue().isPresent()
                        && !c.defaultValue().get().equals("0")) {
                    throw SimException.analysis("The default value of '" + c.name()
                            + "' with SUM aggregation function must be zero");
                }
                return c;
            }
            case UNIQUE_KEYS, DUP_KEYS -> {
                if (!c.aggregation().isEmpty()) {
                    throw SimException.analysis("Can not assign aggregation method on column in "
                            + (keys == KeysType.UNIQUE_KEYS ? "Unique" : "Duplicate") + " data model table: " + c.name());
                }
                if (family(c.type()).equals("HLL")) {
                    throw SimException.analysis("HLL type column can only be in Aggregation data model table: "
                            + c.name());
                }
                return c;
            }
            default -> throw new IllegalStateException(keys.name());
        }
    }

    /** Column.checkSchemaChangeAllowed: the refusals of a modified column against its original. */
    static void checkChange(ColumnDef from, ColumnDef to) {
        String a = family(from.type());
        String b = family(to.type());
        if (!a.equals(b) && !ALLOWED.getOrDefault(a, Set.of()).contains(b)) {
            throw SimException.analysis("Can not change " + a + " to " + b);
        }
        if (a.equals(b) && List.of("ARRAY", "MAP", "STRUCT").contains(a) && !from.type().equalsIgnoreCase(to.type())) {
            throw SimException.analysis("Can not change " + from.type() + " to " + to.type());
        }
        if (STRING_SIZE.containsKey(a) && (b.equals("VARCHAR") || b.equals("CHAR")) && length(to.type()) < STRING_SIZE.get(a)) {
            throw SimException.analysis("Can not change from wider type " + from.type() + " to narrower type " + to.type());
        }
        if (!from.aggregation().equals(to.aggregation())) {
            throw SimException.analysis("Can not change aggregation type");
        }
        if (from.nullable() && !to.nullable()) {
            throw SimException.analysis("Can not change from nullable to non-nullable");
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue()) || from.defaultNull() != to.defaultNull()) {
            throw SimException.analysis("Can not change default value");
        }
        boolean strings = (a.equals("VARCHAR") || a.equals("CHAR")) && (b.equals("VARCHAR") || b.equals("CHAR"));
        if (strings && length(from.type()) > length(to.type())) {
            throw SimException.analysis("Cannot shorten string length");
        }
    }

    /** processModifyColumn: only a VARCHAR made longer, in place, is light. */
    static boolean lightModify(ColumnDef from, ColumnDef to, boolean moved) {
        return !moved && family(from.type()).equals("VARCHAR") && family(to.type()).equals("VARCHAR")
                && sameExceptLength(from, to);
    }

    private static boolean sameExceptLength(ColumnDef a, ColumnDef b) {
        return a.nullable() == b.nullable() && a.key() == b.key() && a.aggregation().equals(b.aggregation())
                && a.defaultValue().equals(b.defaultValue()) && a.defaultNull() == b.defaultNull();
    }
}
