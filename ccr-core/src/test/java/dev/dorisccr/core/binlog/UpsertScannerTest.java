package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner, the first UPSERT path: it decodes the FE's own form itself and leaves every other
 * form to the streaming reader and the tree path, and whatever it decodes is the tree path's record
 * ({@link UpsertPaths}). Hand-written cases at its edges (numbers at the int and long boundaries,
 * number forms JSON or Jackson treat differently, escapes and unicode in strings, whitespace, key
 * order, duplicates, unknown keys, trailing content), then seeded mutations of FE-shaped payloads.
 */
class UpsertScannerTest {
    private static final String RANGE = "[types: [INT]; keys: [-2147483648]; ..types: [INT]; keys: [100]; )";
    /** The FE's form: {@code $V} is the version, {@code $L} the label, {@code $T} the table id. */
    private static final String FE = "{\"commitSeq\":12345,\"txnId\":67890,\"timeStamp\":1764590000000,\"label\":\"$L\","
            + "\"dbId\":10001,\"tableRecords\":{\"$T\":{\"partitionRecords\":[{\"partitionId\":10003,\"range\":\"" + RANGE
            + "\",\"version\":$V,\"isTempPartition\":false,\"stid\":-1}],\"indexIds\":[10004]}},\"stids\":[]}";
    private static final String MULTI = "{\"commitSeq\":7,\"txnId\":8,\"timeStamp\":0,\"label\":\"m\",\"dbId\":1,"
            + "\"tableRecords\":{\"20\":{\"partitionRecords\":[{\"partitionId\":21,\"range\":\"a\",\"version\":2,"
            + "\"isTempPartition\":true,\"stid\":5},{\"partitionId\":22,\"range\":\"\",\"version\":3,"
            + "\"isTempPartition\":false,\"stid\":6}],\"indexIds\":[23,24]},\"30\":{\"partitionRecords\":[],"
            + "\"indexIds\":[]},\"40\":{}},\"stids\":[5,6,-1]}";

    private static String fe(String version, String label, String table) {
        return FE.replace("$V", version).replace("$L", label).replace("$T", table);
    }

    private static String version(String v) {
        return fe(v, "insert_8f2c", "10002");
    }

    private static String label(String l) {
        return fe("42", l, "10002");
    }

    private static String table(String t) {
        return fe("42", "insert_8f2c", t);
    }

