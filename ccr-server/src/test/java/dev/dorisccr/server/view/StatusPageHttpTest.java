package dev.dorisccr.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /view} through the real HTTP server on loopback. */
class StatusPageHttpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Showcase showcase = new Showcase().sample(4);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApiServer server;
    private ApiServer withoutPage;

    @BeforeEach
    void start() {
        JobEndpoints endpoints = new JobEndpoints(showcase.jobs, "0.1.0-test", () -> "", ZoneOffset.UTC);
        StatusPageHandler page = new StatusPageHandler(showcase.sampler, showcase.time, ZoneOffset.UTC,
                "127.0.0.1:9190", "0.1.0-test");
        server = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints, page));
        withoutPage = ApiServer.start("127.0.0.1", 0, new ApiHandler(endpoints));
    }

    @AfterEach
    void stop() {
        server.close();
        withoutPage.close();
    }

    private HttpResponse<String> get(ApiServer s, String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDefaultIsTheHtmlPageWithAStrictPolicy() throws Exception {
        HttpResponse<String> r = get(server, "/view");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(StatusPageHandler.CSP);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("data-job=\"payments\"")
                .doesNotContainIgnoringCase("<script").doesNotContain("http://").doesNotContain("https://")
                .contains("syncer <b>127.0.0.1:9190</b>");
        assertThat(get(server, "/view?type=html").body()).isEqualTo(r.body());
    }

    @Test
    void oneJobByName() throws Exception {
        HttpResponse<String> r = get(server, "/view?job=" + URLEncoder.encode(Showcase.HOSTILE, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"history\"").contains("DORIS_UNSUPPORTED")
                .doesNotContainIgnoringCase("<script");

        HttpResponse<String> missing = get(server, "/view?job=nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No job named nope");
    }

    @Test
    void tableRawAndJson() throws Exception {
        HttpResponse<String> table = get(server, "/view?type=table");
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(table.body()).startsWith("+-").contains("| orders_db ");

        assertThat(get(server, "/view?type=raw").body()).startsWith("Job Name\tType\tLag\t");

        HttpResponse<String> json = get(server, "/view?type=json");
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode n = MAPPER.readTree(json.body());
        assertThat(n.get("success").asBoolean()).isTrue();
        assertThat(n.get("jobs")).hasSize(Showcase.NAMES.size());

        JsonNode one = MAPPER.readTree(get(server, "/view?type=json&job=payments").body());
        assertThat(one.at("/job/observed/state").asText()).isEqualTo("BACKING_OFF");
        HttpResponse<String> missing = get(server, "/view?type=json&job=nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(missing.body()).get("success").asBoolean()).isFalse();
    }

    @Test
    void badQueries() throws Exception {
        HttpResponse<String> type = get(server, "/view?type=xml");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("unknown type xml");
        assertThat(get(server, "/view?refresh=soon").statusCode()).isEqualTo(400);
        assertThat(get(server, "/view?refresh=0").body()).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void aRequestCallsNoClusterAndReadsNoStore() throws Exception {
        int lagCalls = showcase.jobs.jobs.get("payments").lagCalls;
        int listCalls = showcase.jobs.listCalls;
        for (String q : new String[] {"", "?type=table", "?type=raw", "?type=json", "?job=payments"}) {
            assertThat(get(server, "/view" + q).statusCode()).isEqualTo(200);
        }
        assertThat(showcase.jobs.jobs.get("payments").lagCalls).isEqualTo(lagCalls);
        assertThat(showcase.jobs.listCalls).isEqualTo(listCalls);
    }

    @Test
    void withoutAPageViewIsAnUnknownOperation() throws Exception {
        HttpResponse<String> r = get(withoutPage, "/view");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("unknown operation /view");
    }
}
