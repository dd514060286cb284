package dev.dorisccr.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy a fault test can cut: it forwards every connection on its own free port to
 * {@code 127.0.0.1:targetPort}. {@link #cut} drops every open connection (both sides see a reset or
 * an end of stream, as when a firewall or a restarted server drops them); {@link #down} also answers
 * new connections by closing them at once until {@link #up}. The listening port never changes, so a
 * client configured with it reconnects by itself after {@link #up}.
 */
final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean closed;

    TcpProxy(String name, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted while up. */
    int accepted() {
        return accepted.get();
    }

    /** Connections dropped by {@link #cut} or refused while down. */
    int dropped() {
        return dropped.get();
    }

    /** Drops every open connection; new ones are still forwarded (unless {@link #down}). */
    void cut() {
        List<Socket> all;
        synchronized (open) {
            all = new ArrayList<>(open);
            open.clear();
        }
        for (Socket s : all) {
            closeQuietly(s);
        }
        dropped.addAndGet(all.size() / 2);
    }

    /** Drops every open connection and closes each new one at once, until {@link #up}. */
    void down() {
        down = true;
        cut();
    }

    void up() {
        down = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (down) {
                dropped.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException e) {
                // the server behind is down: the client sees its connection closed, as a refusal
                closeQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            accepted.incrementAndGet();
            synchronized (open) {
                open.add(client);
                open.add(upstream);
            }
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the connection ended (or was cut): close both sides below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                synchronized (open) {
                    open.remove(from);
                    open.remove(to);
                }
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed: nothing to drop
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
    }
}
