package dev.dorisccr.testkit.doris;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The HTTP/1.1 GET a simulated BE pulls a rowset with, from another simulated BE's
 * {@link SimHttpServer}: synchronous on the caller's thread, over keep-alive connections kept per
 * {@code host:port} (at most {@value #IDLE_PER_PEER} idle each), Content-Length bodies only.
 *
 * <p>It replaces {@code java.net.http.HttpClient}, whose asynchronous machinery (a selector thread,
 * hand-offs to an executor per exchange) made the simulated pulls most of the CPU of a benchmark
 * run on 2 cores (docs/benchmarks.md, "Pipelined apply at K = 32"): a real BE pulls on its own
 * machine, so that CPU is not the syncer's. The wire stays the same: requests and answers are
 * what a BE's HTTP port sees from a Doris BE. Thread-safe.
 */
final class SimHttpClient implements AutoCloseable {
    /** Idle connections kept per peer; more are closed after their request. */
    static final int IDLE_PER_PEER = 64;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private final Map<String, ConcurrentLinkedDeque<Conn>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An answer: status and body. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Conn(Socket socket, InputStream in, OutputStream out) {
        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we no longer use: nothing to do with a failure
            }
        }
    }

    SimHttpClient(int connectTimeoutMs, int readTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    /**
     * GETs {@code pathAndQuery} from {@code host:port}. A kept connection the peer closed meanwhile
     * is replaced by a new one once; any other failure throws.
     */
    Answer get(String host, int port, String pathAndQuery) throws IOException {
        String peer = host + ":" + port;
        Conn c = idle.computeIfAbsent(peer, k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (c != null) {
            try {
                return exchange(peer, c, host, pathAndQuery);
            } catch (IOException stale) {
                c.closeQuietly(); // kept too long, or the peer restarted: one new connection
            }
        }
        return exchange(peer, open(host, port), host, pathAndQuery);
    }

    private Conn open(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            s.setSoTimeout(readTimeoutMs);
            return new Conn(s, new BufferedInputStream(s.getInputStream()), s.getOutputStream());
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private Answer exchange(String peer, Conn c, String host, String pathAndQuery) throws IOException {
        boolean keep = false;
        try {
            c.out().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.out().flush();
            String status = readLine(c.in());
            if (status == null) {
                throw new IOException("connection closed by " + peer);
            }
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("bad status line from " + peer + ": " + status);
            }
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line from " + peer + ": " + status, e);
            }
            long length = -1;
            boolean close = false;
            for (String h = readLine(c.in()); h != null && !h.isEmpty(); h = readLine(c.in())) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length from " + peer + ": " + value, e);
                    }
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new IOException("no usable Content-Length from " + peer);
            }
            byte[] body = c.in().readNBytes((int) length);
            if (body.length != length) {
                throw new IOException("body cut short by " + peer + ": " + body.length + " of " + length + " bytes");
            }
            keep = !close && !closed;
            return new Answer(code, body);
        } finally {
            ConcurrentLinkedDeque<Conn> q = idle.get(peer);
            if (keep && q != null && q.size() < IDLE_PER_PEER) {
                q.offerFirst(c);
                if (closed) {
                    closeIdle();
                }
            } else {
                c.closeQuietly();
            }
        }
    }

    /** A CRLF-terminated ASCII line without its end, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int ch;
        while ((ch = in.read()) != -1) {
            if (ch == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(ch);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private void closeIdle() {
        for (ConcurrentLinkedDeque<Conn> q : idle.values()) {
            for (Conn c = q.pollFirst(); c != null; c = q.pollFirst()) {
                c.closeQuietly();
            }
        }
    }

    /** Closes the kept connections; a request running finishes and closes its own. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