    /** Payloads the scanner decodes itself. */
    private static final List<String> SCANNED = List.of(
            version("42"), MULTI,
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{}}",
            "{\"commitSeq\":1,\"txnId\":1,\"label\":\"\",\"dbId\":1,\"stids\":[0]}",
            // numbers at the edges of what it reads: 18 digits, 0, the int boundaries, -1
            version("999999999999999999"), version("-999999999999999999"), version("0"), version("2147483647"),
            version("2147483648"), version("-2147483648"), version("-2147483649"), version("-1"),
            table("0"), table("-7"), table("999999999999999999"),
            // strings as they are: unicode (a surrogate pair too), slash, quote-free brackets, DEL
            label("é日本\uD83D\uDE00"), label("a/b"), label("x\u007Fy"), label("[a]; {b}, c:d"), label(""),
            label("\uD800"), label("\uDFFFx"),
            // escapes, as Gson writes = < > & ' and control characters: decoded as Jackson decodes them
            label("a\\\"b"), label("a\\\\b"), label("a\\/b"), label("a\\nb"), label("\\b\\f\\r\\t"),
            label("\\u00e9"), label("\\u00E9"), label("\\u003d\\u003c\\u003e\\u0026\\u0027"),
            label("\\uD83D\\uDE00"), label("\\uDE00"), label("\\u0000"), label("x\\u001fy\\\\"),
            fe("42", "a\\u003db", "10002").replace(RANGE, "[types: [VARCHAR]; keys: [\\u0027a\\u0027]; ]"));

    /** Payloads it leaves to the streaming reader or the tree path (valid or not). */
    private static final List<String> LEFT = List.of(
            // numbers: 19 digits and more, the long boundaries, forms it does not read
            version("1000000000000000000"), version("9223372036854775807"), version("9223372036854775808"),
            version("-9223372036854775808"), version("-9223372036854775809"), version("99999999999999999999"),
            version("01"), version("-0"), version("00"), version("1.0"), version("1e3"), version("1E3"), version("-"),
            version("--1"), version("+1"), version("0x1"), version("1 "), version("null"), version("\"42\""),
            version("true"),
            "{\"commitSeq\":-9223372036854775808,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"timeStamp\":-9223372036854775808,\"dbId\":1}",
            "{\"commitSeq\":-2,\"txnId\":1,\"dbId\":1}",
            // strings: escapes JSON does not define, raw control characters, an unterminated string
            label("\\x"), label("\\u12"), label("\\u12g4"), label("\\U00e9"), label("\\u\uFF10\uFF10\uFF11\uFF12"),
            label("\\'"), label("a\\"), label("a\u0001b"), label("a\tb"), label("a\nb"), label("\\u00e9\tb"),
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"label\":\"abc",
            // table ids
            table("01"), table("-0"), table("+1"), table("1.0"), table("x"), table(""), table(" 1"),
            table("9223372036854775807"), table("9223372036854775808"),
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{},\"1\":{}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{},\"01\":{}}}",
            // whitespace anywhere
            " " + version("42"), version("42") + "\n", version("42").replace(":", ": "),
            version("42").replace(",", ",\n"), "{ \"commitSeq\":1,\"txnId\":1,\"dbId\":1}",
            // key order, duplicates, unknown keys (nested), escaped keys, nulls
            "{\"dbId\":1,\"commitSeq\":1,\"txnId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"commitSeq\":2}",
            "{\"commitSeq\":1,\"commitSeq\":1,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"label\":\"a\",\"label\":\"b\",\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"indexIds\":[1],\"indexIds\":[2]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"indexIds\":[1],"
                    + "\"partitionRecords\":[]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":1,"
                    + "\"version\":1,\"version\":2}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"version\":1,"
                    + "\"partitionId\":1}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"future\":{\"a\":[1,{\"b\":null}]}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"x\":{\"y\":[1]}}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":1,"
                    + "\"version\":1,\"z\":{\"z\":1,\"z\":2}}]}}}",
            "{\"commit\\u0053eq\":1,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"label\":null,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"stids\":null}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":null}}",
            // structure: missing keys, trailing content, trailing commas, wrong types
            "", "{}", "[]", "null", "{\"commitSeq\":1,\"txnId\":1}", "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1}{}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1} ", "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"stids\":[1,]}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"stids\":[1.5]}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":[]}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":1,"
                    + "\"version\":1,\"isTempPartition\":0}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":1,"
                    + "\"version\":1,\"isTempPartition\":falsey}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":-2,"
                    + "\"version\":1}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":1}]}}}");

    @Test
    void theFeFormIsDecodedByTheScannerAsTheTreePathDecodesIt() {
        for (String json : SCANNED) {
            assertThat(UpsertPaths.check(json, "scanned")).as(json).isEqualTo(UpsertPaths.Path.SCANNER);
        }
    }

    @Test
    void everyOtherFormIsLeftToTheOtherPathsWithTheTreePathsAnswer() {
        for (String json : LEFT) {
            assertThat(UpsertPaths.check(json, "left")).as(json).isNotEqualTo(UpsertPaths.Path.SCANNER);
        }
    }

    @Test
    void theDefaultDecoderTriesTheScannerFirstThenTheStreamingReaderThenTheTreePath() {
        BinlogDecoder decoder = new BinlogDecoder();
        List<BinlogDecoder.UpsertPath> took = new ArrayList<>();
        String fe = version("42");
        assertThat(decoder.fastUpsert(fe, took::add)).isEqualTo(UpsertScanner.scan(fe)).isNotNull();
        assertThat(decoder.fastUpsert(" " + fe, took::add)).as("whitespace: the scanner refuses, the reader reads it")
                .isEqualTo(UpsertStreamReader.read(" " + fe).orElseThrow());
        assertThat(decoder.fastUpsert("{\"commitSeq\":1,\"txnId\":1}", took::add)).as("no dbId: the tree path's error")
                .isNull();
        assertThat(took).containsExactly(BinlogDecoder.UpsertPath.SCANNER, BinlogDecoder.UpsertPath.STREAMING,
                BinlogDecoder.UpsertPath.TREE);
        assertThat(decoder.decode(BinlogType.UPSERT, fe)).isEqualTo(new DecodeResult.Decoded(UpsertScanner.scan(fe), fe));
        assertThat(decoder.decode(BinlogType.UPSERT, "{\"commitSeq\":1,\"txnId\":1}"))
                .isInstanceOf(DecodeResult.Failed.class);
    }

    @Test
    void aPayloadOverTheLengthLimitIsLeftToJackson() {
        String json = label("a".repeat(UpsertScanner.MAX_LENGTH));
        assertThat(UpsertPaths.check(json, "long")).isEqualTo(UpsertPaths.Path.STREAMING);
    }

    @Test
    void mutatedFePayloadsDecodeAsTheTreePathDecodesThem() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String[] tokens = {"0", "1", "-1", "-0", "01", "1.0", "1e3", "999999999999999999", "1000000000000000000",
            "9223372036854775807", "-9223372036854775808", "null", "true", "false", "\"s\"", "\"\\u00e9\"",
            "\"\\\"\"", "\"é\"", " ", "\n", ",", ":", "{", "}", "[", "]", "\"", "\\", "[1,2]", "{}", "[]",
            "\"commitSeq\":3,", "\"label\":\"x\",", "\"version\":3,", "\"stid\":4,", "\"indexIds\":[1],",
            "\"partitionRecords\":[],", "\"9\":{},", "\"z\":{\"z\":1},"};
        List<String> bases = List.of(version("42"), MULTI);
        List<UpsertPaths.Path> paths = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String json = UpsertPaths.mutate(r, bases.get(r.nextInt(bases.size())), tokens, 2);
            paths.add(UpsertPaths.check(json, "seed " + seed + ", mutation " + i));
        }
        // some mutations keep the FE's form (a number replaced by another), some leave it
        assertThat(paths).as("seed %d: the paths that decided", seed)
                .contains(UpsertPaths.Path.SCANNER, UpsertPaths.Path.STREAMING, UpsertPaths.Path.TREE);
    }
}
