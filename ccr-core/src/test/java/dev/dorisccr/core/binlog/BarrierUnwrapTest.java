package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.binlog.DecodeError.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Doris 2.x form: types 14-23 arrive as a BARRIER carrying binlogType and the inner JSON. */
class BarrierUnwrapTest {
    private final BinlogDecoder decoder = new BinlogDecoder();

    private static final String WRAPPED_RENAME = """
            {"dbId":10116,"tableId":10118,"binlogType":14,"binlog":"{\\"db\\":10116,\\"tb\\":10118,\\"ind\\":-1,\\"p\\":-1,\\"nT\\":\\"t1_new\\",\\"oT\\":\\"t1\\",\\"nR\\":\\"\\",\\"oR\\":\\"\\",\\"nP\\":\\"\\",\\"oP\\":\\"\\"}"}""";

    @Test
    void factsDocExampleUnwrapsToTheInnerRecord() {
        DecodeResult result = decoder.decode(BinlogType.BARRIER, WRAPPED_RENAME);
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        assertThat(decoded.record()).isEqualTo(new RenameTableRecord(10116, 10118, -1, -1, "t1_new", "t1", "", "", "", ""));
        assertThat(decoded.wasWrapped()).isTrue();
        assertThat(decoded.barrier()).get().satisfies(b -> {
            assertThat(b.wrappedTypeCode()).isEqualTo(14);
            assertThat(b.dbId()).isEqualTo(10116);
            assertThat(b.wrappedJson()).startsWith("{\"db\":10116");
        });
        assertThat(decoded.rawJson()).isEqualTo(WRAPPED_RENAME);
    }

    @Test
    void rawBinlogOfTypeBarrierUnwrapsToo() {
        RawBinlog raw = new RawBinlog(900, -1, 10, 10116, List.of(10118L), WRAPPED_RENAME, -1);
        DecodeResult result = decoder.decode(raw);
        assertThat(result).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                d -> assertThat(d.record().type()).isEqualTo(BinlogType.RENAME_TABLE));
    }

    @Test
    void emptyWrappedBinlogIsAPlainBarrier() {
        String json = "{\"dbId\":1,\"tableId\":2,\"binlogType\":14,\"binlog\":\"\"}";
        assertThat(decoder.decode(BinlogType.BARRIER, json)).isEqualTo(
                new DecodeResult.Decoded(new BarrierRecord(1, "", 2, "", 14, ""), json, Optional.empty()));
    }

    @Test
    void unknownWrappedTypeIsAnError() {
        String json = "{\"dbId\":1,\"tableId\":2,\"binlogType\":99,\"binlog\":\"{}\"}";
        DecodeError error = ((DecodeResult.Failed) decoder.decode(BinlogType.BARRIER, json)).error();
        assertThat(error.kind()).isEqualTo(Kind.UNKNOWN_TYPE);
        assertThat(error.path()).isEqualTo("$.binlogType");
    }

    @Test
    void missingWrappedTypeIsAnError() {
        String json = "{\"dbId\":1,\"tableId\":2,\"binlog\":\"{}\"}";
        assertThat(((DecodeResult.Failed) decoder.decode(BinlogType.BARRIER, json)).error().kind())
                .isEqualTo(Kind.UNKNOWN_TYPE);
    }

    @Test
    void barrierCannotWrapABarrier() {
        String json = "{\"dbId\":1,\"tableId\":2,\"binlogType\":10,\"binlog\":\"{\\\"dbId\\\":1,\\\"tableId\\\":2}\"}";
        assertThat(((DecodeResult.Failed) decoder.decode(BinlogType.BARRIER, json)).error().kind())
                .isEqualTo(Kind.INVALID_VALUE);
    }

    @Test
    void errorsInsideTheWrappedJsonPointIntoIt() {
        String missing = "{\"dbId\":1,\"tableId\":2,\"binlogType\":15,\"binlog\":\"{\\\"dbId\\\":1,\\\"tableId\\\":2}\"}";
        DecodeError error = ((DecodeResult.Failed) decoder.decode(BinlogType.BARRIER, missing)).error();
        assertThat(error.kind()).isEqualTo(Kind.MISSING_KEY);
        assertThat(error.path()).isEqualTo("$.binlog.colName");
        assertThat(error.message()).contains("RENAME_COLUMN");
        String truncated = "{\"dbId\":1,\"tableId\":2,\"binlogType\":14,\"binlog\":\"{\\\"db\\\":1,\"}";
        DecodeError bad = ((DecodeResult.Failed) decoder.decode(BinlogType.BARRIER, truncated)).error();
        assertThat(bad.kind()).isEqualTo(Kind.MALFORMED_JSON);
        assertThat(bad.path()).isEqualTo("$.binlog");
    }

    @Test
    void binlogThatIsNotAStringIsWrongType() {
        String json = "{\"dbId\":1,\"tableId\":2,\"binlogType\":14,\"binlog\":{\"db\":1}}";
        DecodeError error = ((DecodeResult.Failed) decoder.decode(BinlogType.BARRIER, json)).error();
        assertThat(error.kind()).isEqualTo(Kind.WRONG_TYPE);
        assertThat(error.path()).isEqualTo("$.binlog");
    }
}
