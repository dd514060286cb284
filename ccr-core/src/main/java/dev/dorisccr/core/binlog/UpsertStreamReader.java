package dev.dorisccr.core.binlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fast path for the most frequent payload, UPSERT: one pass of Jackson's streaming parser
 * straight into the record, with no tree, no path strings and no regex. It accepts exactly what
 * the tree path ({@link DataPayloads#upsert}) accepts with the same result, and gives up
 * (empty) on anything else: a wrong type, a missing key, a duplicate key, an out-of-range number,
 * trailing tokens, a value a record constructor refuses. The caller then decodes with the tree
 * path, which names the problem and its JSON path, so errors are the same whichever path ran.
 *
 * <p>Two passes at most. The first reads without Jackson's duplicate detection (a set of names per
 * object, the largest cost left on this path): it checks the known keys itself, one bit each, and
 * stops at the first key it does not know, because a duplicate could hide inside what it would skip.
 * Only then does a second pass read with Jackson's strict duplicate detection, which skips unknown
 * keys safely. The payload Doris writes has only known keys, so it takes the first pass alone.
 *
 * <p>Thread-safe: the factories are shared, each call makes its own parser.
 */
final class UpsertStreamReader {
    /** The first pass: duplicates of known keys are checked here, an unknown key ends the pass. */
    private static final JsonFactory LENIENT = JsonFactory.builder().build();
    /** The second pass, after an unknown key: Jackson finds duplicates at every level, skipped ones too. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * The keys of an UpsertRecord in the order the FE writes them, then of a TableRecord and a
     * PartitionRecord; a key's index is its bit in the readers below.
     */
    private static final SerializedString[] RECORD_KEYS = keys("commitSeq", "txnId", "timeStamp", "label", "dbId",
            "tableRecords", "stids");
    private static final SerializedString[] TABLE_KEYS = keys("partitionRecords", "indexIds");
    private static final SerializedString[] PARTITION_KEYS = keys("partitionId", "range", "version",
            "isTempPartition", "stid");

    /** Unset marker for the required longs (ids are >= -1, so this value cannot be valid). */
    private static final long UNSET = Long.MIN_VALUE;
    /** Marks a value the fast path leaves to the tree path (so Long.MAX_VALUE itself is left to it too). */
    private static final long BAD = Long.MAX_VALUE;

    private UpsertStreamReader() {}

    private static SerializedString[] keys(String... names) {
        SerializedString[] out = new SerializedString[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = new SerializedString(names[i]);
        }
        return out;
    }

    /**
     * The next key of an object, or null at its end. The key expected after the one of bit
     * {@code lastBit} (keys in the FE's order) is matched against the input directly, without the
     * parser's symbol-table lookup, the largest cost of reading a name; any other key is read as usual.
     */
    private static String nextKey(JsonParser p, SerializedString[] order, int lastBit) throws IOException {
        int next = lastBit + 1;
        if (next == order.length) {
            return p.nextFieldName(); // the last key was read: only an unknown key or the end can follow
        }
        if (p.nextFieldName(order[next])) {
            return order[next].getValue();
        }
        return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }

    /** The record, or empty when the tree path must decide (invalid or unusual input). */
    static Optional<UpsertRecord> read(String json) {
        Pass first = new Pass(false);
        Optional<UpsertRecord> r = read(json, first);
        return first.unknownKey ? read(json, new Pass(true)) : r;
    }

    private static Optional<UpsertRecord> read(String json, Pass pass) {
        try (JsonParser p = (pass.strict ? STRICT : LENIENT).createParser(json)) {
            UpsertRecord r = record(p, pass);
            if (r == null || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // malformed JSON, a duplicate key, a value a constructor refused
        }
    }

    /** One pass's mode, and whether the lenient pass met a key it does not know (a strict pass is needed). */
    private static final class Pass {
        final boolean strict;
        boolean unknownKey;

        Pass(boolean strict) {
            this.strict = strict;
        }

        /**
         * Marks a known key as seen ({@code bit} in {@code seen}); the new mask, or -1 for a duplicate
         * (which the tree path reports). The strict pass leaves this to Jackson.
         */
        long see(long seen, int bit) {
            long mask = 1L << bit;
            return !strict && (seen & mask) != 0 ? -1 : seen | mask;
        }

        /** An unknown key: the strict pass skips its value; the lenient one ends (false). */
        boolean skip(JsonParser p) throws IOException {
            if (!strict) {
                unknownKey = true;
                return false;
            }
            p.skipChildren();
            return true;
        }
    }

    private static UpsertRecord record(JsonParser p, Pass pass) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        long commitSeq = UNSET;
        long txnId = UNSET;
        long timeStamp = -1;
        String label = "";
        long dbId = UNSET;
        Map<Long, UpsertRecord.TableRecord> tables = Map.of();
        List<Long> stids = List.of();
        String name;
        long seen = 0;
        int bit = -1;
        while ((name = nextKey(p, RECORD_KEYS, bit)) != null) {
            JsonToken t = p.nextToken();
            bit = switch (name) {
                case "commitSeq" -> 0;
                case "txnId" -> 1;
                case "timeStamp" -> 2;
                case "label" -> 3;
                case "dbId" -> 4;
                case "tableRecords" -> 5;
                case "stids" -> 6;
                default -> -1;
            };
            if (bit < 0) {
                if (!pass.skip(p)) {
                    return null;
                }
                continue;
            }
            if ((seen = pass.see(seen, bit)) < 0) {
                return null;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue; // null counts as absent, as Gson omits null fields
            }
            switch (bit) {
                case 0 -> commitSeq = integer(p, t);
                case 1 -> txnId = integer(p, t);
                case 2 -> timeStamp = integer(p, t);
                case 3 -> label = text(p, t);
                case 4 -> dbId = integer(p, t);
                case 5 -> tables = tables(p, t, pass);
                default -> stids = longs(p, t);
            }
            if (tables == null || stids == null || label == null || commitSeq == BAD || txnId == BAD
                    || timeStamp == BAD || dbId == BAD) {
                return null;
            }
        }
        if (commitSeq == UNSET || txnId == UNSET || dbId == UNSET) {
            return null;
        }
        return new UpsertRecord(commitSeq, txnId, timeStamp, label, dbId, tables, stids);
    }

    private static Map<Long, UpsertRecord.TableRecord> tables(JsonParser p, JsonToken t, Pass pass)
            throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return null;
        }
        // nearly every load touches one table: that one is kept as is, a map is made for a second
        long firstId = UNSET;
        UpsertRecord.TableRecord first = null;
        Map<Long, UpsertRecord.TableRecord> more = null;
        String key;
        while ((key = p.nextFieldName()) != null) {
            long id = idKey(key);
            if (id == UNSET || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UpsertRecord.TableRecord table = table(p, pass);
            if (table == null) {
                return null;
            }
            if (first == null) {
                firstId = id;
                first = table;
            } else {
                if (more == null) {
                    more = new HashMap<>();
                    more.put(firstId, first);
                }
                if (more.put(id, table) != null) {
                    return null; // a duplicate id ("1" and "01" too): the tree path decides
                }
            }
        }
        return more != null ? more : first != null ? Map.of(firstId, first) : Map.of();
    }

    private static UpsertRecord.TableRecord table(JsonParser p, Pass pass) throws IOException {
        List<UpsertRecord.PartitionRecord> partitions = List.of();
        List<Long> indexIds = List.of();
        String name;
        long seen = 0;
        int bit = -1;
        while ((name = nextKey(p, TABLE_KEYS, bit)) != null) {
            JsonToken t = p.nextToken();
            bit = name.equals("partitionRecords") ? 0 : name.equals("indexIds") ? 1 : -1;
            if (bit < 0) {
                if (!pass.skip(p)) {
                    return null;
                }
                continue;
            }
            if ((seen = pass.see(seen, bit)) < 0) {
                return null;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (bit == 0) {
                partitions = partitions(p, t, pass);
            } else {
                indexIds = longs(p, t);
            }
            if (partitions == null || indexIds == null) {
                return null;
            }
        }
        return new UpsertRecord.TableRecord(partitions, indexIds);
    }

    private static List<UpsertRecord.PartitionRecord> partitions(JsonParser p, JsonToken t, Pass pass)
            throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        UpsertRecord.PartitionRecord first = null;
        List<UpsertRecord.PartitionRecord> more = null;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.START_OBJECT) {
                return null;
            }
            UpsertRecord.PartitionRecord r = partition(p, pass);
            if (r == null) {
                return null;
            }
            if (first == null) {
                first = r;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                    more.add(first);
                }
                more.add(r);
            }
        }
        return more != null ? more : first != null ? List.of(first) : List.of();
    }

    private static UpsertRecord.PartitionRecord partition(JsonParser p, Pass pass) throws IOException {
        long partitionId = UNSET;
        String range = "";
        long version = UNSET;
        boolean temp = false;
        long stid = -1;
        String name;
        long seen = 0;
        int bit = -1;
        while ((name = nextKey(p, PARTITION_KEYS, bit)) != null) {
            JsonToken t = p.nextToken();
            bit = switch (name) {
                case "partitionId" -> 0;
                case "range" -> 1;
                case "version" -> 2;
                case "isTempPartition" -> 3;
                case "stid" -> 4;
                default -> -1;
            };
            if (bit < 0) {
                if (!pass.skip(p)) {
                    return null;
                }
                continue;
            }
            if ((seen = pass.see(seen, bit)) < 0) {
                return null;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (bit) {
                case 0 -> partitionId = integer(p, t);
                case 1 -> range = text(p, t);
                case 2 -> version = integer(p, t);
                case 4 -> stid = integer(p, t);
                default -> {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        return null;
                    }
                    temp = t == JsonToken.VALUE_TRUE;
                }
            }
            if (range == null || partitionId == BAD || version == BAD || stid == BAD) {
                return null;
            }
        }
        if (partitionId == UNSET || version == UNSET) {
            return null;
        }
        return new UpsertRecord.PartitionRecord(partitionId, range, version, temp, stid);
    }

    /** An array of integers that fit a long, or null. */
    private static List<Long> longs(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        List<Long> out = null;
        long first = BAD;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            long v = integer(p, e);
            if (v == BAD) {
                return null;
            }
            if (first == BAD) {
                first = v;
            } else {
                if (out == null) {
                    out = new ArrayList<>();
                    out.add(first);
                }
                out.add(v);
            }
        }
        return out != null ? out : first != BAD ? List.of(first) : List.of();
    }

    /** An integer that fits a long, or {@code BAD} for anything else (which the tree path reports). */
    private static long integer(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            return BAD;
        }
        JsonParser.NumberType n = p.getNumberType();
        if (n != JsonParser.NumberType.INT && n != JsonParser.NumberType.LONG) {
            return BAD;
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** A map key that is an integer id ({@code -?[0-9]+} fitting a long), or UNSET. */
    private static long idKey(String key) {
        int n = key.length();
        int i = n > 0 && key.charAt(0) == '-' ? 1 : 0;
        if (i == n || n - i > 19) {
            return UNSET;
        }
        for (int j = i; j < n; j++) {
            char c = key.charAt(j);
            if (c < '0' || c > '9') {
                return UNSET;
            }
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return UNSET; // 19 digits beyond Long.MAX_VALUE
        }
    }
}
