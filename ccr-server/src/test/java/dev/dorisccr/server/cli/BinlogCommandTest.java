package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BinlogCommandTest {
    private static final String DROP_TABLE =
            "{\"commitSeq\":5040,\"dbId\":10116,\"tableId\":20010,\"tableName\":\"t2\",\"rawSql\":\"DROP TABLE IF EXISTS `t2`\"}";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(byte[] stdin, String... args) {
        CommandLine cmd = new CommandLine(new BinlogCommand(new ByteArrayInputStream(stdin)));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private int run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP_TABLE", "drop_table", "4"})
    void decodesStdinByNameOrNumber(String type) throws Exception {
        assertThat(run(DROP_TABLE, "decode", "--type", type)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).isEqualTo(
                "{\"barrier\":null,\"record\":{\"commitSeq\":5040,\"dbId\":10116,\"rawSql\":\"DROP TABLE IF EXISTS `t2`\","
                        + "\"tableId\":20010,\"tableName\":\"t2\"},\"type\":\"DROP_TABLE\"}" + System.lineSeparator());
    }

    @Test
    void decodesAFileAndShowsTheBarrierOfAWrappedRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("barrier.json");
        Files.writeString(file,
                "{\"dbId\":1,\"tableId\":2,\"binlogType\":14,\"binlog\":\"{\\\"db\\\":1,\\\"tb\\\":2,\\\"nT\\\":\\\"新`t`\\\"}\"}");
        assertThat(run("", "decode", "--type", "BARRIER", "--file", file.toString())).isZero();
        JsonNode json = new JsonMapper().readTree(out.toString());
        assertThat(json.get("type").asText()).isEqualTo("RENAME_TABLE");
        assertThat(json.at("/record/newTableName").asText()).isEqualTo("新`t`");
        assertThat(json.at("/barrier/wrappedTypeCode").asInt()).isEqualTo(14);
    }

    @Test
    void malformedPayloadIsExitTwoWithKindAndPath() {
        assertThat(run("{\"commitSeq\":1,\"dbId\":\"x\",\"tableId\":3}", "decode", "--type", "DROP_TABLE")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("WRONG_TYPE").contains("$.dbId");
    }

    @Test
    void emptyStdinIsExitTwo() {
        assertThat(run("", "decode", "--type", "UPSERT")).isEqualTo(2);
        assertThat(err.toString()).contains("EMPTY_INPUT");
    }

    @Test
    void dummyNeedsNoPayload() {
        assertThat(run("", "decode", "--type", "DUMMY")).isZero();
        assertThat(out.toString()).contains("\"belong\":-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOPE", "27", "-1", "99999999999", ""})
    void unknownTypeIsExitTwo(String type) {
        assertThat(run(DROP_TABLE, "decode", "--type", type)).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("unknown binlog type");
    }

    @Test
    void missingTypeOptionIsAUsageErrorExitTwo() {
        assertThat(run(DROP_TABLE, "decode")).isEqualTo(2);
        assertThat(err.toString()).contains("--type");
    }

    @Test
    void invalidUtf8IsExitTwo() {
        byte[] bytes = {'{', '"', 'd', 'b', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
        assertThat(run(bytes, "decode", "--type", "RENAME_TABLE")).isEqualTo(2);
        assertThat(err.toString()).contains("UTF-8");
    }

    @Test
    void unreadableFileIsExitOne(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        assertThat(run("", "decode", "--type", "UPSERT", "--file", missing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read").contains("missing.json");
        assertThat(run("", "decode", "--type", "UPSERT", "--file", dir.toString())).isEqualTo(1);
    }
}
