package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dorisccr.core.binlog.DecodeError.Kind;
import java.util.Optional;

/**
 * Decodes binlog {@code data} payloads into {@link BinlogRecord}s with the Jackson tree model;
 * UPSERT, the most frequent payload, goes through two fast paths first: a scanner for exactly the
 * text the FE writes ({@link UpsertScanner}), then a Jackson streaming reader
 * ({@link UpsertStreamReader}); each hands anything it does not expect to the next, and the tree
 * path decides the rest (so results and errors are the same whichever path ran). Thread-safe and
 * stateless; share one instance.
 *
 * <p>Never throws for bad input: every problem comes back as a {@link DecodeResult.Failed} with a
 * kind, the JSON path and the raw JSON. Unknown keys are ignored; both the old (long) and the Doris
 * 2.1+/3.x (short) key names are accepted. A BARRIER that wraps another binlog (the Doris 2.x form
 * of types 14-23) is unwrapped: the result holds the inner record and the barrier.
 */
public final class BinlogDecoder {
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final UpsertPath upsertPath;

    /** How an UPSERT payload is read before the tree path; each path hands what it refuses to the next. */
    enum UpsertPath {
        TREE,
        STREAMING,
        SCANNER
    }

    /** A decoder with both UPSERT fast paths (the scanner, then the streaming reader). */
    public BinlogDecoder() {
        this(UpsertPath.SCANNER);
    }

    private BinlogDecoder(UpsertPath upsertPath) {
        this.upsertPath = upsertPath;
    }

    /**
     * A decoder that decodes every payload with the tree path, UPSERT included: the reference the
     * fast path is tested and benchmarked against. Results are the same as {@link #BinlogDecoder()}'s.
     */
    public static BinlogDecoder treeOnly() {
        return new BinlogDecoder(UpsertPath.TREE);
    }

    /**
     * A decoder whose UPSERT fast path is the streaming reader alone, without the scanner (the
     * decoder before the scanner): kept for the benchmark and the tests. Results are the same as
     * {@link #BinlogDecoder()}'s.
     */
    public static BinlogDecoder withoutUpsertScanner() {
        return new BinlogDecoder(UpsertPath.STREAMING);
    }

    /** Decodes a binlog as the FE returned it; a DUMMY takes its {@code belong} from the binlog. */
    public DecodeResult decode(RawBinlog binlog) {
        requireNonNull(binlog, "binlog is null");
        BinlogType type = BinlogType.fromCode(binlog.typeCode());
        if (type == BinlogType.DUMMY) {
            return new DecodeResult.Decoded(
                    new DummyRecord(binlog.belong()), binlog.data() == null ? "" : binlog.data());
        }
        return decode(binlog.typeCode(), binlog.data());
    }

    /** Decodes {@code json} as the payload of the binlog type with this Thrift number. */
    public DecodeResult decode(int typeCode, String json) {
        BinlogType type = BinlogType.fromCode(typeCode);
        if (type == BinlogType.UNKNOWN) {
            return unknownType("$", "binlog type " + typeCode + " is not known to this syncer", json);
        }
        return decode(type, json);
    }

    /**
     * Decodes {@code json} as a payload of {@code type}. A DUMMY has no payload: null, blank or an
     * object are accepted and give {@code belong = -1}.
     */
    public DecodeResult decode(BinlogType type, String json) {
        requireNonNull(type, "type is null");
        String raw = json == null ? "" : json;
        if (type == BinlogType.UNKNOWN) {
            return unknownType("$", "binlog type UNKNOWN cannot be decoded", raw);
        }
        if (type == BinlogType.DUMMY && raw.isBlank()) {
            return new DecodeResult.Decoded(new DummyRecord(-1), raw);
        }
        if (type == BinlogType.UPSERT) {
            UpsertRecord fast = fastUpsert(raw, null);
            if (fast != null) {
                return new DecodeResult.Decoded(fast, raw);
            }
        }
        return decodeTree(type, raw);
    }

    /**
     * The UPSERT fast paths in this decoder's order (the scanner, then the streaming reader): the
     * record of the first that accepts {@code raw}, or null for the tree path. {@code took}, when
     * not null, is told which path decided (package-private: the tests check the order).
     */
    UpsertRecord fastUpsert(String raw, java.util.function.Consumer<UpsertPath> took) {
        UpsertRecord scanned = upsertPath == UpsertPath.SCANNER ? UpsertScanner.scan(raw) : null;
        if (scanned != null) {
            tell(took, UpsertPath.SCANNER);
            return scanned;
        }
        Optional<UpsertRecord> fast = upsertPath == UpsertPath.TREE ? Optional.empty() : UpsertStreamReader.read(raw);
        tell(took, fast.isPresent() ? UpsertPath.STREAMING : UpsertPath.TREE);
        return fast.orElse(null);
    }

    private static void tell(java.util.function.Consumer<UpsertPath> took, UpsertPath path) {
        if (took != null) {
            took.accept(path);
        }
    }

