package dev.dorisccr.testkit.doris;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * A backend's HTTP port: the binlog download API a target BE pulls ingested rowsets from
 * ({@code /api/_binlog/_download?method=get_binlog_info|get_rowset_meta|get_segment_file}) and the
 * snapshot file download a restoring BE uses ({@code /api/_tablet/_download?token=..&file=..},
 * the cluster token required).
 */
final class BeHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ClusterCore core;
    private final SimBackend backend;

    BeHttpServer(ClusterCore core, SimBackend backend, ExecutorService executor, int port) throws IOException {
        this.core = core;
        this.backend = backend;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/api/_binlog/_download", this::binlog);
        server.createContext("/api/_tablet/_download", this::snapshot);
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> out = new HashMap<>();
        String q = x.getRequestURI().getRawQuery();
        if (q == null) {
            return out;
        }
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange x, int code, byte[] body) throws IOException {
        boolean head = "HEAD".equals(x.getRequestMethod());
        x.getResponseHeaders().add("Content-Length-Hint", Integer.toString(body.length));
        x.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        }
        x.close();
    }

    private void binlog(HttpExchange x) throws IOException {
        Map<String, String> q = query(x);
        long tablet;
        long version;
        try {
            tablet = Long.parseLong(q.getOrDefault("tablet_id", ""));
            version = Long.parseLong(q.getOrDefault("binlog_version", "-1"));
        } catch (NumberFormatException e) {
            send(x, 400, "bad tablet_id or binlog_version".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<Rowset> r = core.locked(() -> backend.tablet(tablet).flatMap(d -> d.atVersion(version)));
        if (r.isEmpty()) {
            send(x, 404, ("get binlog info failed: tablet " + tablet + " version " + version).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String method = q.getOrDefault("method", "");
        switch (method) {
            case "get_binlog_info" -> send(x, 200, (r.get().rowsetId() + ":1").getBytes(StandardCharsets.UTF_8));
            case "get_rowset_meta" -> send(x, 200, RowsetCodec.encodeOne(new Rowset(r.get().rowsetId(), r.get().version(),
                    List.of(), List.of())));
            case "get_segment_file" -> {
                if (!"0".equals(q.get("segment_index"))) {
                    send(x, 404, "no such segment".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(x, 200, RowsetCodec.encodeOne(r.get()));
                }
            }
            default -> send(x, 400, ("unknown method " + method).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void snapshot(HttpExchange x) throws IOException {
        Map<String, String> q = query(x);
        if (!core.s.token.equals(q.get("token"))) {
            send(x, 401, "invalid token".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<List<Rowset>> files = core.locked(() -> Optional.ofNullable(backend.snapshotFiles.get(q.get("file"))));
        if (files.isEmpty()) {
            send(x, 404, ("no snapshot file " + q.get("file")).getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(x, 200, RowsetCodec.encodeAll(files.get()));
    }
}
