package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.binlog.DecodeError.Kind;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad payloads give a {@link DecodeResult.Failed} with the right kind and path, never an exception. */
class BinlogDecoderErrorTest {
    private static final String ALPHABET = "{}[]\":,-0123456789.eE tfnx\\";

    private final BinlogDecoder decoder = new BinlogDecoder();

    private DecodeError fail(BinlogType type, String json) {
        DecodeResult result = decoder.decode(type, json);
        assertThat(result).as("%s", result).isInstanceOf(DecodeResult.Failed.class);
        assertThat(result.isDecoded()).isFalse();
        DecodeError error = ((DecodeResult.Failed) result).error();
        assertThat(error.rawJson()).isEqualTo(json == null ? "" : json);
        return error;
    }

    static Stream<Arguments> badPayloads() {
        return Stream.of(
                Arguments.of("null input", BinlogType.DROP_TABLE, null, Kind.EMPTY_INPUT, "$"),
                Arguments.of("empty string", BinlogType.DROP_TABLE, "", Kind.EMPTY_INPUT, "$"),
                Arguments.of("blank", BinlogType.UPSERT, " \n\t", Kind.EMPTY_INPUT, "$"),
                Arguments.of("truncated", BinlogType.DROP_TABLE, "{\"commitSeq\":1,\"dbId\":2,\"tab",
                        Kind.MALFORMED_JSON, "$"),
                Arguments.of("trailing garbage", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1,\"dbId\":2,\"tableId\":3} x", Kind.MALFORMED_JSON, "$"),
                Arguments.of("two objects", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1,\"dbId\":2,\"tableId\":3}{}", Kind.MALFORMED_JSON, "$"),
                Arguments.of("duplicate key", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1,\"dbId\":2,\"dbId\":3,\"tableId\":3}", Kind.MALFORMED_JSON, "$"),
                Arguments.of("single quotes", BinlogType.DROP_TABLE, "{'dbId':1}", Kind.MALFORMED_JSON, "$"),
                Arguments.of("JSON array", BinlogType.DROP_TABLE, "[{\"dbId\":1}]", Kind.NOT_AN_OBJECT, "$"),
                Arguments.of("JSON null", BinlogType.DROP_TABLE, "null", Kind.NOT_AN_OBJECT, "$"),
                Arguments.of("JSON string", BinlogType.DROP_TABLE, "\"{}\"", Kind.NOT_AN_OBJECT, "$"),
                Arguments.of("JSON number", BinlogType.DROP_TABLE, "5", Kind.NOT_AN_OBJECT, "$"),
                Arguments.of("missing tableId", BinlogType.DROP_TABLE, "{\"commitSeq\":1,\"dbId\":2}",
                        Kind.MISSING_KEY, "$.tableId"),
                Arguments.of("null tableId", BinlogType.DROP_TABLE, "{\"commitSeq\":1,\"dbId\":2,\"tableId\":null}",
                        Kind.MISSING_KEY, "$.tableId"),
                Arguments.of("empty object", BinlogType.RENAME_TABLE, "{}", Kind.MISSING_KEY, "$.db"),
                Arguments.of("id as string", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1,\"dbId\":\"2\",\"tableId\":3}", Kind.WRONG_TYPE, "$.dbId"),
                Arguments.of("id as decimal", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1.5,\"dbId\":2,\"tableId\":3}", Kind.WRONG_TYPE, "$.commitSeq"),
                Arguments.of("id as boolean", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":true,\"dbId\":2,\"tableId\":3}", Kind.WRONG_TYPE, "$.commitSeq"),
                Arguments.of("name as number", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1,\"dbId\":2,\"tableId\":3,\"tableName\":7}", Kind.WRONG_TYPE, "$.tableName"),
                Arguments.of("flag as string", BinlogType.DROP_PARTITION,
                        "{\"dbId\":2,\"tableId\":3,\"forceDrop\":\"true\"}", Kind.WRONG_TYPE, "$.forceDrop"),
                Arguments.of("list as object", BinlogType.REPLACE_PARTITIONS,
                        "{\"dbId\":2,\"tblId\":3,\"partitions\":{\"p1\":1}}", Kind.WRONG_TYPE, "$.partitions"),
                Arguments.of("list item wrong", BinlogType.REPLACE_PARTITIONS,
                        "{\"dbId\":2,\"tblId\":3,\"partitions\":[\"p1\",2]}", Kind.WRONG_TYPE, "$.partitions[1]"),
                Arguments.of("map value wrong", BinlogType.ALTER_DATABASE_PROPERTY,
                        "{\"dbId\":2,\"properties\":{\"a\":1}}", Kind.WRONG_TYPE, "$.properties[\"a\"]"),
                Arguments.of("map key not an id", BinlogType.ALTER_JOB,
                        "{\"dbId\":2,\"tableId\":3,\"jobId\":4,\"iim\":{\"x\":1}}", Kind.WRONG_TYPE, "$.iim[\"x\"]"),
                Arguments.of("map key just a minus", BinlogType.ALTER_JOB,
                        "{\"dbId\":2,\"tableId\":3,\"jobId\":4,\"iim\":{\"-\":1}}", Kind.WRONG_TYPE, "$.iim[\"-\"]"),
                Arguments.of("long > Long.MAX", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":9223372036854775808,\"dbId\":2,\"tableId\":3}", Kind.NUMBER_OUT_OF_RANGE,
                        "$.commitSeq"),
                Arguments.of("long < Long.MIN", BinlogType.DROP_PARTITION,
                        "{\"dbId\":2,\"tableId\":3,\"version\":-9223372036854775809}", Kind.NUMBER_OUT_OF_RANGE,
                        "$.version"),
                Arguments.of("huge integer", BinlogType.DROP_TABLE,
                        "{\"commitSeq\":1" + "0".repeat(40) + ",\"dbId\":2,\"tableId\":3}", Kind.NUMBER_OUT_OF_RANGE,
                        "$.commitSeq"),
                Arguments.of("map key > Long.MAX", BinlogType.UPSERT,
                        "{\"commitSeq\":1,\"txnId\":2,\"dbId\":3,\"tableRecords\":{\"99999999999999999999\":{}}}",
                        Kind.NUMBER_OUT_OF_RANGE, "$.tableRecords[\"99999999999999999999\"]"),
                Arguments.of("binlogType > int", BinlogType.BARRIER,
                        "{\"dbId\":1,\"tableId\":2,\"binlogType\":4294967296}", Kind.NUMBER_OUT_OF_RANGE,
                        "$.binlogType"),
                Arguments.of("nested missing version", BinlogType.UPSERT,
                        "{\"commitSeq\":1,\"txnId\":2,\"dbId\":3,\"tableRecords\":{\"10\":{\"partitionRecords\":"
                                + "[{\"partitionId\":5,\"version\":1},{\"partitionId\":6}]}}}",
                        Kind.MISSING_KEY, "$.tableRecords[\"10\"].partitionRecords[1].version"),
                Arguments.of("nested not an object", BinlogType.ADD_PARTITION,
                        "{\"commitSeq\":1,\"dbId\":2,\"tableId\":3,\"partition\":[]}", Kind.WRONG_TYPE, "$.partition"),
                Arguments.of("short index key wrong type", BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES,
                        "{\"dbId\":1,\"tableId\":2,\"indexes\":[{\"i\":\"7\"}]}", Kind.WRONG_TYPE, "$.indexes[0].i"),
                Arguments.of("negative id", BinlogType.DROP_TABLE, "{\"commitSeq\":1,\"dbId\":-5,\"tableId\":3}",
                        Kind.INVALID_VALUE, "$"),
                Arguments.of("column without name", BinlogType.MODIFY_VIEW_DEF,
                        "{\"dbId\":1,\"tableId\":2,\"inlineViewDef\":\"x\",\"newFullSchema\":[{\"type\":\"INT\"}]}",
                        Kind.MISSING_KEY, "$.newFullSchema[0].name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void badPayloadIsAFailureWithKindAndPath(String name, BinlogType type, String json, Kind kind, String path) {
        DecodeError error = fail(type, json);
        assertThat(error.kind()).as(error.describe()).isEqualTo(kind);
        assertThat(error.path()).as(error.describe()).isEqualTo(path);
        assertThat(error.message()).isNotBlank();
    }

    @Test
    void unknownTypesFailVisibly() {
        assertThat(decoder.decode(27, "{}")).isInstanceOfSatisfying(DecodeResult.Failed.class,
                f -> assertThat(f.error().kind()).isEqualTo(Kind.UNKNOWN_TYPE));
        assertThat(decoder.decode(BinlogType.UNKNOWN, "{}")).isInstanceOfSatisfying(DecodeResult.Failed.class,
                f -> assertThat(f.error().kind()).isEqualTo(Kind.UNKNOWN_TYPE));
        RawBinlog raw = new RawBinlog(1, 1, 99, 1, List.of(), "{}", -1);
        assertThat(decoder.decode(raw)).isInstanceOfSatisfying(DecodeResult.Failed.class, f -> {
            assertThat(f.error().kind()).isEqualTo(Kind.UNKNOWN_TYPE);
            assertThat(f.error().message()).contains("99");
        });
    }

    @Test
    void displayJsonIsTruncatedAndErrorConvertsToCodedException() {
        String json = "[" + "1,".repeat(500) + "1]";
        DecodeError error = fail(BinlogType.UPSERT, json);
        assertThat(error.displayJson()).hasSizeLessThan(DecodeError.DISPLAY_LIMIT + 30).endsWith("(" + json.length() + " chars)");
        assertThat(error.rawJson()).isEqualTo(json);
        CcrException e = error.toException();
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BINLOG);
        assertThat(e.context()).containsEntry("path", "$");
        assertThat(new DecodeError(Kind.UNKNOWN_TYPE, "$", "m", "").toException().code())
                .isEqualTo(ErrorCode.UNKNOWN_BINLOG_TYPE);
    }

    @Test
    void deeplyNestedUnknownKeysAreIgnoredButDeepGarbageIsMalformed() {
        String ok = "{\"db\":1,\"tb\":2,\"nT\":\"a\",\"future\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThat(decoder.decode(BinlogType.RENAME_TABLE, ok).isDecoded()).isTrue();
        String deep = "{\"db\":1,\"tb\":2,\"nT\":\"a\",\"future\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(fail(BinlogType.RENAME_TABLE, deep).kind()).isEqualTo(Kind.MALFORMED_JSON);
    }

    @Test
    void everyPrefixAndRandomByteFlipOfValidPayloadsFailsCleanly() {
        long seed = 20261123L;
        System.out.println("BinlogDecoderErrorTest fuzz seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        RandomRecords records = new RandomRecords(seed);
        DorisJsonEncoder encoder = new DorisJsonEncoder(DorisJsonEncoder.KeyStyle.NEW, false);
        for (BinlogType type : BinlogType.values()) {
            if (type == BinlogType.UNKNOWN || type == BinlogType.DUMMY) {
                continue;
            }
            String json = encoder.encode(records.next(type));
            for (int end = 0; end < json.length(); end++) {
                DecodeResult result = decoder.decode(type, json.substring(0, end));
                assertThat(result.isDecoded()).as("seed=%d %s prefix %d of %s", seed, type, end, json).isFalse();
            }
            char[] chars = json.toCharArray();
            for (int i = 0; i < 200; i++) {
                char[] mutated = chars.clone();
                mutated[random.nextInt(mutated.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                assertThat(decoder.decode(type, new String(mutated))).isNotNull();
            }
        }
    }
}
