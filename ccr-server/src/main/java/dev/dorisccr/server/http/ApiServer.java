package dev.dorisccr.server.http;

import static java.util.Objects.requireNonNull;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;

/**
 * The HTTP endpoint of the syncer: Undertow serving {@link ApiHandler} (or a {@link MeteredHandler} around it). Bodies over {@link
 * #MAX_BODY_BYTES} are refused.
 */
public final class ApiServer implements AutoCloseable {
    /** Largest accepted request body. */
    public static final long MAX_BODY_BYTES = 1L << 20;

    private final Undertow undertow;

    private ApiServer(Undertow undertow) {
        this.undertow = undertow;
    }

    /** Starts listening on {@code host:port} (port 0 picks a free one). */
    public static ApiServer start(String host, int port, HttpHandler handler) {
        requireNonNull(host, "host is null");
        requireNonNull(handler, "handler is null");
        Undertow u = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(2)
                .setWorkerThreads(16)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
                .setHandler(handler)
                .build();
        u.start();
        return new ApiServer(u);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
