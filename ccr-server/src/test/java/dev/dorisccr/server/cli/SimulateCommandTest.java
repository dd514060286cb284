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

    /** docs/getting-started.md shows the line simulate prints: the same keys, at every level. */
    @Test
    void portsLineHasTheKeysGettingStartedShows() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("ccr.root", ".."))
                .resolve("docs/getting-started.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```text\\n(\\{\"name\":\"src\".*)\\n```").matcher(doc);
        assertThat(m.find()).as("the simulate line in docs/getting-started.md").isTrue();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode shown = mapper.readTree(m.group(1));
        try (dev.dorisccr.testkit.doris.FakeDorisCluster c = dev.dorisccr.testkit.doris.FakeDorisCluster.builder()
                .name("src").backends(2).build().start()) {
            com.fasterxml.jackson.databind.JsonNode printed = mapper.readTree(SimulateCommand.portsLine("src", c));
            assertThat(fieldNames(printed)).isEqualTo(fieldNames(shown));
            assertThat(printed.get("name")).isEqualTo(shown.get("name"));
            assertThat(printed.get("host")).isEqualTo(shown.get("host"));
            assertThat(printed.get("mysql_port").asInt()).isEqualTo(c.mysqlPort());
            assertThat(printed.get("thrift_port").asInt()).isEqualTo(c.masterThriftPort());
            assertThat(printed.get("backends")).hasSameSizeAs(shown.get("backends"));
            for (int i = 0; i < shown.get("backends").size(); i++) {
                assertThat(fieldNames(printed.get("backends").get(i))).isEqualTo(fieldNames(shown.get("backends").get(i)));
            }
        }
    }

    private static java.util.List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
