package dev.dorisccr.testkit.doris;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A minimal HTTP/1.1 server (GET and HEAD, keep-alive, Content-Length bodies) for a simulated BE's
 * HTTP port. It exists instead of the JDK's {@code com.sun.net.httpserver} because that one sets
 * TCP_NODELAY only when {@code sun.net.httpserver.nodelay} was set before its classes loaded, so
 * every small response on loopback waited ~40 ms for the peer's delayed ACK. Here every accepted
 * socket gets TCP_NODELAY, and {@link #acceptedWithoutNoDelay()} lets a test check it.
 */
final class SimHttpServer implements AutoCloseable {
    /** One request: method, path (no query), decoded query parameters. */
    record Request(String method, String path, Map<String, String> query) {}

    /** One response: status and body (no body is sent for HEAD). */
    record Response(int status, byte[] body) {
        static Response text(int status, String body) {
            return new Response(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers the requests under one path prefix. */
    interface Handler {
        Response handle(Request request);
    }

    private static final int MAX_LINE = 16 * 1024;
    private final ServerSocket listener;
    private final ExecutorService executor;
    private final Map<String, Handler> routes = new LinkedHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile int accepted;
    private volatile int withoutNoDelay;

    SimHttpServer(int port, ExecutorService executor, Map<String, Handler> routes) throws IOException {
        this.executor = executor;
        this.routes.putAll(routes);
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.listener = s;
        executor.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted. */
    int accepted() {
        return accepted;
    }

    /** How many accepted connections did not end up with TCP_NODELAY (0 unless the OS refused it). */
    int acceptedWithoutNoDelay() {
        return withoutNoDelay;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing: nothing to do with a failure
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted++;
            try {
                s.setTcpNoDelay(true);
                if (!s.getTcpNoDelay()) {
                    withoutNoDelay++;
                }
            } catch (SocketException e) {
                withoutNoDelay++;
            }
            open.add(s);
            executor.execute(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (!closed) {
                String line = readLine(in);
                if (line == null || line.isEmpty()) {
                    return;
                }
                String[] parts = line.split(" ");
                Map<String, String> headers = new HashMap<>();
                for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                    }
                }
                long length = parseLength(headers.get("content-length"));
                in.skipNBytes(length);
                boolean keepAlive = parts.length == 3 && parts[2].equals("HTTP/1.1")
                        && !"close".equalsIgnoreCase(headers.get("connection"));
                Response r = parts.length == 3 ? dispatch(parts[0], parts[1]) : Response.text(400, "bad request line");
                write(out, parts[0], r, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the peer went away or sent garbage: the connection ends, the server goes on
        } finally {
            open.remove(s);
        }
    }

    private Response dispatch(String method, String target) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Response.text(405, "method not allowed");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String kv : target.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    query.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        for (Map.Entry<String, Handler> e : routes.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return e.getValue().handle(new Request(method, path, query));
            }
        }
        return Response.text(404, "no handler for " + path);
    }

    private static void write(OutputStream out, String method, Response r, boolean keepAlive) throws IOException {
        String head = "HTTP/1.1 " + r.status() + " " + reason(r.status()) + "\r\nContent-Length: " + r.body().length
                + "\r\nContent-Length-Hint: " + r.body().length + "\r\nContent-Type: application/octet-stream\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (!method.equals("HEAD")) {
            out.write(r.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }

    private static long parseLength(String v) throws IOException {
        if (v == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length " + v, e);
        }
    }

    /** A CRLF-terminated ASCII line without its end, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (b.size() >= MAX_LINE) {
                throw new IOException("header line too long");
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing to do with a failure
        }
    }
}
