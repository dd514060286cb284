package dev.dorisccr.testkit.doris;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;

/** A loopback Thrift server (binary protocol, unframed, as a Doris FE/BE with THREAD_POOL) on a free port. */
final class ThriftServer implements AutoCloseable {
    private final TServerSocket socket;
    private final TServer server;
    private final Thread thread;

    ThriftServer(String name, TProcessor processor, ExecutorService workers) {
        try {
            socket = new TServerSocket(new TServerSocket.ServerSocketTransportArgs()
                    .bindAddr(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).clientTimeout(0));
        } catch (TTransportException e) {
            throw new IllegalStateException("cannot open a Thrift server socket for " + name, e);
        }
        server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(processor)
                .protocolFactory(new TBinaryProtocol.Factory()).executorService(workers));
        thread = new Thread(server::serve, name);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getServerSocket().getLocalPort();
    }

    @Override
    public void close() {
        server.stop();
        socket.close();
    }
}
