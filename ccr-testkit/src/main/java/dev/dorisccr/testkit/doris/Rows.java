package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.KeysType;
import dev.dorisccr.testkit.schema.PartitionBy;
import dev.dorisccr.testkit.schema.PartitionValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Row logic: typed comparison of values, routing a row to its partition and bucket, and reading
 * a table back from its rowsets with the key model's merge (duplicate: all rows; unique: the last
 * row per key; aggregate: SUM/MAX/MIN/REPLACE per key) and DELETE conditions applied in version
 * order.
 */
final class Rows {
    /**
     * The column id of Doris's hidden {@code __DORIS_DELETE_SIGN__} in stored rows of unique tables:
     * "1" marks a delete of the row's key. No declared column has a negative id.
     */
    static final int DELETE_SIGN_ID = -1;
    /** The hidden delete sign's name, as an INSERT column list may name it on a unique table. */
    static final String DELETE_SIGN = "__DORIS_DELETE_SIGN__";
    /** The column id of Doris's hidden {@code __DORIS_SEQUENCE_COL__} in stored rows of tables with a sequence column. */
    static final int SEQUENCE_ID = -2;

    private Rows() {}

    static boolean numeric(ColumnDef c) {
        String t = c.type().toUpperCase(Locale.ROOT);
        return t.startsWith("TINYINT") || t.startsWith("SMALLINT") || t.startsWith("INT") || t.startsWith("BIGINT")
                || t.startsWith("LARGEINT") || t.startsWith("FLOAT") || t.startsWith("DOUBLE")
                || t.startsWith("DECIMAL") || t.startsWith("BOOLEAN");
    }

    static int compare(ColumnDef c, String a, String b) {
        if ("MAXVALUE".equals(a) || "MAXVALUE".equals(b)) {
            return "MAXVALUE".equals(a) ? ("MAXVALUE".equals(b) ? 0 : 1) : -1;
        }
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (numeric(c)) {
            try {
                return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim()));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
        return a.compareTo(b);
    }

