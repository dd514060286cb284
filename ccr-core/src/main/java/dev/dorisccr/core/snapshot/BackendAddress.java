package dev.dorisccr.core.snapshot;

import static java.util.Objects.requireNonNull;

/** Where a source BE serves snapshot files over HTTP, as the target BEs must reach it. */
public record BackendAddress(String host, int httpPort) {
    public BackendAddress {
        requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (httpPort <= 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
    }
}
