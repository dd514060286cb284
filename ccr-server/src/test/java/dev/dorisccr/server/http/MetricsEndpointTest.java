package dev.dorisccr.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.server.metrics.PrometheusText;
import dev.dorisccr.server.metrics.ServerMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} served as in production: the registry's text behind the metered handler. */
class MetricsEndpointTest {
    private final ServerMetrics metrics = new ServerMetrics(Clock.systemUTC());
    private final HttpClient client = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() {
        JobEndpoints endpoints = new JobEndpoints(new InMemoryJobService(), "0.1.0-test", metrics::scrape,
                ZoneOffset.UTC);
        server = ApiServer.start("127.0.0.1", 0, new MeteredHandler(new ApiHandler(endpoints), metrics.registry()));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAnswerPrometheusTextThatParses() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics", "");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).isNotBlank();
        PrometheusText m = PrometheusText.parse(r.body());
        assertThat(m.find("jvm_threads_live_threads")).isNotEmpty();
        assertThat(m.value("ccr_job_running_total")).isZero();
    }

    @Test
    void requestsAreCountedByPathAndStatusWithBoundedPaths() throws Exception {
        send("POST", "/list_jobs", "{}");
        send("POST", "/list_jobs", "{}");
        send("POST", "/pause", "[1]");
        send("GET", "/no/such/path/" + System.nanoTime(), "");

        // a request is recorded when Undertow ends its exchange, which may be just after the client has the answer
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusText m = PrometheusText.parse(metrics.scrape());
            assertThat(m.value("http_server_requests_seconds_count", "uri", "/list_jobs", "status", "200", "method",
                    "POST")).isEqualTo(2);
            assertThat(m.value("http_server_requests_seconds_count", "uri", "/pause", "status", "400")).isEqualTo(1);
            assertThat(m.value("http_server_requests_seconds_count", "uri", "other", "status", "404", "outcome",
                    "CLIENT_ERROR")).isEqualTo(1);
            assertThat(m.type("http_server_requests_seconds")).contains("histogram");
        });
    }
}
