package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.dorisccr.core.CcrVersion;
import dev.dorisccr.server.cli.ServeCommand;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.InMemoryJobService;
import dev.dorisccr.server.http.JobEndpoints;
import dev.dorisccr.server.http.MeteredHandler;
import dev.dorisccr.server.metrics.ServerMetrics;
import dev.dorisccr.server.view.StatusPageHandler;
import dev.dorisccr.server.view.StatusSampler;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/http-api.md is true: it documents every path the server routes and nothing else, and each
 * of its {@code http} examples, sent in page order to a real {@link ApiServer} over a syncer
 * replicating between two simulated clusters, answers with the documented status, the documented
 * keys (recursively), the documented {@code success} and {@code error_msg}. Run with {@code
 * -Dccr.docs.update=true} to rewrite the JSON answers of the page with what the server answered.
 *
 * <p>An example block is {@code METHOD /path[?query]}, an optional JSON body, then {@code HTTP/1.1
 * status}, optional header lines and the answer. A block after {@code <!-- other-syncer -->} goes to
 * a syncer for which every job named {@code remote-*} is owned by the syncer at 10.1.1.1:9191.
 */
class HttpApiDocTest {
    private static final Path DOC = Path.of(System.getProperty("ccr.root", "..")).resolve("docs/http-api.md");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ENDPOINT_HEADING = Pattern.compile("(?m)^### `(/[a-z_]+)`");
    private static final Pattern BLOCK = Pattern.compile("(?s)((?:<!-- other-syncer -->\\n)?)```http\\n(.*?)\\n```");
    /** The ports the page writes, replaced by the simulated clusters' real ones. */
    static final String SRC_PORT = "19030";
    static final String SRC_THRIFT_PORT = "19020";
    static final String DST_PORT = "29030";
    static final String DST_THRIFT_PORT = "29020";

    @TempDir Path dir;

