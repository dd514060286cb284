package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code simulate} refuses bad arguments before starting anything. */
class SimulateCommandTest {
    private static String[] run(String... args) {
        CommandLine cl = CcrSyncerMain.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        for (String flag : new String[] {"--help", "-h", "-help"}) {
            CommandLine cl = CcrSyncerMain.newCommandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            assertThat(cl.execute("simulate", flag)).as(flag + ": " + err).isZero();
            assertThat(out.toString()).as(flag).contains("--backends", "--mysql-port", "--version");
            assertThat(err.toString()).as(flag).doesNotContain("Unknown option");
        }
    }

    @Test
    void badArgumentsAreUsageErrors() {
        String[] v = run("simulate", "--version", "9.9");
        assertThat(v[0]).isEqualTo("2");
        assertThat(v[1]).contains("--version must be 2.1 or 3.0");
        String[] b = run("simulate", "--backends", "0");
        assertThat(b[0]).isEqualTo("2");
        assertThat(b[1]).contains("--backends must be 1..64");
        assertThat(run("simulate", "--mysql-port", "x")[0]).isEqualTo("2");
    }
}
