package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

/**
 * Where this syncer is: its name among syncers sharing a store ({@code -host}, {@code -port}) and the address its
 * HTTP server listens on ({@code -bind_address}).
 *
 * @param host this syncer's host name in the syncer cluster (its identity, not the bind address)
 * @param port HTTP port
 * @param bindAddress the address the HTTP server listens on ({@code 0.0.0.0}: every interface)
 */
public record HttpSettings(String host, int port, String bindAddress) {
    /** 127.0.0.1:9190 listening on every interface: the Go syncer's. */
    public static final HttpSettings DEFAULTS = new HttpSettings("127.0.0.1", 9190, "0.0.0.0");

    public HttpSettings {
        requireNonNull(host, "host is null");
        requireNonNull(bindAddress, "bindAddress is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** This syncer's identity among syncers sharing a store. */
    public String hostPort() {
        return host + ":" + port;
    }

    public HttpSettings withHost(String v) {
        return new HttpSettings(v, port, bindAddress);
    }

    /** A copy with another HTTP port (tests, and port 0 resolved after binding). */
    public HttpSettings withPort(int v) {
        return new HttpSettings(host, v, bindAddress);
    }

    public HttpSettings withBindAddress(String v) {
        return new HttpSettings(host, port, v);
    }
}
