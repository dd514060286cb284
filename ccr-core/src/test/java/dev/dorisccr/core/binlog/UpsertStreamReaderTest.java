package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The UPSERT fast paths give what the tree path gives: the same record for every payload they
 * accept, and for everything else the decoder's answer is the tree path's (record or error, with
 * its kind and JSON path). Checked on hand-written payloads and on seeded mutations of them, through
 * every path ({@link UpsertPaths}); the scanner's own cases are in {@link UpsertScannerTest}.
 */
class UpsertStreamReaderTest {
    private static final String RANGE = "[types: [INT]; keys: [-2147483648]; ..types: [INT]; keys: [100]; )";
    private static final List<String> PAYLOADS = List.of(
            "{\"commitSeq\":12345,\"txnId\":67890,\"timeStamp\":1764590000000,\"label\":\"insert_8f2c\",\"dbId\":10001,"
                    + "\"tableRecords\":{\"10002\":{\"partitionRecords\":[{\"partitionId\":10003,\"range\":\"" + RANGE
                    + "\",\"version\":42,\"isTempPartition\":false,\"stid\":-1}],\"indexIds\":[10004]}},\"stids\":[]}",
            // two tables, several partitions, unknown keys at every level, nulls as absent, no optional keys
            "{\"dbId\":1,\"future\":{\"a\":[1,{\"b\":null}]},\"commitSeq\":2,\"txnId\":3,\"label\":null,"
                    + "\"tableRecords\":{\"-0\":{\"indexIds\":[5,6],\"x\":1,\"partitionRecords\":[{\"version\":1,"
                    + "\"partitionId\":7,\"isTempPartition\":true,\"y\":[]},{\"partitionId\":8,\"version\":9,"
                    + "\"range\":null,\"stid\":null}]},\"11\":{\"partitionRecords\":null}},\"stids\":[1,2,3]}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{}}",
            // what the tree path refuses
            "", "  ", "[]", "null", "{\"commitSeq\":1}", "{\"commitSeq\":1,\"txnId\":1,\"dbId\":-5}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"commitSeq\":2}",
            "{\"commitSeq\":1.5,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":99999999999999999999,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":9223372036854775807,\"txnId\":1,\"dbId\":1}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1} {}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"x\":{}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"99999999999999999999\":{}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":null}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[null]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"version\":1}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"stids\":[1,null]}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"label\":5}",
            // duplicates at each level, inside skipped values too, and ids that are the same number
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"label\":null,\"label\":\"x\"}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"indexIds\":[1],\"indexIds\":[2]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"partitionRecords\":[{\"partitionId\":1,"
                    + "\"version\":1,\"version\":2}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"future\":{\"a\":1,\"a\":2}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{\"x\":[{\"b\":1,\"b\":1}]}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{},\"01\":{}}}",
            "{\"commitSeq\":1,\"txnId\":1,\"dbId\":1,\"tableRecords\":{\"1\":{},\"1\":{}}}");

    @Test
    void handWrittenPayloadsDecodeAsTheTreePathDecodesThem() {
        int accepted = 0;
        for (String json : PAYLOADS) {
            accepted += UpsertPaths.check(json, "hand-written") != UpsertPaths.Path.TREE ? 1 : 0;
        }
        assertThat(accepted).as("payloads a fast path itself decoded").isEqualTo(4);
    }

    @Test
    void mutatedPayloadsDecodeAsTheTreePathDecodesThem() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String[] tokens = {"null", "1", "-1", "-2", "1.5", "\"7\"", "true", "[]", "{}", "[1]", "\"", ",", ":", "}", "]",
            "9223372036854775808", "\"commitSeq\":3,", "\"version\":3,", "\"indexIds\":[1],", "\"z\":{\"z\":1},"};
        int accepted = 0;
        for (int i = 0; i < 3000; i++) {
            String json = UpsertPaths.mutate(r, PAYLOADS.get(r.nextInt(4)), tokens, 3);
            String what = "seed " + seed + ", mutation " + i;
            accepted += UpsertPaths.check(json, what) != UpsertPaths.Path.TREE ? 1 : 0;
        }
        // most mutations break the payload; some keep it valid (a value replaced by another number)
        assertThat(accepted).as("seed %d: mutations the fast path decoded itself", seed).isPositive();
    }
}
