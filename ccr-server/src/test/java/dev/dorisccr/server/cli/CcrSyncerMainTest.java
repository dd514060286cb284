package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.CcrVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CcrSyncerMainTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = CcrSyncerMain.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-version", "--version", "-V"})
    void versionPrintsAndExitsZero(String flag) {
        assertThat(run(flag)).isZero();
        assertThat(out.toString()).isEqualTo("ccr-syncer " + CcrVersion.get() + System.lineSeparator());
    }

    @Test
    void serveTakesTheSameVersionFlag() {
        assertThat(run("serve", "-version")).isZero();
        assertThat(out.toString()).contains(CcrVersion.get());
    }

    @Test
    void helpListsTheFlagsAndTheOperatorTools() {
        CommandLine cl = CcrSyncerMain.newCommandLine();

        assertThat(run("-help")).isZero();

        assertThat(out.toString()).contains("-db_type").contains("-bind_address").contains("serve").contains("binlog").contains("ctl");
        assertThat(cl.getSubcommands()).containsKeys("serve", "binlog", "ddl", "simulate", "ctl", "help");
        assertThat(cl.getSubcommands().get("ddl").getSubcommands()).containsKey("rewrite");
        assertThat(cl.getSubcommands().get("binlog").getSubcommands()).containsKey("decode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "serve"})
    void anUnknownFlagIsAUsageErrorWithASuggestion(String command) {
        String[] args = command.isEmpty() ? new String[] {"-db_tpye=mysql"} : new String[] {command, "--db_tpye", "x"};

        assertThat(run(args)).isEqualTo(2);

        assertThat(err.toString()).contains("unknown flag").contains("did you mean").contains("db_type");
    }

    @Test
    void aBadValueExitsWithTwoBeforeAnythingStarts() {
        Path db = dir.resolve("db/ccr.db");

        assertThat(run("-port=0", "-db_dir=" + db)).isEqualTo(2);
        assertThat(run("-connect_timeout", "ten", "-db_dir=" + db)).isEqualTo(2);
        assertThat(run("serve", "-log_level=loud", "-db_dir=" + db)).isEqualTo(2);

        assertThat(err.toString()).contains("-port out of range").contains("-connect_timeout").contains("-log_level");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void anUnknownFlagWithAValueIsNamedWithoutTheValue() {
        assertThat(run("-db_pasword=hunter2")).isEqualTo(2);

        assertThat(err.toString()).contains("unknown flag -db_pasword").contains("db_password").doesNotContain("hunter2");
    }

    @Test
    void aPortThatIsNotANumberIsAUsageError() {
        assertThat(run("-port", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("-port");
    }
}
