package dev.dorisccr.thrift;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.thrift.ProcessFunction;
import org.apache.thrift.TBaseProcessor;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * A real Thrift server on 127.0.0.1 (free port) for client tests, with a switch that makes it drop
 * the connection of the next request instead of answering.
 */
public final class LoopbackThriftServer implements AutoCloseable {
    private final TServerSocket socket;
    private final TServer server;
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    public final AtomicBoolean dropNext = new AtomicBoolean();

    public LoopbackThriftServer(TProcessor processor) throws TTransportException {
        socket = new TServerSocket(new java.net.InetSocketAddress("127.0.0.1", 0));
        TProcessor dropping = processor instanceof TBaseProcessor<?> base ? (in, out) -> {
            // read the call first, so the switch applies to the call that arrives after it is set
            TMessage msg = in.readMessageBegin();
            if (dropNext.compareAndSet(true, false)) {
                in.getTransport().close();
                throw new TTransportException(TTransportException.END_OF_FILE, "dropped by the test");
            }
            dispatch(base, msg, in, out);
        } : processor;
        server = new TThreadPoolServer(new TThreadPoolServer.Args(socket).processor(dropping)
                .protocolFactory(new TBinaryProtocol.Factory()).minWorkerThreads(2).maxWorkerThreads(8));
        runner.submit(server::serve);
        org.awaitility.Awaitility.await().until(server::isServing);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void dispatch(TBaseProcessor<?> base, TMessage msg, TProtocol in, TProtocol out)
            throws TException {
        ProcessFunction fn = base.getProcessMapView().get(msg.name);
        if (fn == null) {
            throw new TException("unknown method " + msg.name);
        }
        fn.process(msg.seqid, in, out, ifaceOf(base));
    }

    private static Object ifaceOf(TBaseProcessor<?> base) throws TException {
        try {
            java.lang.reflect.Field f = TBaseProcessor.class.getDeclaredField("iface");
            f.setAccessible(true);
            return f.get(base);
        } catch (ReflectiveOperationException e) {
            throw new TException("cannot reach the handler", e);
        }
    }

    public int port() {
        return socket.getServerSocket().getLocalPort();
    }

    @Override
    public void close() {
        server.stop();
        runner.shutdownNow();
    }
}
