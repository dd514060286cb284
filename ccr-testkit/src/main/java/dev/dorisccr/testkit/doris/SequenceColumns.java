package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.KeysType;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.Map;

/**
 * Sequence columns of unique tables ({@code "function_column.sequence_col" = "c"} or {@code
 * "function_column.sequence_type" = "int"}), as Doris runs them: every stored row carries the
 * hidden {@code __DORIS_SEQUENCE_COL__} (the mapped column's value, or the value a load gives the
 * hidden column by name); of two rows of one key the one with the larger sequence value is visible,
 * a tie goes to the later load. The CREATE TABLE checks are {@code PropertyAnalyzer} /
 * {@code InternalCatalog}'s, with their messages.
 */
final class SequenceColumns {
    static final String SEQUENCE_COL = "function_column.sequence_col";
    static final String SEQUENCE_TYPE = "function_column.sequence_type";
    /** The hidden column's name. */
    static final String HIDDEN = "__DORIS_SEQUENCE_COL__";

    private SequenceColumns() {}

    /** CREATE TABLE checks; throws Doris's error. */
    static void check(TableDef def) {
        Map<String, String> p = def.properties();
        String col = p.get(SEQUENCE_COL);
        String type = p.get(SEQUENCE_TYPE);
        if ((col != null || type != null) && def.keysType() != KeysType.UNIQUE_KEYS) {
            throw SimException.analysis("sequence column only support UNIQUE_KEYS");
        }
        if (col != null) {
            ColumnDef c = def.columns().stream().filter(x -> x.name().equalsIgnoreCase(col)).findFirst()
                    .orElseThrow(() -> SimException.analysis("The specified sequence column[" + col + "] not exists"));
            if (!orderable(c.type())) {
                throw SimException.analysis("Sequence type only support integer types and date types");
            }
        }
        if (type != null) {
            if (!orderable(type)) {
                throw SimException.analysis("sequence type only support integer types and date types");
            }
            if (col != null) {
                throw SimException.analysis("The sequence_col and sequence_type cannot be set at the same time");
            }
        }
    }

    private static boolean orderable(String type) {
        SqlType t;
        try {
            t = SqlType.of(type);
        } catch (RuntimeException e) {
            return false;
        }
        return switch (t.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT, LARGEINT, DATE, DATETIME -> true;
            default -> false;
        };
    }

    /** The hidden column's type: the mapped column's, or {@code sequence_type}'s. */
    static String type(SimTable t) {
        String col = t.sequenceMapColumn();
        if (col != null) {
            return t.column(col).map(ColumnDef::type).orElse("BIGINT");
        }
        return t.properties.getOrDefault(SEQUENCE_TYPE, "BIGINT").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Of an older row and a newer row of one key, whether the older stays visible: its sequence
     * value is larger. A row without a sequence value (written before the table had one, or a
     * delete whose load did not carry it) does not win over a newer row.
     */
    static boolean keepsOlder(SimTable t, Map<Integer, String> older, Map<Integer, String> newer) {
        if (!t.hasSequence()) {
            return false;
        }
        String a = older.get(Rows.SEQUENCE_ID);
        String b = newer.get(Rows.SEQUENCE_ID);
        if (b == null && "1".equals(newer.get(Rows.DELETE_SIGN_ID))) {
            return false;
        }
        if (a == null) {
            return false;
        }
        if (b == null) {
            return true;
        }
        return Rows.compare(ColumnDef.of(HIDDEN, type(t)), a, b) > 0;
    }
}