    @Test
    void pageDocumentsEveryRoutedPathAndNoOther() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Set<String> documented = new TreeSet<>();
        Matcher m = ENDPOINT_HEADING.matcher(doc);
        while (m.find()) {
            assertThat(documented.add(m.group(1))).as("documented twice: " + m.group(1)).isTrue();
        }
        Set<String> routed = new TreeSet<>(new ApiHandler(endpoints(new InMemoryJobService(), () -> "")).paths());
        routed.add("/view"); // served by the status page, which serve always gives
        assertThat(documented).as("endpoints documented in docs/http-api.md vs the router").isEqualTo(routed);
        Set<String> withExample = new TreeSet<>();
        for (Example e : examples(doc)) {
            withExample.add(e.path());
        }
        assertThat(withExample).as("every endpoint has an example that the test runs").containsAll(routed);
    }

    @Test
    void examplesAnswerAsThePageShows() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<Example> examples = examples(doc);
        ServerMetrics metrics = new ServerMetrics(java.time.Clock.systemUTC());
        List<String> answers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (E2eHarness h = new E2eHarness(dir, FakeDorisCluster.builder().name("src").backends(2),
                FakeDorisCluster.builder().name("dst").backends(2), s -> s, metrics.jobs())) {
            // the source the page's examples replicate (the page says so above its first example)
            h.src.sql("CREATE DATABASE demo PROPERTIES (\"binlog.enable\" = \"true\")");
            h.src.sql("CREATE TABLE demo.example_tbl (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("INSERT INTO demo.example_tbl VALUES (1, 'ann'), (2, 'bob')");
            StatusSampler sampler = new StatusSampler(h.syncer, h.time, h.time, StatusSampler.DEFAULT_INTERVAL, 3, 3);
            sampler.start();
            StatusPageHandler page = new StatusPageHandler(sampler, h.time, ZoneOffset.UTC, "127.0.0.1:9190",
                    CcrVersion.get());
            InMemoryJobService elsewhere = new InMemoryJobService();
            try (ApiServer main = ApiServer.start("127.0.0.1", 0, new MeteredHandler(
                    new ApiHandler(endpoints(h.syncer, metrics::scrape), page), metrics.registry()));
                    ApiServer other = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints(elsewhere, () -> "")))) {
                HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                for (Example e : examples) {
                    h.run(Duration.ofMinutes(1)); // the jobs work between two requests, as they would between two curl calls
                    String body = e.body().replace(SRC_PORT, Integer.toString(h.src.mysqlPort()))
                            .replace(SRC_THRIFT_PORT, Integer.toString(h.src.masterThriftPort()))
                            .replace(DST_PORT, Integer.toString(h.dst.mysqlPort()))
                            .replace(DST_THRIFT_PORT, Integer.toString(h.dst.masterThriftPort()));
                    // the page's clusters have no password; the harness's have (its log scan looks for them)
                    body = body.replaceFirst("\"password\": \"\"", "\"password\": \"" + h.src.password() + "\"")
                            .replaceFirst("\"password\": \"\"", "\"password\": \"" + h.dst.password() + "\"");
                    int port = e.otherSyncer() ? other.port() : main.port();
                    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + e.target()));
                    rb.method(e.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
                    HttpResponse<String> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                    String answer = r.body().replace(Integer.toString(h.src.mysqlPort()), SRC_PORT)
                            .replace(Integer.toString(h.src.masterThriftPort()), SRC_THRIFT_PORT)
                            .replace(Integer.toString(h.dst.mysqlPort()), DST_PORT)
                            .replace(Integer.toString(h.dst.masterThriftPort()), DST_THRIFT_PORT);
                    answers.add(answer);
                    String where = e.method() + " " + e.target() + " " + body.replaceAll("\\s+", " ");
                    if (r.statusCode() != e.status()) {
                        failures.add(where + ": status " + r.statusCode() + ", documented " + e.status() + ": " + answer);
                        continue;
                    }
                    for (Map.Entry<String, String> hd : e.headers().entrySet()) {
                        String actual = r.headers().firstValue(hd.getKey()).orElse("<none>");
                        if (!actual.equals(hd.getValue())) {
                            failures.add(where + ": header " + hd.getKey() + " is " + actual);
                        }
                    }
                    compare(where, e.answer(), answer, failures);
                }
            }
            sampler.close();
            // the job was desynced and deleted by the last examples: the target keeps what was copied
            h.assertSameRows("demo", "example_tbl", "demo_copy", "example_tbl");
            assertThat(h.dst.tableDef("demo_copy", "example_tbl").columns())
                    .isEqualTo(h.src.tableDef("demo", "example_tbl").columns());
            assertThat(h.dst.partitions("demo_copy", "example_tbl"))
                    .containsExactlyElementsOf(h.src.partitions("demo", "example_tbl"));
            h.skipConvergenceCheck();
        } finally {
            metrics.close();
        }
        if (Boolean.getBoolean("ccr.docs.update")) {
            Files.writeString(DOC, rewrite(doc, examples, answers), StandardCharsets.UTF_8);
            return;
        }
        assertThat(failures).as("docs/http-api.md examples that answer otherwise (rewrite the JSON with"
                + " -Dccr.docs.update=true once the behaviour is right)").isEmpty();
    }

    private static JobEndpoints endpoints(dev.dorisccr.core.syncer.JobService jobs,
            java.util.function.Supplier<String> metrics) {
        return new JobEndpoints(jobs, CcrVersion.get(), metrics, ZoneOffset.UTC, ServeCommand.features());
    }

    /** Documented JSON: same keys at every level, same success and error_msg. Text: every documented line shows. */
    private static void compare(String where, String documented, String actual, List<String> failures) throws Exception {
        JsonNode doc = parseOrNull(documented);
        if (doc == null) {
            for (String line : documented.split("\n")) {
                if (!line.isBlank() && !line.equals("...") && !actual.contains(line.strip())) {
                    failures.add(where + ": answer has no line " + line.strip());
                }
            }
            return;
        }
        JsonNode got = parseOrNull(actual);
        if (got == null) {
            failures.add(where + ": answer is not JSON: " + actual);
            return;
        }
        for (String exact : List.of("success", "error_msg")) {
            if (doc.has(exact) && !doc.get(exact).equals(got.get(exact))) {
                failures.add(where + ": " + exact + " is " + got.get(exact) + ", documented " + doc.get(exact));
            }
        }
        sameShape(where, "", doc, got, failures);
    }

    private static void sameShape(String where, String path, JsonNode doc, JsonNode got, List<String> failures) {
        if (doc.isObject()) {
            if (!got.isObject()) {
                failures.add(where + ": " + path + " is not an object: " + got);
                return;
            }
            Set<String> dk = new TreeSet<>();
            doc.fieldNames().forEachRemaining(dk::add);
            Set<String> gk = new TreeSet<>();
            got.fieldNames().forEachRemaining(gk::add);
            if (!dk.equals(gk)) {
                failures.add(where + ": keys of " + (path.isEmpty() ? "the answer" : path) + " are " + gk
                        + ", documented " + dk);
                return;
            }
            for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                sameShape(where, path + "." + k, doc.get(k), got.get(k), failures);
            }
        } else if (doc.isArray()) {
            if (!got.isArray() || got.size() != doc.size()) {
                failures.add(where + ": " + path + " is " + got + ", documented " + doc);
                return;
            }
            for (int i = 0; i < doc.size(); i++) {
                sameShape(where, path + "[" + i + "]", doc.get(i), got.get(i), failures);
            }
        } else if (doc.getNodeType() != got.getNodeType()) {
            failures.add(where + ": " + path + " is " + got + ", documented " + doc);
        }
    }

    private static JsonNode parseOrNull(String text) {
        String t = text.strip();
        if (!t.startsWith("{") && !t.startsWith("[")) {
            return null;
        }
        try {
            return MAPPER.readTree(t);
        } catch (Exception e) {
            return null;
        }
    }

    /** The page with every JSON answer replaced by the one the server gave (text answers are kept). */
    private static String rewrite(String doc, List<Example> examples, List<String> answers) {
        StringBuilder out = new StringBuilder();
        Matcher m = BLOCK.matcher(doc);
        int last = 0;
        for (int i = 0; i < answers.size(); i++) {
            Example e = examples.get(i);
            assertThat(m.find()).isTrue();
            out.append(doc, last, m.start(2));
            String block = m.group(2);
            JsonNode got = parseOrNull(answers.get(i));
            if (parseOrNull(e.answer()) != null && got != null) {
                block = block.substring(0, block.length() - e.answer().length()) + pretty(got, "");
            }
            out.append(block);
            last = m.end(2);
        }
        out.append(doc.substring(last));
        return out.toString();
    }

    /** Indented JSON with {@code "key": value}; arrays of scalars on one line. */
    static String pretty(JsonNode n, String indent) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                return "{}";
            }
            StringBuilder sb = new StringBuilder("{\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                sb.append(indent).append("  ").append(TextNode.valueOf(f.getKey())).append(": ").append(pretty(f.getValue(), indent + "  "));
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            return sb.append(indent).append("}").toString();
        }
        if (n.isArray()) {
            boolean scalars = true;
            for (JsonNode c : n) {
                scalars &= c.isValueNode();
            }
            if (scalars) {
                return n.toString().replace(",", ", ");
            }
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < n.size(); i++) {
                sb.append(indent).append("  ").append(pretty(n.get(i), indent + "  "))
                        .append(i + 1 < n.size() ? ",\n" : "\n");
            }
            return sb.append(indent).append("]").toString();
        }
        return n.toString();
    }

    /** One example of the page. */
    record Example(boolean otherSyncer, String method, String target, String body, int status,
            Map<String, String> headers, String answer) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }
    }

    static List<Example> examples(String doc) {
        List<Example> list = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            List<String> lines = List.of(m.group(2).split("\n", -1));
            String[] request = lines.get(0).split(" ");
            assertThat(request).as("request line of an http block: " + lines.get(0)).hasSize(2);
            int i = 1;
            StringBuilder body = new StringBuilder();
            while (i < lines.size() && !lines.get(i).startsWith("HTTP/1.1 ")) {
                body.append(lines.get(i)).append('\n');
                i++;
            }
            assertThat(i).as("an http block has a status line: " + lines.get(0)).isLessThan(lines.size());
            int status = Integer.parseInt(lines.get(i).substring("HTTP/1.1 ".length()).split(" ")[0]);
            i++;
            Map<String, String> headers = new LinkedHashMap<>();
            while (i < lines.size() && lines.get(i).matches("[A-Za-z-]+: .*")) {
                int c = lines.get(i).indexOf(": ");
                headers.put(lines.get(i).substring(0, c), lines.get(i).substring(c + 2));
                i++;
            }
            String answer = String.join("\n", lines.subList(i, lines.size()));
            list.add(new Example(!m.group(1).isEmpty(), request[0], request[1], body.toString().strip(), status,
                    headers, answer));
        }
        return list;
    }
}