    /** The tree path: every type, and every payload the UPSERT fast path leaves to it. */
    private DecodeResult decodeTree(BinlogType type, String raw) {
        try {
            BinlogRecord record = read(type, parse(raw));
            if (record instanceof BarrierRecord barrier && barrier.wraps()) {
                return new DecodeResult.Decoded(unwrap(barrier), raw, Optional.of(barrier));
            }
            return new DecodeResult.Decoded(record, raw);
        } catch (DecodeException e) {
            return new DecodeResult.Failed(e.toError(raw));
        }
    }

    /** The record as canonical JSON: the record component names, keys sorted, no whitespace. */
    public static String toCanonicalJson(BinlogRecord record) {
        return CanonicalJson.render(record);
    }

    private BinlogRecord unwrap(BarrierRecord barrier) throws DecodeException {
        BinlogType inner = BinlogType.fromCode(barrier.wrappedTypeCode());
        if (inner == BinlogType.UNKNOWN) {
            throw new DecodeException(
                    Kind.UNKNOWN_TYPE,
                    "$.binlogType",
                    "the BARRIER wraps binlog type " + barrier.wrappedTypeCode() + ", which is not known");
        }
        if (inner == BinlogType.BARRIER || inner == BinlogType.DUMMY) {
            throw new DecodeException(Kind.INVALID_VALUE, "$.binlogType", "a BARRIER cannot wrap a " + inner + " binlog");
        }
        try {
            return read(inner, parse(barrier.wrappedJson()));
        } catch (DecodeException e) {
            throw new DecodeException(
                    e.kind(),
                    "$.binlog" + e.path().substring(1),
                    "in the " + inner + " binlog the BARRIER wraps: " + e.getMessage());
        }
    }

    private JsonNode parse(String raw) throws DecodeException {
        if (raw.isBlank()) {
            throw new DecodeException(Kind.EMPTY_INPUT, "$", "the payload is empty");
        }
        try {
            return mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new DecodeException(Kind.MALFORMED_JSON, "$", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static BinlogRecord read(BinlogType type, JsonNode node) throws DecodeException {
        JsonObject json = JsonObject.root(node);
        try {
            return switch (type) {
                case UPSERT -> DataPayloads.upsert(json);
                case ADD_PARTITION -> DataPayloads.addPartition(json);
                case CREATE_TABLE -> DataPayloads.createTable(json);
                case DROP_PARTITION -> DataPayloads.dropPartition(json);
                case DROP_TABLE -> DataPayloads.dropTable(json);
                case ALTER_JOB -> DataPayloads.alterJob(json);
                case MODIFY_TABLE_ADD_OR_DROP_COLUMNS -> DataPayloads.modifyColumns(json);
                case DUMMY -> new DummyRecord(-1);
                case ALTER_DATABASE_PROPERTY -> DataPayloads.alterDatabaseProperty(json);
                case MODIFY_TABLE_PROPERTY -> DataPayloads.modifyTableProperty(json);
                case BARRIER -> DataPayloads.barrier(json);
                case MODIFY_PARTITIONS -> DataPayloads.modifyPartitions(json);
                case REPLACE_PARTITIONS -> DataPayloads.replacePartitions(json);
                case TRUNCATE_TABLE -> DataPayloads.truncateTable(json);
                case RENAME_TABLE -> SchemaPayloads.renameTable(json);
                case RENAME_COLUMN -> SchemaPayloads.renameColumn(json);
                case MODIFY_COMMENT -> SchemaPayloads.modifyComment(json);
                case MODIFY_VIEW_DEF -> SchemaPayloads.modifyViewDef(json);
                case REPLACE_TABLE -> SchemaPayloads.replaceTable(json);
                case MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES -> SchemaPayloads.invertedIndices(json);
                case INDEX_CHANGE_JOB -> SchemaPayloads.indexChangeJob(json);
                case RENAME_ROLLUP -> SchemaPayloads.renameRollup(json);
                case RENAME_PARTITION -> SchemaPayloads.renamePartition(json);
                case DROP_ROLLUP -> SchemaPayloads.dropRollup(json);
                case RECOVER_INFO -> SchemaPayloads.recoverInfo(json);
                case MODIFY_DISTRIBUTION_BUCKET_NUM -> SchemaPayloads.bucketNum(json);
                case MODIFY_DISTRIBUTION_TYPE -> SchemaPayloads.distributionType(json);
                case UNKNOWN -> throw new DecodeException(Kind.UNKNOWN_TYPE, "$", "binlog type UNKNOWN");
            };
        } catch (IllegalArgumentException e) {
            // a record constructor rejected a well-typed value (a negative id, for example)
            throw new DecodeException(Kind.INVALID_VALUE, "$", e.getMessage());
        }
    }

    private static DecodeResult unknownType(String path, String message, String json) {
        return new DecodeResult.Failed(new DecodeError(Kind.UNKNOWN_TYPE, path, message, json == null ? "" : json));
    }
}
