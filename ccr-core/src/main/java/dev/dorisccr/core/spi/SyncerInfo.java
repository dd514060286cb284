package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/** A registered syncer: its {@code host:port} and its last heartbeat. */
public record SyncerInfo(String address, Instant heartbeatAt) {
    public SyncerInfo {
        StoreNames.requireAddress(address);
        requireNonNull(heartbeatAt, "heartbeatAt is null");
    }

    /** Whether the syncer heartbeated within {@code ttl} before {@code now}. */
    public boolean isAliveAt(Instant now, Duration ttl) {
        return now.isBefore(heartbeatAt.plus(ttl));
    }
}
