package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.server.config.HttpSettings;
import dev.dorisccr.server.config.LeaseSettings;
import dev.dorisccr.server.config.RpcSettings;
import dev.dorisccr.server.config.ServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir Path dir;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void servesTheApiOverASqliteStoreAndRefusesAJobWhoseClustersAreUnreachable() throws Exception {
        ServerConfig config = ServerConfig.builder(dir)
                .http(HttpSettings.DEFAULTS.withPort(closedPort()).withBindAddress("127.0.0.1"))
                .rpc(new RpcSettings(Duration.ofMillis(500), Duration.ofSeconds(2), RpcSettings.DEFAULTS.commitTxnTimeout()))
                .build();
        HttpClient http = HttpClient.newHttpClient();
        try (ServeCommand.Running running = ServeCommand.start(config)) {
            String base = "http://127.0.0.1:" + running.port();
            HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(version.body()).startsWith("{\"version\":");
            HttpResponse<String> features = http.send(HttpRequest.newBuilder(URI.create(base + "/features")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(features.body()).contains("{\"feature\":\"feature_atomic_restore\",\"value\":true,\"default\":\"true\"}")
                    .contains("{\"feature\":\"feature_clean_table_and_partitions\",\"value\":true,\"default\":\"false\"}")
                    .doesNotContain("feature_idempotent_ddl");

            int dead = closedPort();
            String body = "{\"name\":\"j\",\"src\":{\"host\":\"127.0.0.1\",\"port\":\"" + dead + "\",\"thrift_port\":\""
                    + dead + "\",\"user\":\"root\",\"password\":\"sekret\",\"database\":\"d\",\"table\":\"\"},"
                    + "\"dest\":{\"host\":\"127.0.0.1\",\"port\":\"" + dead + "\",\"thrift_port\":\"" + dead
                    + "\",\"user\":\"root\",\"password\":\"sekret\",\"database\":\"d2\",\"table\":\"\"}}";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/create_ccr"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.body()).contains("\"success\":false").doesNotContain("sekret");

            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/list_jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.body()).isEqualTo("{\"success\":true}");

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            dev.dorisccr.server.metrics.PrometheusText m = dev.dorisccr.server.metrics.PrometheusText.parse(metrics.body());
            assertThat(m.value("ccr_job_running_total")).isZero();
            assertThat(m.find("ccr_store_write_seconds_count", "op", "heartbeat")).isNotEmpty();
            assertThat(m.find("jvm_memory_used_bytes")).isNotEmpty();
        }
        assertThat(dir.resolve("db/ccr.db")).exists();
    }

    @Test
    void servesTheStatusPage() throws Exception {
        ServerConfig config = ServerConfig.builder(dir)
                .http(HttpSettings.DEFAULTS.withPort(closedPort()).withBindAddress("127.0.0.1")).build();
        HttpClient http = HttpClient.newHttpClient();
        try (ServeCommand.Running running = ServeCommand.start(config)) {
            URI view = URI.create("http://127.0.0.1:" + running.port() + "/view");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(view).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
                assertThat(page.body()).contains("No jobs yet").contains("syncer <b>" + config.hostPort() + "</b>");
            });
        }
    }

    @Test
    void theLeaseTtlSetsTheTick() throws Exception {
        // a tick (heartbeat, renewals) every third of the lease: 4 heartbeats take 1 s at -lease_ttl=1s,
        // 15 s at the default
        ServerConfig config = ServerConfig.builder(dir)
                .http(HttpSettings.DEFAULTS.withPort(closedPort()).withBindAddress("127.0.0.1"))
                .lease(new LeaseSettings(Duration.ofSeconds(1))).build();
        HttpClient http = HttpClient.newHttpClient();
        try (ServeCommand.Running running = ServeCommand.start(config)) {
            URI metrics = URI.create("http://127.0.0.1:" + running.port() + "/metrics");
            await().atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
                String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(dev.dorisccr.server.metrics.PrometheusText.parse(text)
                        .value("ccr_store_write_seconds_count", "op", "heartbeat")).isGreaterThanOrEqualTo(4);
            });
        }
    }
}
