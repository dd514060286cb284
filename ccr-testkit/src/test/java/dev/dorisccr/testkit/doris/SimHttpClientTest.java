package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The simulated BE's rowset pulls: answers and bodies, kept connections reused, a server gone fails. */
class SimHttpClientTest {
    @Test
    void answersStatusAndBodyOverOneKeptConnection() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (SimHttpServer server = new SimHttpServer(0, pool, Map.of("/echo",
                r -> new SimHttpServer.Response(200, ("got " + r.query().get("x")).getBytes(StandardCharsets.UTF_8)),
                "/missing", r -> SimHttpServer.Response.text(404, "no such thing")));
                SimHttpClient client = new SimHttpClient(2_000, 5_000)) {
            for (int i = 0; i < 5; i++) {
                SimHttpClient.Answer a = client.get("127.0.0.1", server.port(), "/echo?x=" + i);
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.text()).isEqualTo("got " + i);
            }
            SimHttpClient.Answer missing = client.get("127.0.0.1", server.port(), "/missing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("no such thing");
            assertThat(server.accepted()).as("requests one after another share a kept connection").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeptConnectionClosedByTheServerIsReplacedAndAGoneServerFails() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        int port;
        try (SimHttpClient client = new SimHttpClient(2_000, 5_000)) {
            try (SimHttpServer server = new SimHttpServer(0, pool, Map.of("/a",
                    r -> SimHttpServer.Response.text(200, "one")))) {
                port = server.port();
                assertThat(client.get("127.0.0.1", port, "/a").text()).isEqualTo("one");
            } // closes the kept connection from the server's side
            try (SimHttpServer again = new SimHttpServer(port, pool, Map.of("/a",
                    r -> SimHttpServer.Response.text(200, "two")))) {
                assertThat(client.get("127.0.0.1", port, "/a").text()).isEqualTo("two");
            }
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            int gone = port;
            assertThatThrownBy(() -> client.get("127.0.0.1", gone, "/a")).isInstanceOf(IOException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
