package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DdlCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        CommandLine cli = new CommandLine(new DdlCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void rewritesStdin() {
        int code = run("CREATE TABLE `t` (k INT) DISTRIBUTED BY HASH(k) BUCKETS AUTO\nPROPERTIES (\n"
                        + "\"storage_policy\" = \"cold\",\n\"replication_num\" = \"1\"\n)",
                "rewrite", "--target-db", "dst", "--source-buckets", "8");
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("CREATE TABLE `dst`.`t` (k INT) DISTRIBUTED BY HASH(k) BUCKETS 8\n"
                + "PROPERTIES (\n\"replication_num\" = \"1\",\n\"is_being_synced\" = \"true\"\n)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void rewritesAFileAndPrintsNotesWhenVerbose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.sql");
        Files.writeString(file, "create table 表 (k int)", StandardCharsets.UTF_8);
        int code = new CommandLine(new DdlCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("rewrite", "--file", file.toString(), "--target-table", "copy", "-v");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("create table `copy` (k int)\nPROPERTIES (");
        assertThat(err.toString()).contains("note: renamed 表 -> `copy`");
    }

    @Test
    void malformedInputGoesToStderrWithExitTwo() {
        assertThat(run("CREATE TABLE t (k INT", "rewrite")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("MALFORMED_DDL").contains("unbalanced '('");
    }

    @Test
    void badOptionsAndMissingFileExitTwo(@TempDir Path dir) {
        assertThat(run("CREATE TABLE t (k INT)", "rewrite", "--source-buckets", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("sourceBuckets must be positive");
        assertThat(run("CREATE TABLE t (k INT)", "rewrite", "--target-db", "")).isEqualTo(2);
        assertThat(run("x", "rewrite", "--file", dir.resolve("missing.sql").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read");
        assertThat(run("x", "rewrite", "--no-such-option")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }
}
