package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backend's HTTP port: keep-alive GET and HEAD answers, and TCP_NODELAY on every accepted connection. */
class BeHttpServerTest {
    @Test
    void everyConnectionGetsTcpNoDelayAndKeepAliveRequestsShareOne() throws Exception {
        try (FakeDorisCluster c = FakeDorisCluster.builder().name("http").backends(1).build().start()) {
            int port = c.backendPorts().values().iterator().next()[1];
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/_binlog/_download?method=get_binlog_info&tablet_id=1&binlog_version=2")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("tablet 1 version 2");
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/_tablet/_download?token=wrong&file=x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(401);
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/_tablet/_download?token=wrong&file=x")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(401);
            assertThat(head.body()).isEmpty();
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);

            Map<Long, int[]> conns = c.httpConnections();
            int[] counts = conns.values().iterator().next();
            assertThat(counts[0]).as("connections accepted").isBetween(1, 2); // keep-alive reuses the connection
            assertThat(counts[1]).as("connections without TCP_NODELAY").isZero();
        }
    }
}
