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
    void aKeptConnectionClosedByThePeerIsReplacedAndAGonePeerFails() throws Exception {
        // a scripted peer: each accepted connection answers one request (keep-alive) and is then
        // closed from the peer's side, so the client's kept connection is stale at the next request
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                SimHttpClient client = new SimHttpClient(2_000, 5_000)) {
            int port = peer.getLocalPort();
            java.util.concurrent.CompletableFuture<Void> served = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (String body : new String[] {"one", "two"}) {
                    try (java.net.Socket s = peer.accept()) {
                        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                s.getInputStream(), StandardCharsets.US_ASCII));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request line and headers: answered whatever they are
                        }
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n"
                                + body).getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            assertThat(client.get("127.0.0.1", port, "/a").text()).isEqualTo("one");
            assertThat(client.get("127.0.0.1", port, "/a").text()).as("a new connection after the stale one")
                    .isEqualTo("two");
            served.get(10, java.util.concurrent.TimeUnit.SECONDS);
            peer.close();
            assertThatThrownBy(() -> client.get("127.0.0.1", port, "/a")).isInstanceOf(IOException.class);
        }
    }
}
