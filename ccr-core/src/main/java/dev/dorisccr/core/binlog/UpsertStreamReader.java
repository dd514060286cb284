package dev.dorisccr.core.binlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 * <p>Thread-safe: the factory is shared, each call makes its own parser.
 */
final class UpsertStreamReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Unset marker for the required longs (ids are >= -1, so this value cannot be valid). */
    private static final long UNSET = Long.MIN_VALUE;
    /** Marks a value the fast path leaves to the tree path (so Long.MAX_VALUE itself is left to it too). */
    private static final long BAD = Long.MAX_VALUE;

    private UpsertStreamReader() {}

    /** The record, or empty when the tree path must decide (invalid or unusual input). */
    static Optional<UpsertRecord> read(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            UpsertRecord r = record(p);
            if (r == null || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // malformed JSON, a duplicate key, a value a constructor refused
        }
    }

    private static UpsertRecord record(JsonParser p) throws IOException {
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
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue; // null counts as absent, as Gson omits null fields
            }
            switch (name) {
                case "commitSeq" -> commitSeq = integer(p, t);
                case "txnId" -> txnId = integer(p, t);
                case "timeStamp" -> timeStamp = integer(p, t);
                case "dbId" -> dbId = integer(p, t);
                case "label" -> label = text(p, t);
                case "tableRecords" -> tables = tables(p, t);
                case "stids" -> stids = longs(p, t);
                default -> p.skipChildren();
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

    private static Map<Long, UpsertRecord.TableRecord> tables(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return null;
        }
        Map<Long, UpsertRecord.TableRecord> out = new HashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            long id = idKey(key);
            if (id == UNSET || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            UpsertRecord.TableRecord table = table(p);
            if (table == null) {
                return null;
            }
            out.put(id, table);
        }
        return out;
    }

    private static UpsertRecord.TableRecord table(JsonParser p) throws IOException {
        List<UpsertRecord.PartitionRecord> partitions = List.of();
        List<Long> indexIds = List.of();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (name.equals("partitionRecords")) {
                partitions = partitions(p, t);
            } else if (name.equals("indexIds")) {
                indexIds = longs(p, t);
            } else {
                p.skipChildren();
            }
            if (partitions == null || indexIds == null) {
                return null;
            }
        }
        return new UpsertRecord.TableRecord(partitions, indexIds);
    }

    private static List<UpsertRecord.PartitionRecord> partitions(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            return null;
        }
        List<UpsertRecord.PartitionRecord> out = new ArrayList<>(2);
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.START_OBJECT) {
                return null;
            }
            UpsertRecord.PartitionRecord r = partition(p);
            if (r == null) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    private static UpsertRecord.PartitionRecord partition(JsonParser p) throws IOException {
        long partitionId = UNSET;
        String range = "";
        long version = UNSET;
        boolean temp = false;
        long stid = -1;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "partitionId" -> partitionId = integer(p, t);
                case "version" -> version = integer(p, t);
                case "stid" -> stid = integer(p, t);
                case "range" -> range = text(p, t);
                case "isTempPartition" -> {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        return null;
                    }
                    temp = t == JsonToken.VALUE_TRUE;
                }
                default -> p.skipChildren();
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
        List<Long> out = new ArrayList<>(2);
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            long v = integer(p, e);
            if (v == BAD) {
                return null;
            }
            out.add(v);
        }
        return out;
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
