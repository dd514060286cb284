package dev.dorisccr.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CREATE = """
            {"name": "ccr_test",
             "src": {"host": "127.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                     "password": "hunter2", "database": "demo", "table": "example_tbl"},
             "dest": {"host": "127.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                      "password": "hunter2", "database": "ccrt", "table": "copy"}}
            """;

    private final InMemoryJobService jobs = new InMemoryJobService();
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() {
        JobEndpoints endpoints = new JobEndpoints(jobs, "0.1.0-test", () -> "ccr_jobs 1.0\n", ZoneOffset.UTC);
        server = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    @Test
    void versionAnswersWithoutSuccessField() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/version")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"version\":\"0.1.0-test\"}");
    }

    @Test
    void jobLifecycleAsTheManualShowsIt() throws Exception {
        assertThat(json("/create_ccr", CREATE).toString()).isEqualTo("{\"success\":true}");
        assertThat(json("/list_jobs", "{}").toString()).isEqualTo("{\"success\":true,\"jobs\":[\"ccr_test\"]}");

        JsonNode status = json("/job_status", "{\"name\":\"ccr_test\"}");
        assertThat(status.at("/status/state").asText()).isEqualTo("running");
        assertThat(status.at("/status/progress_state").asText()).isEqualTo("TableFullSync");

        json("/pause", "{\"name\":\"ccr_test\"}");
        assertThat(json("/job_status", "{\"name\":\"ccr_test\"}").at("/status/state").asText()).isEqualTo("paused");
        json("/resume", "{\"name\":\"ccr_test\"}");
        assertThat(json("/job_status", "{\"name\":\"ccr_test\"}").at("/status/state").asText()).isEqualTo("running");

        JsonNode detail = json("/job_detail", "{\"name\":\"ccr_test\"}");
        assertThat(detail.at("/job_detail/dest/table").asText()).isEqualTo("copy");
        assertThat(detail.toString()).doesNotContain("hunter2").doesNotContain("password");

        JsonNode progress = json("/job_progress", "{\"name\":\"ccr_test\"}");
        assertThat(progress.at("/job_progress/sync_state").asInt()).isEqualTo(500);
        assertThat(progress.toString()).doesNotContain("snapshot-secret-blob");

        assertThat(json("/delete", "{\"name\":\"ccr_test\"}").get("success").asBoolean()).isTrue();
        assertThat(json("/list_jobs", "{}").toString()).isEqualTo("{\"success\":true}");
    }

    @Test
    void getLagPrintsCountsSecondsAndTimestamps() throws Exception {
        json("/create_ccr", CREATE);

        JsonNode lag = json("/get_lag", "{\"name\":\"ccr_test\"}");

        assertThat(lag.get("lag").asLong()).isEqualTo(3);
        assertThat(lag.get("lag_seconds").asLong()).isEqualTo(65);
        assertThat(lag.get("first_binlog_timestamp").asText()).isEqualTo("1970-01-01 00:00:00");
        assertThat(lag.get("last_binlog_timestamp").asText()).isEqualTo("1970-01-01 00:01:05");
        assertThat(lag.get("time_interval_secs").asLong()).isEqualTo(65);
    }

    @Test
    void badCreateBodyIs400WithAClearMessageAndStoresNothing() throws Exception {
        HttpResponse<String> r = post("/create_ccr", CREATE.replace("\"9020\"", "\"nine\""));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(r.body()).get("error_msg").asText()).contains("src.thrift_port is not a port number");
        assertThat(jobs.specs).isEmpty();

        HttpResponse<String> truncated = post("/create_ccr", "{\"name\":");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("\"success\":false").contains("not JSON");
    }

    @Test
    void duplicateJobIsRefused() throws Exception {
        json("/create_ccr", CREATE);

        JsonNode again = json("/create_ccr", CREATE);

        assertThat(again.get("success").asBoolean()).isFalse();
        assertThat(again.get("error_msg").asText()).isEqualTo("job ccr_test already exist");
    }

    @Test
    void nameChecksFollowTheGoSyncer() throws Exception {
        assertThat(json("/pause", "{}").get("error_msg").asText()).isEqualTo("name is empty");
        assertThat(json("/pause", "{\"name\":\"nope\"}").get("error_msg").asText()).isEqualTo("job nope not exist");
        assertThat(json("/pause", "{\"name\": 5}").get("error_msg").asText()).isEqualTo("name must be a string");
    }

    @Test
    void jobOwnedElsewhereIsRedirectedWith303() throws Exception {
        HttpResponse<String> r = post("/pause?x=1", "{\"name\":\"remote-a\"}");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("http://10.1.1.1:9191/pause?x=1");
    }

    @Test
    void jobRunByAnEmbeddedEngineIsAnErrorNotARedirect() throws Exception {
        jobs.remoteOwner = "embedded-4242-1a2b3c4d.app-host:0"; // port 0: an engine without an HTTP API

        JsonNode answer = json("/pause", "{\"name\":\"remote-a\"}");

        assertThat(answer.get("success").asBoolean()).isFalse();
        assertThat(answer.get("error_msg").asText()).isEqualTo(
                "job remote-a is run by the embedded engine embedded-4242-1a2b3c4d.app-host:0, which has no HTTP API");
        assertThat(jobs.calls).isEmpty();
    }

    @Test
    void nonObjectAndOversizedBodiesAreRefused() throws Exception {
        assertThat(post("/pause", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(post("/pause", "x".repeat((int) ApiServer.MAX_BODY_BYTES + 10)).statusCode()).isEqualTo(413);
        assertThat(post("/no_such_thing", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void skipBinlogAndHostMappingValidateTheirBodies() throws Exception {
        json("/create_ccr", CREATE);

        assertThat(json("/job_skip_binlog", "{\"name\":\"ccr_test\",\"skip_by\":\"silence\"}")
                .get("error_msg").asText()).contains("skip_commit_seq must be > 0");
        assertThat(json("/job_skip_binlog", "{\"name\":\"ccr_test\",\"skip_by\":\"loud\",\"skip_commit_seq\":3}")
                .get("error_msg").asText()).contains("skip_by must be");
        json("/job_skip_binlog", "{\"name\":\"ccr_test\",\"skip_by\":\"silence\",\"skip_commit_seq\":42}");
        json("/force_fullsync", "{\"name\":\"ccr_test\"}");

        assertThat(json("/update_host_mapping", "{\"name\":\"ccr_test\"}").get("error_msg").asText())
                .contains("both empty");
        for (String bad : java.util.List.of("{\"a\\nb\":\"1.2.3.4\"}", "{\"172.16.0.1\":\"1.2.3.4\\r\\nX\"}",
                "{\"\":\"1.2.3.4\"}", "{\"172.16.0.1\":\"a b\"}", "{\"172.16.0.1\":\"a\\u0000\"}")) {
            assertThat(json("/update_host_mapping", "{\"name\":\"ccr_test\",\"dest_host_mapping\":" + bad + "}")
                    .get("error_msg").asText()).as(bad).contains("dest_host_mapping maps host to host");
        }
        json("/update_host_mapping", "{\"name\":\"ccr_test\",\"src_host_mapping\":{\"172.16.0.1\":\"1.2.3.4\"}}");
        json("/update_job", "{\"name\":\"ccr_test\",\"skip_error\":true}");

        assertThat(jobs.calls).containsExactly(
                "skip ccr_test SILENCE 42",
                "forceFullSync ccr_test",
                "hosts ccr_test {172.16.0.1=1.2.3.4} {}",
                "skip_error ccr_test true");
    }

    @Test
    void updateJobRefusesWhatItCannotChangeAndChangesNothing() throws Exception {
        json("/create_ccr", CREATE);
        for (String body : java.util.List.of("{\"name\":\"ccr_test\",\"src\":{\"port\":\"abc\"}}",
                "{\"name\":\"ccr_test\",\"src\":\"x\",\"skip_error\":true}", "{\"name\":\"ccr_test\"}",
                "{\"name\":\"ccr_test\",\"skip_error\":\"yes\"}", "{}", "")) {
            JsonNode n = MAPPER.readTree(post("/update_job", body).body());
            assertThat(n.get("success").asBoolean()).as(body).isFalse();
            assertThat(n.get("error_msg").asText()).as(body).isNotBlank();
        }
        assertThat(jobs.calls).as("nothing changed").noneMatch(c -> c.startsWith("skip_error"));
    }

    @Test
    void hostileDatabaseAndJobNamesAreA400WithAMessageOnEitherSide() throws Exception {
        String longName = "d".repeat(10_000);
        for (String[] swap : new String[][] {{"\"database\": \"ccrt\"", "\"database\": \"" + longName + "\""},
                {"\"database\": \"demo\"", "\"database\": \"" + longName + "\""},
                {"\"database\": \"ccrt\"", "\"database\": \"a\\u0000b\""},
                {"\"database\": \"demo\"", "\"database\": \"a\\nb\""},
                {"\"table\": \"copy\"", "\"table\": \"t\\u0000\""},
                {"\"name\": \"ccr_test\"", "\"name\": \"" + "j".repeat(129) + "\""}}) {
            String body = CREATE.replace(swap[0], swap[1]);
            HttpResponse<String> r = post("/create_ccr", body);
            assertThat(r.statusCode()).as(swap[1].substring(0, Math.min(40, swap[1].length()))).isBetween(200, 499);
            JsonNode n = MAPPER.readTree(r.body());
            assertThat(n.get("success").asBoolean()).isFalse();
            assertThat(n.get("error_msg").asText()).matches("(?s).*(longer than|control character|name).*")
                    .doesNotContain("Exception");
        }
        assertThat(jobs.list()).isEmpty();
    }

    @Test
    void desyncReportsFailedTables() throws Exception {
        json("/create_ccr", CREATE);
        assertThat(json("/desync", "{\"name\":\"ccr_test\"}").get("success").asBoolean()).isTrue();

        jobs.failingDesync = java.util.List.of("a", "b");

        assertThat(json("/desync", "{\"name\":\"ccr_test\"}").get("error_msg").asText()).isEqualTo("failed tables: a,b");
    }

    @Test
    void syncWakesTheJobAndFollowsItsOwner() throws Exception {
        json("/create_ccr", CREATE);

        assertThat(json("/sync", "{\"name\":\"ccr_test\"}").toString()).isEqualTo("{\"success\":true,\"triggered\":true}");
        assertThat(json("/sync", "{}").get("error_msg").asText()).isEqualTo("name is empty");
        assertThat(json("/sync", "{\"name\":\"nope\"}").get("error_msg").asText()).isEqualTo("job nope not exist");
        assertThat(post("/sync", "{\"name\":\"remote-a\"}").statusCode()).isEqualTo(303);
        assertThat(jobs.calls).containsExactly("sync ccr_test");
    }

    @Test
    void monitorIntervalIsKeptAndBadValuesChangeNothing() throws Exception {
        assertThat(json("/get_monitor_interval", "").toString()).isEqualTo("{\"success\":true,\"interval_seconds\":120}");

        assertThat(json("/update_monitor_interval", "{\"interval_seconds\": 30}").toString())
                .isEqualTo("{\"success\":true}");
        assertThat(json("/get_monitor_interval", "{}").get("interval_seconds").asLong()).isEqualTo(30);

        for (String bad : new String[] {"{}", "{\"interval_seconds\": 0}", "{\"interval_seconds\": -5}"}) {
            JsonNode answer = json("/update_monitor_interval", bad);
            assertThat(answer.get("success").asBoolean()).as(bad).isFalse();
            assertThat(answer.get("error_msg").asText()).as(bad).isEqualTo("interval_seconds must be > 0");
        }
        assertThat(json("/update_monitor_interval", "{\"interval_seconds\": \"60\"}").get("error_msg").asText())
                .isEqualTo("interval_seconds must be an integer");
        assertThat(json("/update_monitor_interval", "{\"interval_seconds\": 1.5}").get("error_msg").asText())
                .isEqualTo("interval_seconds must be an integer");
        assertThat(post("/update_monitor_interval", "{\"interval_seconds\":").statusCode()).isEqualTo(400);
        assertThat(json("/get_monitor_interval", "").get("interval_seconds").asLong()).isEqualTo(30);
    }

    @Test
    void metricsAndFeatures() throws Exception {
        HttpResponse<String> m = post("/metrics", "");
        assertThat(m.body()).isEqualTo("ccr_jobs 1.0\n");
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(json("/features", "").toString()).isEqualTo("{\"success\":true,\"flags\":[]}");
    }
}
