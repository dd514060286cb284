package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.server.cli.CcrSyncerMain;
import dev.dorisccr.server.cli.ServeCommand;
import dev.dorisccr.server.config.HttpSettings;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.thrift.sql.JdbcSqlClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/getting-started.md and the README's walk-through, run as written: its {@code mysql} and {@code curl} commands, in page
 * order, against two simulated clusters built as {@code simulate --backends 2} builds them and a
 * syncer started as {@code serve} starts it (real clock, real HTTP, SQLite store). Each answer the
 * page shows after {@code # =>} must be contained in the real one ({@code job_status} and {@code
 * get_lag} are asked again until it is, within a deadline); each query whose output the page shows
 * must return those rows. The page's fixed ports are replaced by the free ones of this run.
 */
class GettingStartedDocTest {
    private static final Path ROOT = Path.of(System.getProperty("ccr.root", ".."));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile(
            "mysql -h 127\\.0\\.0\\.1 -P (\\d+) -u root -e '([^']*)'"
                    + "|curl -s http://127\\.0\\.0\\.1:9190(/[a-z_]+) -d '([^']*)'[^\\n]*((?:\\n# => [^\\n]*)?)"
                    + "|(?m)^bin/ccr-syncer ([^\\n#]*)"
                    + "|```text\\n(.*?)```",
            Pattern.DOTALL);
    private static final Set<String> ASK_AGAIN = Set.of("/job_status", "/get_lag");
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir Path home;

    /** The page, how many answers it shows, how many query outputs. */
    @ParameterizedTest
    @CsvSource({"docs/getting-started.md, 11, 4", "README.md, 7, 0"})
    void theWalkThroughWorksAsWritten(String page, int answers, int outputs) throws Exception {
        // a command continued on the next line (a trailing backslash) is one line
        String doc = Files.readString(ROOT.resolve(page), StandardCharsets.UTF_8).replaceAll("\\\\\n\\s*", " ");
        HttpClient http = HttpClient.newHttpClient();
        int steps = 0;
        int checkedAnswers = 0;
        int checkedOutputs = 0;
        try (FakeDorisCluster src = FakeDorisCluster.builder().name("src").backends(2).build().start();
                FakeDorisCluster dst = FakeDorisCluster.builder().name("dst").backends(2).build().start();
                ServeCommand.Running syncer = ServeCommand.start(ServerConfig.builder(home)
                        .http(new HttpSettings("127.0.0.1", freePort(), "127.0.0.1")).build());
                SqlClient srcSql = sql(src);
                SqlClient dstSql = sql(dst)) {
            Map<String, String> ports = Map.of("19030", Integer.toString(src.mysqlPort()),
                    "19020", Integer.toString(src.masterThriftPort()),
                    "29030", Integer.toString(dst.mysqlPort()),
                    "29020", Integer.toString(dst.masterThriftPort()));
            List<List<String>> lastQuery = null;
            Matcher m = STEP.matcher(doc);
            while (m.find()) {
                steps++;
                if (m.group(1) != null) { // mysql -P port -e 'sql'
                    SqlClient on = m.group(1).equals("19030") ? srcSql : m.group(1).equals("29030") ? dstSql : null;
                    assertThat(on).as("mysql port of the page: " + m.group(1)).isNotNull();
                    lastQuery = null;
                    for (String statement : m.group(2).split(";")) {
                        if (statement.isBlank()) {
                            continue;
                        }
                        String s = statement.strip().replaceAll("\\s+", " ");
                        if (s.toUpperCase(java.util.Locale.ROOT).startsWith("SELECT")) {
                            lastQuery = rows(on.query(Sql.of(s)));
                        } else {
                            on.execute(Sql.of(s));
                        }
                    }
                } else if (m.group(3) != null) { // curl /path -d 'json' [# => answer]
                    String body = m.group(4);
                    for (Map.Entry<String, String> p : ports.entrySet()) {
                        body = body.replace("\"" + p.getKey() + "\"", "\"" + p.getValue() + "\"");
                    }
                    String path = m.group(3);
                    String shown = m.group(5).replaceFirst("^\\n# => ", "");
                    String finalBody = body;
                    URI uri = URI.create("http://127.0.0.1:" + syncer.port() + path);
                    if (shown.isEmpty()) {
                        post(http, uri, finalBody);
                        continue;
                    }
                    JsonNode expected = MAPPER.readTree(shown);
                    if (ASK_AGAIN.contains(path)) {
                        Awaitility.await(path + " shows " + shown).atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                                .until(() -> contains(post(http, uri, finalBody), expected));
                    } else {
                        JsonNode answer = post(http, uri, finalBody);
                        assertThat(contains(answer, expected)).as(path + " answered " + answer + "; the page shows "
                                + shown).isTrue();
                    }
                    checkedAnswers++;
                } else if (m.group(6) != null) { // bin/ccr-syncer args: the program parses them
                    String[] args = m.group(6).strip().split("\\s+");
                    CcrSyncerMain.newCommandLine().parseArgs(args);
                } else { // ```text: the output of the query just before
                    if (lastQuery == null) {
                        continue;
                    }
                    assertThat(lastQuery).as("rows of the query before the output block " + m.group(7))
                            .containsExactlyInAnyOrderElementsOf(tableRows(m.group(7)));
                    checkedOutputs++;
                    lastQuery = null;
                }
            }
            assertThat(steps).as("steps found in the page").isGreaterThan(10);
            assertThat(checkedAnswers).as("answers checked").isEqualTo(answers);
            assertThat(checkedOutputs).as("query outputs checked").isEqualTo(outputs);
            // the page ends with the job deleted ("no jobs key"): the target keeps an equal copy
            assertThat(post(http, URI.create("http://127.0.0.1:" + syncer.port() + "/list_jobs"), "{}").has("jobs"))
                    .isFalse();
            assertThat(dst.rows("demo_copy", "example_tbl")).containsExactlyInAnyOrderElementsOf(
                    src.rows("demo", "example_tbl"));
            var s = src.tableDef("demo", "example_tbl");
            var d = dst.tableDef("demo_copy", "example_tbl");
            assertThat(d.columns()).isEqualTo(s.columns());
            assertThat(d.keysType()).isEqualTo(s.keysType());
            assertThat(d.keyColumns()).isEqualTo(s.keyColumns());
            assertThat(d.distribution()).isEqualTo(s.distribution());
            assertThat(dst.partitions("demo_copy", "example_tbl")).containsExactlyElementsOf(
                    src.partitions("demo", "example_tbl"));
            assertThat(dst.tableProperties("demo_copy", "example_tbl")).as("desynced")
                    .containsEntry("is_being_synced", "false");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static SqlClient sql(FakeDorisCluster c) {
        return new JdbcSqlClient(ClusterSpec.of("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(), c.password()),
                1, Duration.ofSeconds(5));
    }

    private static JsonNode post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(uri + ": " + r.body()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    /** Every key of {@code expected} is in {@code actual} with the same value (recursively). */
    static boolean contains(JsonNode actual, JsonNode expected) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = actual.get(e.getKey());
                if (a == null || !contains(a, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private static List<List<String>> rows(List<Map<String, String>> result) {
        List<List<String>> out = new ArrayList<>();
        for (Map<String, String> row : result) {
            out.add(List.copyOf(row.values()));
        }
        return out;
    }

    /** The data rows of a mysql client table ({@code | 1 | ann |}), header left out. */
    private static List<List<String>> tableRows(String table) {
        List<List<String>> out = new ArrayList<>();
        boolean header = true;
        for (String line : table.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(c.strip());
            }
            out.add(cells);
        }
        return out;
    }
}
