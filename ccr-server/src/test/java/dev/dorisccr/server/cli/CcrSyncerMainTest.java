package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CcrSyncerMainTest {
    @Test
    void launcherListsTheOperatorTools() {
        CommandLine cl = CcrSyncerMain.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));

        int code = cl.execute();

        assertThat(code).isZero();
        assertThat(out.toString()).contains("ccr-syncer").contains("binlog");
        assertThat(cl.getSubcommands()).containsKeys("binlog", "ddl", "help");
        assertThat(cl.getSubcommands().get("ddl").getSubcommands()).containsKey("rewrite");
        assertThat(cl.getSubcommands().get("binlog").getSubcommands()).containsKey("decode");
    }
}
