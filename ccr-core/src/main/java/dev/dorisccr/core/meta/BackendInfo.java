package dev.dorisccr.core.meta;

import static java.util.Objects.requireNonNull;

/**
 * One BE as getBackendMeta / SHOW BACKENDS report it (host as reported; apply the job's host
 * mapping before dialing).
 */
public record BackendInfo(long id, String host, int bePort, int httpPort, int brpcPort, boolean alive) {
    public BackendInfo {
        requireNonNull(host, "host is null");
    }
}
