package dev.dorisccr.testkit.time;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when the test says so, safe to read from any thread. Use it where only
 * time is injected (a store stamping its records); where tasks are scheduled too, use {@link
 * ManualScheduler}, which is both.
 */
public final class ManualClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock forward by {@code d}; time never moves back. */
    public void advance(Duration d) {
        requireNonNull(d, "d is null");
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        now.updateAndGet(t -> t.plus(d));
    }
}
