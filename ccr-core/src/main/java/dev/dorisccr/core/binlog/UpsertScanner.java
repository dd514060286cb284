package dev.dorisccr.core.binlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first and fastest stage of UPSERT decoding: a hand-written scanner over the payload's
 * characters for exactly the text the FE writes (Gson, compact): the keys of an UpsertRecord, a
 * TableRecord and a PartitionRecord in the FE's declaration order, each at most once, some of them
 * absent; no whitespace; no null values; no raw control character in a string (escapes, which Gson
 * writes for {@code = < > & '}, are decoded as JSON and Jackson define them); integers of at most
 * 18 digits in their canonical form ({@code 0}, {@code 42}, {@code -1}); table ids of the same form;
 * nothing after the closing brace. It builds the record as it reads.
 *
 * <p>It gives up (null) on anything else, at the first character it does not expect: an unknown,
 * repeated or reordered key, whitespace, an escape JSON does not define, {@code null}, {@code -0},
 * a leading zero, a fraction or exponent, a 19-digit number, a repeated table id, trailing content, a value a record
 * constructor refuses, or a payload over {@value #MAX_LENGTH} characters (well inside Jackson's
 * limits on a string's length). The decoder then reads the payload with {@link UpsertStreamReader}
 * and, failing that, with the tree path, which stays the definition of the result and of the error:
 * whatever the scanner accepts, it builds the record the tree path would build
 * ({@code UpsertScannerTest}).
 *
 * <p>Keys are matched in order, each candidate once, so a repeated key is never accepted: it is
 * not among the keys still allowed after it. Thread-safe: each call makes its own scanner.
 */
final class UpsertScanner {
    /** Payloads longer than this are left to Jackson (whose string limit is 20,000,000 chars). */
    static final int MAX_LENGTH = 1_000_000;

    /** {@code "name":} of each key, in the FE's order; the index is the case in the readers below. */
    private static final String[] RECORD_KEYS = keys("commitSeq", "txnId", "timeStamp", "label", "dbId",
            "tableRecords", "stids");
    private static final String[] TABLE_KEYS = keys("partitionRecords", "indexIds");
    private static final String[] PARTITION_KEYS = keys("partitionId", "range", "version", "isTempPartition",
            "stid");

    /** Unset marker for required longs: an 18-digit number cannot be it. */
    private static final long UNSET = Long.MIN_VALUE;
    /** At most this many digits are read, so a value always fits a long exactly. */
    private static final int MAX_DIGITS = 18;

    private final String s;
    private final int n;
    private int pos;

    private UpsertScanner(String s) {
        this.s = s;
        this.n = s.length();
    }

    /** The record, or null when the payload is not exactly the FE's form (the caller reads it otherwise). */
    static UpsertRecord scan(String json) {
        if (json.length() > MAX_LENGTH) {
            return null;
        }
        UpsertScanner scanner = new UpsertScanner(json);
        try {
            UpsertRecord r = scanner.record();
            return scanner.pos == scanner.n ? r : null;
        } catch (GiveUp | IllegalArgumentException e) {
            return null; // not the FE's form, or a value a record constructor refuses
        }
    }

    private static String[] keys(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = '"' + names[i] + "\":";
        }
        return out;
    }

    /** Thrown (one shared instance, no stack trace) when the payload is not the FE's form. */
    private static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final GiveUp INSTANCE = new GiveUp();

        private GiveUp() {
            super("not the FE's form", null, false, false);
        }
    }

    private static GiveUp giveUp() {
        return GiveUp.INSTANCE;
    }

    private char at() {
        return pos < n ? s.charAt(pos) : 0;
    }

    private void expect(char c) {
        if (at() != c) {
            throw giveUp();
        }
        pos++;
    }

    /**
     * Opens an object: false when it is empty ({@code {}}, consumed), true when a key follows.
     */
    private boolean open() {
        expect('{');
        if (at() == '}') {
            pos++;
            return false;
        }
        return true;
    }

    /**
     * The index of the key at the cursor, which must be one of {@code keys[from..]} (consumed with
     * its colon); the keys before {@code from} were read already or cannot follow.
     */
    private int key(String[] keys, int from) {
        for (int i = from; i < keys.length; i++) {
            if (s.startsWith(keys[i], pos)) {
                pos += keys[i].length();
                return i;
            }
        }
        throw giveUp();
    }

    /** After a value: true for a comma (another member or item follows), false for {@code close}. */
    private boolean more(char close) {
        char c = at();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c != close) {
            throw giveUp();
        }
        return false;
    }

    private UpsertRecord record() {
        long commitSeq = UNSET;
        long txnId = UNSET;
        long timeStamp = -1;
        String label = "";
        long dbId = UNSET;
        Map<Long, UpsertRecord.TableRecord> tables = Map.of();
        List<Long> stids = List.of();
        if (open()) {
            int next = 0;
            do {
                int k = key(RECORD_KEYS, next);
                switch (k) {
                    case 0 -> commitSeq = integer();
                    case 1 -> txnId = integer();
                    case 2 -> timeStamp = integer();
                    case 3 -> label = text();
                    case 4 -> dbId = integer();
                    case 5 -> tables = tables();
                    default -> stids = integers();
                }
                next = k + 1;
            } while (more('}'));
        }
        if (commitSeq == UNSET || txnId == UNSET || dbId == UNSET) {
            throw giveUp();
        }
        return new UpsertRecord(commitSeq, txnId, timeStamp, label, dbId, tables, stids);
    }

    private Map<Long, UpsertRecord.TableRecord> tables() {
        if (!open()) {
            return Map.of();
        }
        // nearly every load touches one table: that one is kept as is, a map is made for a second
        long firstId = UNSET;
        UpsertRecord.TableRecord first = null;
        Map<Long, UpsertRecord.TableRecord> more = null;
        do {
            expect('"');
            long id = integer();
            expect('"');
            expect(':');
            UpsertRecord.TableRecord table = table();
            if (first == null) {
                firstId = id;
                first = table;
            } else {
                if (more == null) {
                    more = new HashMap<>();
                    more.put(firstId, first);
                }
                if (more.put(id, table) != null) {
                    throw giveUp(); // a repeated table id: a duplicate key, which Jackson reports
                }
            }
        } while (more('}'));
        return more != null ? more : Map.of(firstId, first);
    }

    private UpsertRecord.TableRecord table() {
        List<UpsertRecord.PartitionRecord> partitions = List.of();
        List<Long> indexIds = List.of();
        if (open()) {
            int next = 0;
            do {
                int k = key(TABLE_KEYS, next);
                if (k == 0) {
                    partitions = partitions();
                } else {
                    indexIds = integers();
                }
                next = k + 1;
            } while (more('}'));
        }
        return new UpsertRecord.TableRecord(partitions, indexIds);
    }

    private List<UpsertRecord.PartitionRecord> partitions() {
        expect('[');
        if (at() == ']') {
            pos++;
            return List.of();
        }
        UpsertRecord.PartitionRecord first = partition();
        if (!more(']')) {
            return List.of(first);
        }
        List<UpsertRecord.PartitionRecord> out = new ArrayList<>();
        out.add(first);
        do {
            out.add(partition());
        } while (more(']'));
        return out;
    }

    private UpsertRecord.PartitionRecord partition() {
        long partitionId = UNSET;
        String range = "";
        long version = UNSET;
        boolean temp = false;
        long stid = -1;
        if (open()) {
            int next = 0;
            do {
                int k = key(PARTITION_KEYS, next);
                switch (k) {
                    case 0 -> partitionId = integer();
                    case 1 -> range = text();
                    case 2 -> version = integer();
                    case 3 -> temp = bool();
                    default -> stid = integer();
                }
                next = k + 1;
            } while (more('}'));
        }
        if (partitionId == UNSET || version == UNSET) {
            throw giveUp();
        }
        return new UpsertRecord.PartitionRecord(partitionId, range, version, temp, stid);
    }

    /** An array of integers. */
    private List<Long> integers() {
        expect('[');
        if (at() == ']') {
            pos++;
            return List.of();
        }
        long first = integer();
        if (!more(']')) {
            return List.of(first);
        }
        List<Long> out = new ArrayList<>();
        out.add(first);
        do {
            out.add(integer());
        } while (more(']'));
        return out;
    }

    /**
     * An integer in canonical form: {@code 0}, or an optional minus and 1 to 18 digits without a
     * leading zero. What follows it is checked by the caller (a separator, never a digit, a dot or
     * an exponent), so {@code 01}, {@code 1.0} and {@code 1e3} are given up.
     */
    private long integer() {
        char c = at();
        if (c == '0') {
            pos++;
            return 0;
        }
        boolean negative = c == '-';
        if (negative) {
            pos++;
            c = at();
        }
        if (c < '1' || c > '9') {
            throw giveUp();
        }
        long v = c - '0';
        int start = pos++;
        while ((c = at()) >= '0' && c <= '9') {
            if (pos - start == MAX_DIGITS) {
                throw giveUp();
            }
            v = v * 10 + (c - '0');
            pos++;
        }
        return negative ? -v : v;
    }

    /**
     * A string: its characters as they are, and its JSON escapes decoded as Jackson decodes them (a
     * backslash before one of {@code " \\ / b f n r t}, or before {@code u} and four hex digits of
     * either case, as Gson writes {@code = < > & '}); a raw control character (which Jackson
     * refuses), another escape or the end of the payload is given up.
     */
    private String text() {
        expect('"');
        int start = pos;
        char c;
        while ((c = at()) != '"') {
            if (c < 0x20) {
                throw giveUp(); // a raw control character, or the end
            }
            if (c == '\\') {
                return escaped(start);
            }
            pos++;
        }
        return s.substring(start, pos++);
    }

    /** The rest of a string from its first escape at the cursor; {@code start} is its first character. */
    private String escaped(int start) {
        StringBuilder out = new StringBuilder(pos - start + 16).append(s, start, pos);
        char c;
        while ((c = at()) != '"') {
            if (c < 0x20) {
                throw giveUp();
            }
            pos++;
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = at();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        v = v << 4 | hex(at());
                        pos++;
                    }
                    out.append((char) v);
                }
                default -> throw giveUp();
            }
        }
        pos++;
        return out.toString();
    }

    /** The value of an ASCII hex digit, either case. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw giveUp();
    }

    private boolean bool() {
        if (s.startsWith("false", pos)) {
            pos += 5;
            return false;
        }
        if (s.startsWith("true", pos)) {
            pos += 4;
            return true;
        }
        throw giveUp();
    }
}
