package dev.dorisccr.thrift.rpc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * A small pool of plain (unframed) Thrift binary-protocol sockets per address, as Doris's FE and
 * BE thrift servers expect. A connection that failed is closed, never returned to the pool.
 */
public final class ThriftConnections implements AutoCloseable {
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxIdlePerAddress;
    private final Map<String, Deque<TTransport>> idle = new HashMap<>();
    private boolean closed;

    public ThriftConnections(Duration connectTimeout, Duration readTimeout, int maxIdlePerAddress) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
        this.maxIdlePerAddress = maxIdlePerAddress;
    }

    /** One call on a pooled connection to {@code host:port}. */
    @FunctionalInterface
    public interface Call<R> {
        R run(TBinaryProtocol protocol) throws TException;
    }

    /** Runs {@code call} on a connection to {@code host:port}, mapping transport failures to codes. */
    public <R> R call(String host, int port, String rpc, Call<R> call) {
        TTransport t = borrow(host, port, rpc);
        try {
            R r = call.run(new TBinaryProtocol(t));
            giveBack(host, port, t);
            return r;
        } catch (TTransportException e) {
            t.close();
            throw transportFailure(rpc, host, port, e);
        } catch (TException e) {
            t.close();
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, rpc + " to " + host + ":" + port + " failed: "
                    + e.getMessage(), e).with("rpc", rpc);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private TTransport borrow(String host, int port, String rpc) {
        synchronized (this) {
            if (closed) {
                throw new CcrException(ErrorCode.ILLEGAL_STATE, "thrift connections are closed");
            }
            Deque<TTransport> q = idle.get(host + ":" + port);
            if (q != null && !q.isEmpty()) {
                return q.pop();
            }
        }
        try {
            TSocket socket = new TSocket(new org.apache.thrift.TConfiguration(), host, port,
                    (int) readTimeout.toMillis(), (int) connectTimeout.toMillis());
            socket.open();
            return socket;
        } catch (TTransportException e) {
            throw transportFailure(rpc, host, port, e);
        }
    }

    private synchronized void giveBack(String host, int port, TTransport t) {
        Deque<TTransport> q = idle.computeIfAbsent(host + ":" + port, k -> new ArrayDeque<>());
        if (closed || q.size() >= maxIdlePerAddress) {
            t.close();
        } else {
            q.push(t);
        }
    }

    private static CcrException transportFailure(String rpc, String host, int port, TTransportException e) {
        boolean timeout = e.getCause() instanceof SocketTimeoutException || e.getType() == TTransportException.TIMED_OUT;
        ErrorCode code = timeout ? ErrorCode.DORIS_TIMEOUT : ErrorCode.DORIS_CONNECTION_FAILED;
        String what = timeout ? " timed out" : " failed: " + e.getMessage();
        return new CcrException(code, rpc + " to " + host + ":" + port + what, e).with("rpc", rpc);
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.values().forEach(q -> q.forEach(TTransport::close));
        idle.clear();
    }
}