    /** Compares two partition keys of table {@code t} column by column. */
    static int compareKeys(SimTable t, List<String> a, List<String> b) {
        List<String> cols = t.def.partitionBy().columns();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ColumnDef c = t.column(cols.get(i)).orElse(ColumnDef.of(cols.get(i), "VARCHAR(1)"));
            int r = compare(c, a.get(i), b.get(i));
            if (r != 0) {
                return r;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The (non-temporary) partition a row belongs to. */
    static SimPartition partitionOf(SimTable t, Map<String, String> row) {
        return partitionAmong(t, t.partitions.values(), row);
    }

    /** The partition of {@code candidates} a row belongs to. */
    static SimPartition partitionAmong(SimTable t, java.util.Collection<SimPartition> candidates, Map<String, String> row) {
        SimPartition p = partitionIfAny(t, candidates, row);
        if (p == null) {
            List<String> key = new ArrayList<>();
            t.def.partitionBy().columns().forEach(c -> key.add(valueOf(row, c)));
            throw SimException.analysis("no partition for value " + key + " in table " + t.name);
        }
        return p;
    }

    /** The partition of {@code candidates} a row belongs to, null when none holds it. */
    static SimPartition partitionIfAny(SimTable t, java.util.Collection<SimPartition> candidates,
            Map<String, String> row) {
        PartitionBy pb = t.def.partitionBy();
        if (pb.kind() == PartitionBy.Kind.NONE) {
            return candidates.iterator().next();
        }
        List<String> key = new ArrayList<>();
        pb.columns().forEach(c -> key.add(valueOf(row, c)));
        for (SimPartition p : candidates) {
            if (p.values instanceof PartitionValues.Fixed f) {
                if (compareKeys(t, key, f.lower()) >= 0 && compareKeys(t, key, f.upper()) < 0) {
                    return p;
                }
            } else if (p.values instanceof PartitionValues.In in) {
                for (List<String> item : in.items()) {
                    if (compareKeys(t, key, item) == 0) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private static String valueOf(Map<String, String> row, String column) {
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The bucket of a row: hash of the distribution columns, or round-robin for RANDOM. */
    static int bucketOf(SimPartition p, Map<String, String> row, int roundRobin) {
        if (p.distribution.columns().isEmpty()) {
            return Math.floorMod(roundRobin, p.distribution.buckets());
        }
        StringBuilder sb = new StringBuilder();
        p.distribution.columns().forEach(c -> sb.append(valueOf(row, c)).append('\u0001'));
        return Math.floorMod(sb.toString().hashCode(), p.distribution.buckets());
    }

    /** A row keyed by column name -> keyed by the table's column unique ids (defaults filled). */
    static Map<Integer, String> toStored(SimTable t, Map<String, String> row) {
        Map<Integer, String> out = new HashMap<>();
        for (ColumnDef c : t.def.columns()) {
            String v = valueOf(row, c.name());
            boolean given = row.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
            if (!given) {
                v = c.defaultValue().orElse(null);
                if (v == null && !c.nullable() && !c.defaultNull()) {
                    throw SimException.analysis("Column '" + c.name() + "' has no default value and is NOT NULL");
                }
            }
            if (v == null && !c.nullable()) {
                throw SimException.analysis("Column '" + c.name() + "' is NOT NULL");
            }
            out.put(t.columnIds.get(c.name()), v);
        }
        if (t.hasSequence()) {
            String mapped = t.sequenceMapColumn();
            out.put(SEQUENCE_ID, mapped != null ? valueOf(row, mapped) : valueOf(row, SequenceColumns.HIDDEN));
        }
        return out;
    }

    /** Reads the visible rows of one tablet replica history (rowsets in version order). */
    static List<Map<Integer, String>> merge(SimTable t, List<Rowset> rowsets) {
        KeysType model = t.def.keysType();
        List<ColumnDef> keys = new ArrayList<>();
        for (ColumnDef c : t.def.columns()) {
            if (c.key() || t.def.keyColumns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()))) {
                keys.add(c);
            }
        }
        LinkedHashMap<List<String>, Map<Integer, String>> byKey = new LinkedHashMap<>();
        List<Map<Integer, String>> dup = new ArrayList<>();
        for (Rowset r : rowsets) {
            for (Rowset.DeleteCondition d : r.deletes()) {
                dup.removeIf(row -> matches(t, row, d));
                byKey.values().removeIf(row -> matches(t, row, d));
            }
            for (Map<Integer, String> row : r.rows()) {
                if (model == KeysType.DUP_KEYS) {
                    dup.add(row);
                    continue;
                }
                List<String> k = new ArrayList<>();
                keys.forEach(c -> k.add(stored(t, row, c)));
                Map<Integer, String> prev = byKey.get(k);
                if (model == KeysType.UNIQUE_KEYS && prev != null && SequenceColumns.keepsOlder(t, prev, row)) {
                    continue;
                }
                if (model == KeysType.UNIQUE_KEYS && "1".equals(row.get(DELETE_SIGN_ID))) {
                    byKey.remove(k);
                    continue;
                }
                byKey.put(k, prev == null || model == KeysType.UNIQUE_KEYS ? row : aggregate(t, prev, row));
            }
        }
        return model == KeysType.DUP_KEYS ? dup : new ArrayList<>(byKey.values());
    }

    private static boolean matches(SimTable t, Map<Integer, String> row, Rowset.DeleteCondition d) {
        Optional<ColumnDef> c = t.def.columns().stream().filter(x -> Objects.equals(t.columnIds.get(x.name()),
                d.columnId())).findFirst();
        if (c.isEmpty()) {
            return false;
        }
        String v = stored(t, row, c.get());
        if (v == null) {
            return false;
        }
        int r = compare(c.get(), v, d.value());
        return switch (d.op()) {
            case "=" -> r == 0;
            case "!=" -> r != 0;
            case "<" -> r < 0;
            case "<=" -> r <= 0;
            case ">" -> r > 0;
            default -> r >= 0;
        };
    }

    private static Map<Integer, String> aggregate(SimTable t, Map<Integer, String> prev, Map<Integer, String> row) {
        Map<Integer, String> out = new HashMap<>(prev);
        for (ColumnDef c : t.def.columns()) {
            Integer id = t.columnIds.get(c.name());
            String a = stored(t, prev, c);
            String b = stored(t, row, c);
            String agg = c.aggregation().toUpperCase(Locale.ROOT);
            String v = switch (agg) {
                case "SUM" -> a == null ? b : b == null ? a : new BigDecimal(a).add(new BigDecimal(b)).toPlainString();
                case "MAX" -> a == null ? b : b == null ? a : compare(c, a, b) >= 0 ? a : b;
                case "MIN" -> a == null ? b : b == null ? a : compare(c, a, b) <= 0 ? a : b;
                case "REPLACE_IF_NOT_NULL" -> b == null ? a : b;
                case "BITMAP_UNION", "HLL_UNION" -> a == null ? b : b == null ? a : BitmapHll.union(List.of(a, b));
                default -> b;
            };
            out.put(id, v);
        }
        return out;
    }

    /**
     * A column's value in a stored row; a row written before the column was added reads the
     * column's default, as Doris reads old segments after an ADD COLUMN (for keys too, so such a
     * row merges with a later row carrying the default explicitly).
     */
    private static String stored(SimTable t, Map<Integer, String> row, ColumnDef c) {
        Integer id = t.columnIds.get(c.name());
        return row.containsKey(id) ? row.get(id) : c.defaultValue().orElse(null);
    }

    /** Rows in the table's current column order, as text (null for NULL). */
    static List<List<String>> present(SimTable t, List<Map<Integer, String>> stored) {
        List<List<String>> out = new ArrayList<>();
        for (Map<Integer, String> r : stored) {
            List<String> row = new ArrayList<>();
            for (ColumnDef c : t.def.columns()) {
                Integer id = t.columnIds.get(c.name());
                String v = r.containsKey(id) ? r.get(id) : c.defaultValue().orElse(null);
                row.add(v);
            }
            out.add(row);
        }
        return out;
    }

    /** An order-independent checksum of rows: SHA-256 over the sorted row texts. */
    static String checksum(List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder sb = new StringBuilder();
            for (String v : r) {
                sb.append(v == null ? "\\N" : v.replace("\\", "\\\\").replace("\t", "\\t")).append('\t');
            }
            lines.add(sb.toString());
        }
        lines.sort(null);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                md.update(l.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
