package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.doris.SimHttpServer.Request;
import dev.dorisccr.testkit.doris.SimHttpServer.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * A backend's HTTP port: the binlog download API a target BE pulls ingested rowsets from
 * ({@code /api/_binlog/_download?method=get_binlog_info|get_rowset_meta|get_segment_file}) and the
 * snapshot file download a restoring BE uses ({@code /api/_tablet/_download?token=..&file=..},
 * the cluster token required). Served by {@link SimHttpServer} (TCP_NODELAY on every connection).
 */
final class BeHttpServer implements AutoCloseable {
    private final SimHttpServer server;
    private final ClusterCore core;
    private final SimBackend backend;

    BeHttpServer(ClusterCore core, SimBackend backend, ExecutorService executor, int port) throws IOException {
        this.core = core;
        this.backend = backend;
        this.server = new SimHttpServer(port, executor, Map.of("/api/_binlog/_download", this::binlog,
                "/api/_tablet/_download", this::snapshot));
    }

    int port() {
        return server.port();
    }

    /** Accepted connections, and of those the ones that did not get TCP_NODELAY (0 unless the OS refuses it). */
    int[] connections() {
        return new int[] {server.accepted(), server.acceptedWithoutNoDelay()};
    }

    @Override
    public void close() {
        server.close();
    }

    private Response binlog(Request x) {
        Map<String, String> q = x.query();
        long tablet;
        long version;
        try {
            tablet = Long.parseLong(q.getOrDefault("tablet_id", ""));
            version = Long.parseLong(q.getOrDefault("binlog_version", "-1"));
        } catch (NumberFormatException e) {
            return Response.text(400, "bad tablet_id or binlog_version");
        }
        Optional<Rowset> r = core.locked(() -> backend.tablet(tablet).flatMap(d -> d.atVersion(version)));
        if (r.isEmpty()) {
            return Response.text(404, "get binlog info failed: tablet " + tablet + " version " + version);
        }
        String method = q.getOrDefault("method", "");
        return switch (method) {
            case "get_binlog_info" -> Response.text(200, r.get().rowsetId() + ":1");
            case "get_rowset_meta" -> new Response(200, RowsetCodec.encodeOne(new Rowset(r.get().rowsetId(),
                    r.get().version(), List.of(), List.of())));
            case "get_segment_file" -> "0".equals(q.get("segment_index"))
                    ? new Response(200, RowsetCodec.encodeOne(r.get())) : Response.text(404, "no such segment");
            default -> Response.text(400, "unknown method " + method);
        };
    }

    private Response snapshot(Request x) {
        Map<String, String> q = x.query();
        if (!core.s.token.equals(q.get("token"))) {
            return Response.text(401, "invalid token");
        }
        Optional<List<Rowset>> files = core.locked(() -> Optional.ofNullable(backend.snapshotFiles.get(q.get("file"))));
        if (files.isEmpty()) {
            return Response.text(404, "no snapshot file " + q.get("file"));
        }
        return new Response(200, RowsetCodec.encodeAll(files.get()));
    }
}
