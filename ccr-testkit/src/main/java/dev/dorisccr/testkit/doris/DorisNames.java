package dev.dorisccr.testkit.doris;

import java.util.regex.Pattern;

/**
 * Doris's rules for the names a statement creates (FE {@code FeNameFormat}), with its error
 * messages: databases and partitions are a letter then up to 63 letters, digits, {@code _} or
 * {@code -}; tables the same without the length limit; columns may also hold a space, {@code "}
 * and most punctuation, but no backtick or single quote. With {@code enable_unicode_name_support}
 * any Unicode letter counts as a letter (and, as in Doris, a column may then hold no space or
 * {@code "}). Checked where SQL names something new (CREATE DATABASE/TABLE, ADD COLUMN/PARTITION,
 * RENAME); a restore keeps the names of its snapshot, as in Doris.
 */
final class DorisNames {
    private static final Pattern COMMON = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,63}");
    private static final Pattern COMMON_UNICODE = Pattern.compile("[a-zA-Z\\p{L}][a-zA-Z0-9_\\p{L}-]{0,63}");
    private static final Pattern TABLE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]*");
    private static final Pattern TABLE_UNICODE = Pattern.compile("[a-zA-Z\\p{L}][a-zA-Z0-9_\\p{L}-]*");
    private static final Pattern COLUMN = Pattern.compile("[_a-zA-Z@0-9\\s/][.a-zA-Z0-9_+,\\-/?@#$%^&*\"\\s:]{0,255}");
    private static final Pattern COLUMN_UNICODE = Pattern.compile("[_a-zA-Z@0-9\\p{L}][.a-zA-Z0-9_+,\\-/?@#$%^&*\\p{L}]{0,255}");

    private DorisNames() {}

    static void database(String name, boolean unicode) {
        if (!(unicode ? COMMON_UNICODE : COMMON).matcher(name).matches()) {
            throw new SimException("ANALYSIS_ERROR", 1102, "Incorrect database name '" + name + "'");
        }
    }

    static void table(String name, boolean unicode) {
        Pattern p = unicode ? TABLE_UNICODE : TABLE;
        if (!p.matcher(name).matches()) {
            throw new SimException("ANALYSIS_ERROR", 1103, "Incorrect table name '" + name + "'. Table name regex is '"
                    + p.pattern() + "'");
        }
    }

    static void column(String name, boolean unicode) {
        Pattern p = unicode ? COLUMN_UNICODE : COLUMN;
        if (!p.matcher(name).matches() || name.startsWith("__doris_shadow_")) {
            throw new SimException("ANALYSIS_ERROR", 1166, "Incorrect column name '" + name + "'. Column regex is '"
                    + p.pattern() + "'");
        }
        if (name.startsWith("mv_") || name.startsWith("mva_")) {
            throw SimException.analysis("Incorrect column name " + name + ", column name can't start with 'mv_'/'mva_'");
        }
    }

    static void partition(String name, boolean unicode) {
        if (!(unicode ? COMMON_UNICODE : COMMON).matcher(name).matches() || name.startsWith("placeholder_")) {
            throw new SimException("ANALYSIS_ERROR", 1567, "Incorrect partition name '" + name + "'");
        }
    }
}
