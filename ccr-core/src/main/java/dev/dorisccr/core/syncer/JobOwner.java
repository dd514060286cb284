package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

/**
 * Where requests for a job are served: here, by another syncer (its {@code host:port}), or
 * nowhere because the job does not exist.
 */
public record JobOwner(Kind kind, String address) {
    /** The three answers. */
    public enum Kind {
        LOCAL,
        REMOTE,
        NOT_FOUND
    }

    public JobOwner {
        requireNonNull(kind, "kind is null");
        requireNonNull(address, "address is null");
        if (kind == Kind.REMOTE && address.isBlank()) {
            throw new IllegalArgumentException("a remote owner needs an address");
        }
    }

    public static JobOwner local() {
        return new JobOwner(Kind.LOCAL, "");
    }

    public static JobOwner remote(String hostPort) {
        return new JobOwner(Kind.REMOTE, hostPort);
    }

    public static JobOwner notFound() {
        return new JobOwner(Kind.NOT_FOUND, "");
    }
}
