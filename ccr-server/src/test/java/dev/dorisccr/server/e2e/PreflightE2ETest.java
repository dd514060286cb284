package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.syncer.PreflightReport.Outcome;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create_ccr's checks, all reported at once, and /preflight without creating anything (issue 14). */
class PreflightE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.src.sql("CREATE DATABASE nolog");
        h.src.sql("CREATE TABLE nolog.t (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        h.dst.sql("CREATE DATABASE d1");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private Map<String, PreflightReport.Check> checks(String body) {
        return h.syncer.preflight(JobSpecJson.parseCreateRequest(body)).checks().stream()
                .collect(Collectors.toMap(PreflightReport.Check::name, c -> c));
    }

    @Test
    void aGoodJobPassesEveryCheck() {
        PreflightReport r = h.syncer.preflight(JobSpecJson.parseCreateRequest(h.createBody("j", "d1", "t", "d1", "t")));
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.checks()).extracting(PreflightReport.Check::name).contains("source.sql", "source.thrift",
                "target.sql", "target.thrift", "source.backends", "target.backends", "source.version", "versions",
                "source.enable_feature_binlog", "source.objects", "source.binlog", "target.objects");
        assertThat(r.checks()).allMatch(c -> c.outcome() == Outcome.OK, "all OK");
        assertThat(h.dst.tables("d1")).isEmpty();
    }

    @Test
    void aWrongPasswordIsNamedAsSuch() {
        String body = h.createBody("j", "d1", "t", "d1", "t").replaceFirst("\"password\": \"[^\"]*\"",
                "\"password\": \"not-the-password\"");
        Map<String, PreflightReport.Check> c = checks(body);
        assertThat(c.get("source.sql").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(c.get("source.sql").message()).contains("wrong user or password").doesNotContain("not-the-password");
        assertThat(c.get("source.thrift").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(c.get("source.binlog").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(c.get("target.sql").outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void createAnswersEveryFailedCheckAtOnceAndStoresNothing() {
        h.dst.sql("CREATE TABLE d1.t2 (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        String body = h.createBody("j", "nolog", "t", "d1", "t2")
                .replace("\"thrift_port\": \"" + h.dst.masterThriftPort() + "\"", "\"thrift_port\": \"1\"");
        assertThatThrownBy(() -> h.create(body)).hasMessageContaining("source.binlog: source table nolog.t does not have binlog")
                .hasMessageContaining("target.thrift: cannot call the FE's Thrift port")
                .hasMessageContaining("target.objects: dest table d1.t2 already exists");
        assertThat(h.syncer.list()).isEmpty();
    }

    @Test
    void preflightOverHttpAnswersTheChecks() throws Exception {
        JobEndpoints endpoints = new JobEndpoints(h.syncer, "test", () -> "", ZoneOffset.UTC);
        try (ApiServer server = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/preflight"))
                    .POST(HttpRequest.BodyPublishers.ofString(h.createBody("j", "nolog", "t", "d1", "t"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = new ObjectMapper().readTree(r.body());
            assertThat(n.get("success").asBoolean()).isFalse();
            assertThat(n.get("error_msg").asText()).contains("source.binlog");
            assertThat(n.get("checks")).anySatisfy(c -> {
                assertThat(c.get("name").asText()).isEqualTo("source.binlog");
                assertThat(c.get("outcome").asText()).isEqualTo("FAILED");
            });
            HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/preflight"))
                    .POST(HttpRequest.BodyPublishers.ofString(h.createBody("j", "d1", "t", "d1", "t")
                            .replaceFirst("\"password\": \"[^\"]*\"", "\"password\": \"s3cret-xyz\""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.body()).contains("wrong user or password").doesNotContain("s3cret-xyz");
        }
        assertThat(h.syncer.list()).isEmpty();
    }
}
