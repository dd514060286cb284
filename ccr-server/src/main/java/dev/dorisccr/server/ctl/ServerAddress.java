package dev.dorisccr.server.ctl;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * The syncer {@code ctl} talks to: {@code host:port}, {@code [v6]:port}, {@code host} (port 9190),
 * or the same with {@code http://} or {@code https://} in front.
 *
 * @param scheme {@code http} or {@code https}
 * @param host a host name or address ({@code [..]} for IPv6)
 * @param port 1 to 65535
 */
record ServerAddress(String scheme, String host, int port) {
    static final int DEFAULT_PORT = 9190;

    ServerAddress {
        requireNonNull(scheme, "scheme is null");
        requireNonNull(host, "host is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code text}; anything else is an {@link IllegalArgumentException} saying what is wrong. */
    static ServerAddress parse(String text) {
        String s = text.strip();
        String scheme = "http";
        if (s.startsWith("http://")) {
            s = s.substring("http://".length());
        } else if (s.startsWith("https://")) {
            scheme = "https";
            s = s.substring("https://".length());
        } else if (s.contains("://")) {
            throw new IllegalArgumentException("--server " + text + ": only http:// and https:// are known");
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.contains("/") || s.contains("?") || s.contains("@") || s.contains(" ")) {
            throw new IllegalArgumentException("--server " + text + " is not HOST:PORT");
        }
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--server " + text + ": unclosed [ in an IPv6 address");
            }
            host = s.substring(0, close + 1);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("--server " + text + " is not [ADDRESS]:PORT");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon != s.indexOf(':')) {
                throw new IllegalArgumentException("--server " + text + ": write an IPv6 address as [ADDRESS]:PORT");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]")) {
            throw new IllegalArgumentException("--server " + text + ": the host is empty");
        }
        return new ServerAddress(scheme, host, port == null ? DEFAULT_PORT : parsePort(text, port));
    }

    private static int parsePort(String text, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("--server " + text + ": the port is not a number");
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("--server " + text + ": port out of range (1-65535)");
        }
        return p;
    }

    /** {@code scheme://host:port/path}. */
    URI uri(String path) {
        return URI.create(scheme + "://" + host + ":" + port + path);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
