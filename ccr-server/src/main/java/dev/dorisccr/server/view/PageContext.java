package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;

/**
 * What a page needs besides the snapshot.
 *
 * @param syncer this syncer's identity ({@code host:port})
 * @param version the syncer's version
 * @param zone time zone of the times shown
 * @param nowMs the time of the request, epoch ms (for "3 min ago")
 * @param refreshSeconds the page reloads itself after this many seconds; 0: never
 */
record PageContext(String syncer, String version, ZoneId zone, long nowMs, int refreshSeconds) {
    PageContext {
        requireNonNull(syncer, "syncer is null");
        requireNonNull(version, "version is null");
        requireNonNull(zone, "zone is null");
        if (refreshSeconds < 0) {
            throw new IllegalArgumentException("refreshSeconds < 0");
        }
    }
}
