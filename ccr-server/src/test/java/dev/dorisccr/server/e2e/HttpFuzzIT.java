package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded HTTP fuzz of the syncer program (a separate JVM, SQLite store) over a simulated cluster
 * pair with a paused table job: every operation with malformed JSON, wrong types, missing and
 * unknown fields, huge and deeply nested bodies, hostile names (backticks, quotes, {@code ; DROP},
 * newlines, NUL, unicode, 10,000 characters), duplicate keys and a duplicate job, every method,
 * unknown paths; then the same from 4 threads at once. Property: every answer is below 500 with a
 * JSON message ({@code success}, and an {@code error_msg} when false) and no stack trace; a refused
 * request leaves the store's jobs, secrets and paused progress byte for byte as they were; the
 * server stays up; no answer, log line or store file holds a password or token; no log line is
 * forged by a newline in a name.
 *
 * <p>Seed {@code -Dccr.fuzz.seed} (default: the current time, printed), requests {@code
 * -Dccr.fuzz.requests} (default 500, plus 4 x 60 concurrent). Figures go to stdout on lines
 * starting {@code FUZZ-FIGURES http}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HttpFuzzIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JOB = "fz_table";
    private static final String FORGED = "FORGED-LINE";
    private static final List<String> OPS = List.of("/version", "/create_ccr", "/preflight", "/get_lag", "/pause",
            "/resume", "/delete", "/job_status", "/desync", "/update_job", "/list_jobs", "/job_detail",
            "/job_progress", "/force_fullsync", "/sync", "/update_monitor_interval", "/get_monitor_interval",
            "/job_skip_binlog", "/update_host_mapping", "/features", "/verify", "/dry_run", "/journal", "/recopy");
    /** Operations that never change anything: the paused job's name may go to them as it is. */
    private static final List<String> READ_ONLY = List.of("/version", "/get_lag", "/job_status", "/list_jobs",
            "/job_detail", "/job_progress", "/get_monitor_interval", "/features", "/preflight", "/dry_run",
            "/journal");
    /** Operations that keep a paused job paused when valid: the paused job's name goes to them with other fields fuzzed. */
    private static final List<String> ARGUMENTS_CHECKED = List.of("/create_ccr", "/update_job", "/job_skip_binlog",
            "/update_host_mapping", "/pause", "/verify", "/dry_run");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeDorisCluster src;
    private FakeDorisCluster dst;
    private SyncerProcess syncer;
    private SecretScan secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> byStatus = Collections.synchronizedMap(new TreeMap<>());
    private final Map<String, Integer> byKind = Collections.synchronizedMap(new TreeMap<>());

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** One fuzzed request. */
    record Fuzz(String kind, String method, String path, byte[] body) {
        String describe() {
            String b = new String(body, StandardCharsets.UTF_8);
            return kind + " " + method + " " + path + " " + (b.length() > 300 ? b.substring(0, 300) + "...(" + b.length()
                    + " chars)" : b);
        }
    }

    @Test
    void everyOperationAnswersBadInputWithAClearRefusalAndChangesNothing() throws Exception {
        long seed = Long.getLong("ccr.fuzz.seed", System.currentTimeMillis());
        int requests = Integer.getInteger("ccr.fuzz.requests", 500);
        System.out.println("FUZZ http seed=" + seed + " requests=" + requests + " (rerun with -Dccr.fuzz.seed=" + seed
                + ")");
        String srcPassword = "fz-src-" + Long.toHexString(seed);
        String dstPassword = "fz-dst-" + Long.toHexString(~seed);
        src = FakeDorisCluster.builder().name("src").backends(1).seed(seed).credentials("root", srcPassword).build()
                .start();
        open.add(src);
        dst = FakeDorisCluster.builder().name("dst").backends(1).seed(seed + 1).credentials("root", dstPassword)
                .build().start();
        open.add(dst);
        secrets = SecretScan.of(srcPassword, dstPassword, src.token(), dst.token());
        src.sql("CREATE DATABASE fz PROPERTIES (\"binlog.enable\" = \"true\")");
        src.sql("CREATE TABLE fz.t (k INT NOT NULL, v VARCHAR(20)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        src.sql("INSERT INTO fz.t VALUES (1, 'a'), (2, 'b')");
        dst.sql("CREATE DATABASE fz");
        syncer = new SyncerProcess(dir.resolve("syncer"));
        open.add(syncer);
        syncer.start();
        syncer.awaitReady(Duration.ofSeconds(60));
        assertThat(syncer.post("/create_ccr", validCreate(JOB)).body()).contains("\"success\":true");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(
                () -> dst.tableExists("fz", "t") && dst.rows("fz", "t").size() == 2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> syncer.post("/pause", "{\"name\": \"" + JOB + "\"}").body().contains("\"success\":true"));
        Path db = syncer.home().resolve("db/ccr.db");
        // paused: its progress settles
        String[] previous = {""};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String now = snapshot(db);
            boolean same = now.equals(previous[0]);
            previous[0] = now;
            return same;
        });

        Random r = new Random(seed);
        int refused = 0;
        int succeeded = 0;
        int storeChecks = 0;
        for (int i = 0; i < requests; i++) {
            Fuzz f = next(r);
            String before = snapshot(db);
            Outcome o = send(f);
            if (o.refused()) {
                refused++;
                storeChecks++;
                assertThat(snapshot(db)).as("seed %d request %d changed the store: %s", seed, i, f.describe())
                        .isEqualTo(before);
            } else {
                succeeded++;
            }
            if (i % 25 == 0) {
                assertAlive(seed, i);
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        open.add(pool::shutdownNow);
        List<Future<Integer>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Random tr = new Random(seed * 31 + t);
            threads.add(pool.submit(() -> {
                int n = 0;
                for (int i = 0; i < 60; i++) {
                    send(next(tr));
                    n++;
                }
                return n;
            }));
        }
        int concurrent = 0;
        for (Future<Integer> t : threads) {
            concurrent += t.get(5, TimeUnit.MINUTES);
        }
        assertAlive(seed, requests + concurrent);
        syncer.close();

        List<String> forged = new ArrayList<>();
        try (var files = Files.walk(syncer.home().resolve("log"))) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.startsWith(FORGED)) {
                        forged.add(log.getFileName() + ": " + line);
                    }
                }
            }
        }
        System.out.println("FUZZ-FIGURES http seed=" + seed + " requests=" + (requests + concurrent) + " sequential="
                + requests + " concurrent=" + concurrent + " refused=" + refused + " succeeded=" + succeeded
                + " store_unchanged_checks=" + storeChecks + " status_5xx=0 forged_log_lines=" + forged.size());
        System.out.println("FUZZ-FIGURES http by_status " + byStatus);
        System.out.println("FUZZ-FIGURES http by_kind " + byKind);
        System.out.println("FUZZ-FIGURES http secret_scan files=" + SecretScan.filesUnder(syncer.home())
                + " responses=" + (requests + concurrent));
        assertThat(forged).as("seed %d: log lines forged by a newline in a name", seed).isEmpty();
        secrets.assertNoneIn(syncer.home());
    }

    private void assertAlive(long seed, int i) throws Exception {
        assertThat(syncer.isAlive()).as("seed %d: the syncer process died after request %d", seed, i).isTrue();
        assertThat(syncer.get("/version").statusCode()).as("seed %d: /version after request %d", seed, i)
                .isEqualTo(200);
    }

    /** Whether the answer refused the request; fails on a 5xx, a non-JSON answer, a stack trace or a leaked secret. */
    record Outcome(boolean refused) {}

    private Outcome send(Fuzz f) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + syncer.port() + f.path()))
                .timeout(Duration.ofSeconds(30));
        b = "HEAD".equals(f.method()) || "GET".equals(f.method()) && f.body().length == 0
                ? b.method(f.method(), HttpRequest.BodyPublishers.noBody())
                : b.method(f.method(), HttpRequest.BodyPublishers.ofByteArray(f.body()));
        int status;
        String body;
        String contentType;
        if (f.body().length > (1 << 20)) {
            // as curl sends a large body: headers with Expect: 100-continue, the body only after a 100
            String[] answer = expectContinue(f);
            status = Integer.parseInt(answer[0]);
            contentType = answer[1];
            body = answer[2];
        } else {
            HttpResponse<String> resp;
            try {
                resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("no answer (" + e + ") to " + f.describe(), e);
            }
            status = resp.statusCode();
            body = resp.body();
            contentType = resp.headers().firstValue("Content-Type").orElse("");
        }
        byStatus.merge(Integer.toString(status), 1, Integer::sum);
        byKind.merge(f.kind(), 1, Integer::sum);
        assertThat(status).as("status of %s: %s", f.describe(), body).isBetween(200, 499);
        secrets.assertNoneIn("the answer to " + f.describe(), body);
        String base = f.path().split("\\?", 2)[0];
        if ("HEAD".equals(f.method()) || "/view".equals(base) || "/metrics".equals(base)) {
            return new Outcome(status >= 400);
        }
        assertThat(contentType).as("content type of %s", f.describe()).startsWith("application/json");
        JsonNode json = MAPPER.readTree(body);
        if ("/version".equals(base) && status == 200) {
            // the Go syncer's shape: {"version": "..."} without success
            assertThat(json.path("version").isTextual()).as("answer to %s: %s", f.describe(), body).isTrue();
            return new Outcome(false);
        }
        assertThat(json.isObject() && json.path("success").isBoolean()).as("answer to %s: %s", f.describe(), body)
                .isTrue();
        if (json.get("success").asBoolean()) {
            assertThat(status).as("%s: %s", f.describe(), body).isEqualTo(200);
            return new Outcome(false);
        }
        String msg = json.path("error_msg").asText("");
        assertThat(msg).as("error_msg of %s", f.describe()).isNotBlank().doesNotContain("internal error")
                .doesNotContain("\tat ").doesNotContain("Caused by:").doesNotContainPattern("\\.java:\\d+\\)");
        return new Outcome(true);
    }

    /**
     * Sends the headers of {@code f} with {@code Expect: 100-continue} on a plain socket, the body
     * only if the server says 100, and answers {status, content type, body} of the final answer.
     */
    private String[] expectContinue(Fuzz f) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", syncer.port())) {
            s.setSoTimeout(30_000);
            var out = s.getOutputStream();
            out.write((f.method() + " " + f.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + f.body().length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new java.io.BufferedInputStream(s.getInputStream());
            String[] head = readHead(in);
            if ("100".equals(head[0])) {
                out.write(f.body());
                out.flush();
                head = readHead(in);
            }
            int length = Integer.parseInt(head[2].isEmpty() ? "0" : head[2]);
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new String[] {head[0], head[1], body};
        }
    }

    /** Status, content type and content length of one answer head. */
    private static String[] readHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the answer head: " + head);
            }
            head.append((char) c);
        }
        String[] lines = head.toString().split("\r\n");
        String type = "";
        String length = "";
        for (String l : lines) {
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                type = l.substring(13).trim();
            } else if (lower.startsWith("content-length:")) {
                length = l.substring(15).trim();
            }
        }
        return new String[] {lines[0].split(" ")[1], type, length};
    }

    /** The store's jobs, secrets and the progress of paused jobs, as text (a running job's progress moves). */
    private static String snapshot(Path db) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            dump(b, s, "SELECT * FROM ccr_jobs ORDER BY job_name");
            dump(b, s, "SELECT * FROM ccr_job_secrets ORDER BY job_name, secret_name");
            dump(b, s, "SELECT p.* FROM ccr_progress p JOIN ccr_jobs j ON j.job_name = p.job_name"
                    + " WHERE j.desired_state = 'PAUSED' ORDER BY p.job_name");
        }
        return b.toString();
    }

    private static void dump(StringBuilder b, Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                b.append('\n');
            }
        }
        b.append("--\n");
    }

    private String validCreate(String name) {
        return "{\"name\": " + quote(name) + ", \"src\": " + src.createCcrEndpoint("fz", "t") + ", \"dest\": "
                + dst.createCcrEndpoint("fz", "t") + "}";
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<String> HOSTILE = List.of("a`b", "`; DROP DATABASE fz; --", "x'); DROP TABLE t; --",
            "\"quoted\"", "line\n" + FORGED + " one", "cr\r\n" + FORGED + " two", "nul\u0000byte", "tab\there",
            "übergrößen-表-😀", "\u202Eevil", "../../etc/passwd", "%00%0a", "<script>alert(1)</script>", " ", "",
            "${jndi:ldap://127.0.0.1/x}", "a".repeat(10_000), "名".repeat(10_000), "\\", "null");
    private static final List<String> VALUES = List.of("123", "-1", "1e309", "99999999999999999999999", "true",
            "false", "[]", "{}", "null", "\"\"", "[\"x\"]", "{\"a\": 1}", "0.5", "\"abc\"");

    private ObjectNode template(String op, String name, Random r) throws IOException {
        ObjectNode n;
        switch (op) {
            case "/create_ccr", "/preflight" -> n = (ObjectNode) MAPPER.readTree(validCreate(name));
            case "/update_job" -> n = MAPPER.createObjectNode().put("name", name).put("skip_error", r.nextBoolean());
            case "/job_skip_binlog" -> n = MAPPER.createObjectNode().put("name", name)
                    .put("skip_by", r.nextBoolean() ? "silence" : "fullsync").put("skip_commit_seq", r.nextInt(100));
            case "/update_host_mapping" -> {
                n = MAPPER.createObjectNode().put("name", name);
                n.putObject(r.nextBoolean() ? "src_host_mapping" : "dest_host_mapping").put("10.0.0.1", "127.0.0.1");
            }
            case "/update_monitor_interval" -> n = MAPPER.createObjectNode().put("interval_seconds", 1 + r.nextInt(60));
            default -> n = MAPPER.createObjectNode().put("name", name);
        }
        return n;
    }

    private static String pick(List<String> l, Random r) {
        return l.get(r.nextInt(l.size()));
    }

    /**
     * The job name a fuzzed request carries: the paused job only where a request with it cannot
     * change anything by being valid (read-only operations, and create_ccr, where it is a duplicate)
     * or where a valid one keeps it paused (its other fields fuzzed); elsewhere a hostile or unknown
     * name.
     */
    private static String name(String op, Random r) {
        if ((READ_ONLY.contains(op) || ARGUMENTS_CHECKED.contains(op)) && r.nextInt(3) == 0) {
            return JOB;
        }
        return r.nextBoolean() ? pick(HOSTILE, r) : "fz_unknown_" + r.nextInt(5);
    }

    /** A random field path of {@code n}: top level or inside src/dest. */
    private static ObjectNode parentOf(ObjectNode n, Random r) {
        if (n.has("src") && r.nextBoolean() && n.get("src").isObject()) {
            return (ObjectNode) n.get(r.nextBoolean() ? "src" : "dest");
        }
        return n;
    }

    private static String fieldOf(ObjectNode n, Random r) {
        List<String> fields = new ArrayList<>();
        n.fieldNames().forEachRemaining(fields::add);
        return fields.isEmpty() ? "name" : fields.get(r.nextInt(fields.size()));
    }

    Fuzz next(Random r) throws IOException {
        String op = pick(OPS, r);
        String name = name(op, r);
        ObjectNode t = template(op, name, r);
        int kind = r.nextInt(11);
        switch (kind) {
            case 0 -> {
                String s = t.toString();
                List<String> bad = List.of(s.substring(0, 1 + r.nextInt(s.length() - 1)), s + "}", "{", "[1,2",
                        "{'name': 'x'}", "nul", "\uFEFF" + s, "{\"name\":}", "null", "[]", "123", "\"str\"",
                        "{\"name\": \"a\"} trailing", "{\"name\": \"\\uD800\"}", "{\"name\": \"bad \\q escape\"}");
                return new Fuzz("malformed_json", "POST", op, pick(bad, r).getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> {
                byte[] junk = new byte[1 + r.nextInt(200)];
                r.nextBytes(junk);
                return new Fuzz("binary_body", "POST", op, junk);
            }
            case 2 -> {
                ObjectNode p = parentOf(t, r);
                p.set(fieldOf(p, r), MAPPER.readTree(pick(VALUES, r)));
                return json("wrong_type", op, t);
            }
            case 3 -> {
                ObjectNode p = parentOf(t, r);
                p.remove(fieldOf(p, r));
                return json("missing_field", op, t);
            }
            case 4 -> {
                ObjectNode p = parentOf(t, r);
                p.set(pick(List.of("unknown", "Name", "src ", "password2", "__proto__", "skip_errorx"), r),
                        MAPPER.readTree(pick(VALUES, r)));
                return json("unknown_field", op, t);
            }
            case 5 -> {
                if (r.nextBoolean()) {
                    t.put("padding", "p".repeat((1 << 20) + r.nextInt(1 << 20)));
                    return json("huge_body", op, t);
                }
                ObjectNode p = parentOf(t, r);
                p.put(fieldOf(p, r), pick(List.of("a".repeat(10_000), "é".repeat(100_000), "x".repeat(500_000)), r));
                return json("huge_value", op, t);
            }
            case 6 -> {
                int depth = 500 + r.nextInt(20_000);
                boolean arrays = r.nextBoolean();
                String body = t.toString();
                String deep = (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
                body = body.substring(0, body.length() - 1) + ", \"deep\": " + deep + "}";
                return new Fuzz("deeply_nested", "POST", op, body.getBytes(StandardCharsets.UTF_8));
            }
            case 7 -> {
                ObjectNode p = parentOf(t, r);
                String field = p == t ? "name" : pick(List.of("database", "table", "host", "user"), r);
                p.put(field, pick(HOSTILE, r));
                return json("hostile_name", op, t);
            }
            case 8 -> {
                if (r.nextBoolean()) {
                    return new Fuzz("duplicate", "POST", "/create_ccr", validCreate(JOB).getBytes(StandardCharsets.UTF_8));
                }
                // the last of duplicate keys wins (as in Go): never the paused job on an operation that changes it
                String body = "{\"name\": \"" + JOB + "\", \"name\": " + quote(pick(HOSTILE, r)) + "}";
                return new Fuzz("duplicate", "POST", op, body.getBytes(StandardCharsets.UTF_8));
            }
            case 9 -> {
                return new Fuzz("wrong_method", pick(METHODS, r), op, t.toString().getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                String path = pick(List.of("/", "/nope", "/create_ccr/", "/CREATE_CCR", "//create_ccr", "/create_ccr;x",
                        "/%00", "/" + "p".repeat(5000), "/view/x", "/metrics/x", "/job_status%0a" + FORGED,
                        "/a/../create_ccr", "/%E2%80%AE", "/view?name=%27%3B%20DROP", "/metrics?x=1"), r);
                return new Fuzz("unknown_path", pick(List.of("GET", "POST"), r), path,
                        t.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static Fuzz json(String kind, String op, ObjectNode body) {
        return new Fuzz(kind, "POST", op, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
