package dev.dorisccr.testkit.doris;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback Thrift server (binary protocol, unframed, as a Doris FE/BE with THREAD_POOL) on a
 * given port (0: a free one). Closing it drops every open connection, as a process that dies does.
 *
 * <p>A connection that ends because this server closes it, or because the client went away
 * (reset, broken pipe, end of stream), is logged at DEBUG: libthrift would log a WARN with a
 * stack trace for each one at every shutdown. Any other failure of a connection is left to
 * libthrift's own logging (WARN or ERROR, with the stack trace).
 */
final class ThriftServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ThriftServer.class);

    private final String name;
    private final TServerSocket socket;
    private final TServer server;
    private final Thread thread;
    private final Set<TSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    /** Connections that ended by a close (ours or the client's), logged at DEBUG only. */
    final AtomicInteger quietlyEnded = new AtomicInteger();

    ThriftServer(String name, TProcessor processor, int port) {
        this.name = name;
        try {
            socket = new TServerSocket(new TServerSocket.ServerSocketTransportArgs()
                    .bindAddr(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).clientTimeout(0)) {
                @Override
                public TSocket accept() throws TTransportException {
                    TSocket s = super.accept();
                    open.add(s);
                    return s;
                }
            };
        } catch (TTransportException e) {
            throw new IllegalStateException("cannot open a Thrift server socket for " + name + " on port " + port, e);
        }
        // its own pool: TThreadPoolServer shuts its executor down when it stops, and this server
        // stops and starts again when the test restarts the process it stands for
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService own = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(quietOnClose(processor))
                .protocolFactory(new TBinaryProtocol.Factory()).executorService(own)) {
            @Override
            protected boolean preServe() {
                // libthrift clears stopped_ when serving starts: a close() that came before the serving
                // thread got here would be forgotten, and the loop would accept on a closed socket,
                // warning and spinning (seen under load)
                boolean ok = super.preServe();
                if (closing) {
                    stopped_ = true;
                }
                return ok;
            }
        };
        thread = new Thread(server::serve, name);
        thread.setDaemon(true);
        thread.start();
    }

    ThriftServer(String name, TProcessor processor) {
        this(name, processor, 0);
    }

    int port() {
        return socket.getServerSocket().getLocalPort();
    }

    /**
     * Stops serving and drops every connection. Returns once the serving thread has left {@code
     * accept}: the JDK closes a listening socket that a thread is blocked on only when that thread
     * wakes up, so a restart on the same port right after could otherwise meet "address already
     * in use" (it did, under load).
     */
    @Override
    public void close() {
        closing = true;
        server.stop();
        socket.close();
        for (TSocket s : open) {
            s.close();
        }
        open.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code processor}, with connection ends that are closes turned into the end of stream libthrift ignores. */
    private TProcessor quietOnClose(TProcessor processor) {
        return (TProtocol in, TProtocol out) -> {
            try {
                processor.process(in, out);
            } catch (TTransportException e) {
                if (!isClose(e, closing)) {
                    throw e;
                }
                quietlyEnded.incrementAndGet();
                log.debug("{}: client connection ended{}: {}", name, closing ? " at shutdown" : "", e.toString());
                throw new TTransportException(TTransportException.END_OF_FILE, "connection closed", e);
            }
        };
    }

    /**
     * Whether a connection failure is a close: the end of the stream, the client resetting or
     * leaving (reset, broken pipe), or any I/O failure or closed transport while this server shuts down. A
     * failure that is not a transport one (a malformed message) is never a close.
     */
    static boolean isClose(TException e, boolean shuttingDown) {
        if (!(e instanceof TTransportException t)) {
            return false;
        }
        if (t.getType() == TTransportException.END_OF_FILE) {
            return true;
        }
        if (shuttingDown && t.getCause() instanceof java.io.IOException) {
            return true; // the socket's stream closed under a worker ("Stream closed", "Socket closed")
        }
        if (shuttingDown && t.getType() == TTransportException.NOT_OPEN) {
            return true; // the socket closed before the worker's read ("Cannot read from null inputStream")
        }
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (c instanceof SocketException se) {
                String m = String.valueOf(se.getMessage());
                return shuttingDown || m.contains("Connection reset") || m.contains("Broken pipe");
            }
        }
        return false;
    }
}
