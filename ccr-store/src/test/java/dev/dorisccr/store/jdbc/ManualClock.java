package dev.dorisccr.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to. */
final class ManualClock implements InstantSource {
    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        now.updateAndGet(t -> t.plus(d));
    }
}
