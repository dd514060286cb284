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
 * The second fast path for the most frequent payload, UPSERT, for what {@link UpsertScanner} leaves
 * (whitespace, escapes, unknown keys, another key order...): one pass of Jackson's streaming parser
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
    }

    /**
     * The keys of one object, read one at a time: the one loop every level shares. It matches
     * the key expected after the last one (keys in the FE's order) against the input directly,
     * without the parser's symbol-table lookup, the largest cost of reading a name; any other key
     * is read as usual. It skips null values (absent, as Gson omits null fields) and, in the strict
     * pass, unknown keys; it gives up on a duplicate (the lenient pass checks the known keys one
     * bit each, the strict pass leaves it to Jackson) and, in the lenient pass, on an unknown key.
     */
    private static final class Fields {
        private final JsonParser p;
        private final SerializedString[] order;
        private final Pass pass;
        private long seen;
        private int last = -1;
        private boolean gaveUp;
        /** The value token of the key {@link #next()} returned. */
        JsonToken value;

        Fields(JsonParser p, SerializedString[] order, Pass pass) {
            this.p = p;
            this.order = order;
            this.pass = pass;
        }

        /** The index in {@code order} of the next known key with a non-null value, or -1 at the end. */
        int next() throws IOException {
            String name;
            while ((name = nextName()) != null) {
                value = p.nextToken();
                int bit = indexOf(name);
                if (bit < 0) {
                    if (!pass.strict) {
                        pass.unknownKey = true;
                        return giveUp();
                    }
                    p.skipChildren();
                    continue;
                }
                long mask = 1L << bit;
                if (!pass.strict && (seen & mask) != 0) {
                    return giveUp(); // a duplicate, which the tree path reports
                }
                seen |= mask;
                last = bit;
                if (value != JsonToken.VALUE_NULL) {
                    return bit;
                }
            }
            return -1; // the object's end
        }

        /** The next key, or null at the object's end; the key expected after the last one is tried first. */
        private String nextName() throws IOException {
            int expected = last + 1;
            if (expected == order.length) {
                return p.nextFieldName(); // the last key was read: only an unknown key or the end can follow
            }
            if (p.nextFieldName(order[expected])) {
                return order[expected].getValue();
            }
            return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
        }

        /** Whether reading ended on a key this pass cannot take (rather than at the object's end). */
        boolean gaveUp() {
            return gaveUp;
        }

        private int giveUp() {
            gaveUp = true;
            return -1;
        }

        private int indexOf(String name) {
            for (int i = 0; i < order.length; i++) {
                String known = order[i].getValue();
                if (known == name || known.equals(name)) {
                    return i;
                }
            }
            return -1;
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
        Fields fields = new Fields(p, RECORD_KEYS, pass);
        for (int bit; (bit = fields.next()) >= 0; ) {
            JsonToken t = fields.value;
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
        if (fields.gaveUp()) {
            return null;
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
        Fields fields = new Fields(p, TABLE_KEYS, pass);
        for (int bit; (bit = fields.next()) >= 0; ) {
            if (bit == 0) {
                partitions = partitions(p, fields.value, pass);
            } else {
                indexIds = longs(p, fields.value);
            }
            if (partitions == null || indexIds == null) {
                return null;
            }
        }
        if (fields.gaveUp()) {
            return null;
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
        Fields fields = new Fields(p, PARTITION_KEYS, pass);
        for (int bit; (bit = fields.next()) >= 0; ) {
            JsonToken t = fields.value;
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
        if (fields.gaveUp()) {
            return null;
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
