package dev.dorisccr.core.ha;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.spi.SyncerInfo;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.TreeSet;

/**
 * This syncer's membership in the syncer cluster defined by the shared store: heartbeats under its
 * {@code host:port}, and the view of which syncers are alive.
 */
public final class SyncerMembership {
    private final LeaseStore store;
    private final String self;
    private final InstantSource clock;
    private final HaSettings settings;

    public SyncerMembership(LeaseStore store, String self, InstantSource clock, HaSettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.self = StoreNames.requireAddress(self);
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    public String self() {
        return self;
    }

    /** Records a heartbeat now and forgets syncers silent for longer than {@link HaSettings#forgetAfter()}. */
    public void heartbeat() {
        Instant now = clock.instant();
        store.heartbeat(self, now);
        store.removeSyncersSilentSince(now.minus(settings.forgetAfter()));
    }

    /** The addresses of the syncers alive now, sorted; always contains this syncer. */
    public List<String> liveSyncers() {
        Instant now = clock.instant();
        TreeSet<String> live = new TreeSet<>();
        live.add(self);
        for (SyncerInfo s : store.syncers()) {
            if (s.isAliveAt(now, settings.leaseTtl())) {
                live.add(s.address());
            }
        }
        return List.copyOf(live);
    }
}
