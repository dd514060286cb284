package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dorisccr.core.binlog.DorisJsonEncoder.KeyStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random records rendered as Doris JSON in both key styles decode back to equal records. */
class BinlogRoundTripTest {
    private static final int PER_TYPE = 40;
    private final BinlogDecoder decoder = new BinlogDecoder();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261123L, -7L, 987654321987L})
    void everyTypeRoundTripsInBothKeyStylesDenseAndSparse(long seed) throws Exception {
        System.out.println("BinlogRoundTripTest seed=" + seed);
        RandomRecords records = new RandomRecords(seed);
        int checked = 0;
        for (BinlogType type : BinlogType.values()) {
            if (type == BinlogType.UNKNOWN) {
                continue;
            }
            for (int i = 0; i < PER_TYPE; i++) {
                BinlogRecord record = records.next(type);
                for (KeyStyle style : KeyStyle.values()) {
                    for (boolean sparse : new boolean[] {false, true}) {
                        String json = new DorisJsonEncoder(style, sparse).encode(record);
                        BinlogRecord expected = type == BinlogType.DUMMY ? new DummyRecord(-1) : record;
                        DecodeResult result = decoder.decode(type.code(), json);
                        assertThat(result)
                                .as("seed=%d type=%s style=%s sparse=%s json=%s", seed, type, style, sparse, json)
                                .isEqualTo(new DecodeResult.Decoded(expected, json));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(27 * PER_TYPE * 4);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 77L, 31337L})
    void wrappableTypesRoundTripThroughABarrier(long seed) {
        System.out.println("BinlogRoundTripTest barrier seed=" + seed);
        RandomRecords records = new RandomRecords(seed);
        for (int code = 11; code <= 26; code++) {
            BinlogType type = BinlogType.fromCode(code);
            for (int i = 0; i < PER_TYPE; i++) {
                BinlogRecord record = records.next(type);
                String inner = new DorisJsonEncoder(KeyStyle.NEW, i % 2 == 0).encode(record);
                BarrierRecord barrier = new BarrierRecord(10116, "ccr", 10118, "t1", code, inner);
                String outer = new DorisJsonEncoder(KeyStyle.NEW, false).encode(barrier);
                assertThat(decoder.decode(BinlogType.BARRIER, outer))
                        .as("seed=%d type=%s json=%s", seed, type, outer)
                        .isEqualTo(new DecodeResult.Decoded(record, outer, Optional.of(barrier)));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 99L})
    void canonicalJsonIsStableSortedAndReDecodable(long seed) throws Exception {
        System.out.println("BinlogRoundTripTest canonical seed=" + seed);
        RandomRecords records = new RandomRecords(seed);
        JsonMapper mapper = new JsonMapper();
        for (BinlogType type : BinlogType.values()) {
            if (type == BinlogType.UNKNOWN) {
                continue;
            }
            BinlogRecord record = records.next(type);
            String first = BinlogDecoder.toCanonicalJson(record);
            BinlogRecord same = records.next(type);
            assertThat(BinlogDecoder.toCanonicalJson(record)).isEqualTo(first);
            assertThat(BinlogDecoder.toCanonicalJson(same).equals(first)).isEqualTo(same.equals(record));
            assertSorted(mapper.readTree(first), type + " " + first);
        }
    }

    private static void assertSorted(JsonNode node, String what) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            assertThat(names).as(what).isSorted();
            node.elements().forEachRemaining(child -> assertSorted(child, what));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> assertSorted(child, what));
        }
    }
}
