package dev.dorisccr.testkit.doris;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * A loopback Thrift server (binary protocol, unframed, as a Doris FE/BE with THREAD_POOL) on a
 * given port (0: a free one). Closing it drops every open connection, as a process that dies does.
 */
final class ThriftServer implements AutoCloseable {
    private final TServerSocket socket;
    private final TServer server;
    private final Thread thread;
    private final Set<TSocket> open = ConcurrentHashMap.newKeySet();

    ThriftServer(String name, TProcessor processor, int port) {
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
        server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(processor)
                .protocolFactory(new TBinaryProtocol.Factory()).executorService(own));
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
}
