package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.IndexDef;
import dev.dorisccr.testkit.schema.KeysType;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CREATE TABLE checks of secondary indexes, bloom filter columns and the row store, with Doris's
 * messages: {@code IndexDef.checkColumn} (column types per index kind, value columns of aggregate
 * tables, NGRAM_BF's {@code gram_size} / {@code bf_size}), {@code Index.checkConflict} (one bloom
 * filter or NGRAM_BF per column), {@code PropertyAnalyzer.analyzeBloomFilterColumns} / {@code
 * analyzeStoreRowColumn} / {@code analyzeRowStoreColumns}, and "Aggregate table can't support row
 * column now".
 */
final class IndexChecks {
    static final Set<String> KINDS = Set.of("INVERTED", "BITMAP", "NGRAM_BF");

    private IndexChecks() {}

    static void check(TableDef def) {
        Set<String> names = new HashSet<>();
        Set<String> bf = new HashSet<>();
        for (IndexDef i : def.indexes()) {
            if (!names.add(i.name().toLowerCase(Locale.ROOT))) {
                throw SimException.analysis("index `" + i.name() + "` already exist.");
            }
            if (!KINDS.contains(i.type())) {
                throw SimException.analysis("Unsupported index type: " + i.type());
            }
            for (String col : i.columns()) {
                ColumnDef c = column(def, col).orElseThrow(() -> SimException.analysis(
                        "Column does not exist in table. invalid column: " + col));
                checkColumn(def, i, c);
                if (i.type().equals("NGRAM_BF") && !bf.add(c.name().toLowerCase(Locale.ROOT))) {
                    throw SimException.analysis(c.name().toLowerCase(Locale.ROOT)
                            + " should have only one ngram bloom filter index or bloom filter index");
                }
            }
        }
        Map<String, String> p = def.properties();
        String bfCols = p.get("bloom_filter_columns");
        if (bfCols != null) {
            for (String raw : bfCols.split(",")) {
                String col = raw.trim();
                if (col.isEmpty()) {
                    continue;
                }
                ColumnDef c = column(def, col).orElseThrow(() -> SimException.analysis(
                        "Bloom filter column does not exist in table. invalid column: " + col));
                SqlType.Kind k = kind(c);
                if (k == SqlType.Kind.TINYINT || k == SqlType.Kind.FLOAT || k == SqlType.Kind.DOUBLE
                        || k == SqlType.Kind.BOOLEAN || k == SqlType.Kind.OTHER || k == SqlType.Kind.JSON
                        || k == SqlType.Kind.VARIANT) {
                    throw SimException.analysis(primitive(c) + " is not supported in bloom filter index. invalid column: "
                            + col);
                }
                if (!isKey(def, c) && def.keysType() == KeysType.AGG_KEYS) {
                    throw SimException.analysis("Bloom filter index should only be used in columns of UNIQUE_KEYS/DUP_KEYS"
                            + " table or key columns of AGG_KEYS table. invalid column: " + col);
                }
                if (!bf.add(c.name().toLowerCase(Locale.ROOT))) {
                    throw SimException.analysis(c.name().toLowerCase(Locale.ROOT)
                            + " should have only one ngram bloom filter index or bloom filter index");
                }
            }
        }
        String store = p.get("store_row_column");
        if (store != null && !store.equalsIgnoreCase("true") && !store.equalsIgnoreCase("false")) {
            throw SimException.analysis("store_row_columnmust be `true` or `false`");
        }
        String rs = p.get("row_store_columns");
        List<String> rsCols = new ArrayList<>();
        if (rs != null) {
            List<String> invalid = new ArrayList<>();
            for (String col : rs.split(",")) {
                rsCols.add(col);
                if (column(def, col).isEmpty()) {
                    invalid.add(col);
                }
            }
            if (!invalid.isEmpty()) {
                throw SimException.analysis("Column does not exist in table. Invalid columns: " + String.join(", ", invalid));
            }
        }
        if (("true".equalsIgnoreCase(store) || !rsCols.isEmpty()) && def.keysType() == KeysType.AGG_KEYS) {
            throw SimException.analysis("Aggregate table can't support row column now");
        }
    }

    /**
     * The indexes as Doris keeps them: an INVERTED index declared with properties gets {@code
     * "lower_case" = "true"} unless it says otherwise ({@code Index}'s constructor).
     */
    static TableDef withDefaults(TableDef def) {
        List<IndexDef> out = new ArrayList<>();
        for (IndexDef i : def.indexes()) {
            if (i.type().equals("INVERTED") && !i.properties().isEmpty() && !i.properties().containsKey("lower_case")) {
                Map<String, String> p = new java.util.TreeMap<>(i.properties());
                p.put("lower_case", "true");
                out.add(new IndexDef(i.name(), i.columns(), i.type(), p, i.comment()));
            } else {
                out.add(i);
            }
        }
        return def.withIndexes(out);
    }

    private static void checkColumn(TableDef def, IndexDef i, ColumnDef c) {
        SqlType.Kind k = kind(c);
        boolean supported = switch (k) {
            case FLOAT, DOUBLE, JSON, OTHER, NULL -> c.type().toUpperCase(Locale.ROOT).startsWith("ARRAY");
            default -> true;
        };
        if (!supported) {
            throw SimException.analysis(primitive(c) + " is not supported in " + i.type() + " index. invalid index: "
                    + i.name());
        }
        if (!isKey(def, c) && def.keysType() == KeysType.AGG_KEYS) {
            throw SimException.analysis("index should only be used in columns of DUP_KEYS/UNIQUE_KEYS table or key columns"
                    + " of AGG_KEYS table. invalid index: " + i.name());
        }
        if (i.type().equals("NGRAM_BF")) {
            if (k != SqlType.Kind.CHAR && k != SqlType.Kind.VARCHAR && k != SqlType.Kind.STRING) {
                throw SimException.analysis(primitive(c) + " is not supported in ngram_bf index. invalid column: "
                        + c.name());
            }
            if (i.properties().size() != 2 || !i.properties().containsKey("gram_size")
                    || !i.properties().containsKey("bf_size")) {
                throw SimException.analysis("ngram_bf index should have gram_size and bf_size properties");
            }
            try {
                int gram = Integer.parseInt(i.properties().get("gram_size"));
                int size = Integer.parseInt(i.properties().get("bf_size"));
                if (gram > 256 || gram < 1) {
                    throw SimException.analysis("gram_size should be integer and less than 256");
                }
                if (size > 65536 || size < 64) {
                    throw SimException.analysis("bf_size should be integer and between 64 and 65536");
                }
            } catch (NumberFormatException e) {
                throw SimException.analysis("invalid ngram properties:" + e.getMessage());
            }
        }
    }

    private static SqlType.Kind kind(ColumnDef c) {
        try {
            return SqlType.of(c.type()).kind();
        } catch (RuntimeException e) {
            return SqlType.Kind.OTHER;
        }
    }

    /** The column's Doris primitive type name as the messages print it. */
    private static String primitive(ColumnDef c) {
        String t = c.type().toUpperCase(Locale.ROOT);
        int cut = t.indexOf('(');
        int angle = t.indexOf('<');
        if (angle >= 0 && (cut < 0 || angle < cut)) {
            cut = angle;
        }
        return cut < 0 ? t : t.substring(0, cut);
    }

    private static boolean isKey(TableDef def, ColumnDef c) {
        return c.key() || def.keyColumns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
    }

    private static Optional<ColumnDef> column(TableDef def, String name) {
        return def.columns().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst();
    }
}
