package dev.dorisccr.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.server.cli.CcrSyncerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ccr-syncer demo} replicates its workload and verifies it (real time, bounded). */
class DemoTest {
    @TempDir Path dir;

    @Test
    void theDemoVerifiesThatTheTargetEqualsTheSource() {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new CcrSyncerMain());
        cli.setOut(new PrintWriter(text, true));
        int code = cli.execute("demo", "--dir", dir.toString(), "--timeout", "90s");
        String out = text.toString();
        System.out.println(out); // the demo's own account, in the build log
        assertThat(code).as(out).isZero();
        assertThat(out).contains("POST /create_ccr", "full copy done: caught up", "incremental done: caught up",
                "VERIFIED: the target equals the source", "ok   orders_2024:", "ok   users:", "ok   events:")
                .doesNotContain("DIFF");
    }

    @Test
    void badUsageIsExitCode2() {
        CommandLine cli = new CommandLine(new CcrSyncerMain());
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("demo", "--timeout", "soon")).isEqualTo(2);
        assertThat(new CommandLine(new CcrSyncerMain()).setOut(new PrintWriter(new StringWriter())).execute("demo", "--help"))
                .isZero();
    }
}
