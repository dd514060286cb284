package dev.dorisccr.core.ha;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Timing of membership and leases. A lease lives {@code leaseTtl}; a syncer ticks (heartbeat,
 * renew, acquire) every {@link #tickInterval()} = ttl / 3, so a dead owner's jobs are taken over
 * within ttl + ttl / 3, less than two lease periods. A syncer silent for {@code leaseTtl} counts as
 * dead; its row is removed after {@link #forgetAfter()}.
 *
 * <p>{@code maxMovesPerTick} bounds how many leases one syncer takes, and how many it hands over,
 * in one tick, so a syncer joining a busy store (or the survivors of a dead one) never start or stop
 * hundreds of jobs at once. Its own leases (taken back after a restart) do not count.
 *
 * <p>{@code handOverTimeout} bounds a graceful hand-over: a job asked to stop at its next checkpoint
 * boundary that has not reached one after this long (a long step: a big ingest, a slow commit) is
 * not waited for any more. The hand-over is abandoned (the job goes on here where it is, never
 * stopped mid-step), another job is handed over in its place if there is one, and this job is not
 * asked again before another {@code handOverTimeout}. Checked at each tick, so a hand-over is
 * abandoned at the first tick at least this long after it began.
 */
public record HaSettings(Duration leaseTtl, int maxMovesPerTick, Duration handOverTimeout) {
    /** The Go syncer checks every 5 s and declares death after 12 s; 15 s keeps the same scale. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);

    /**
     * 128: the 333 jobs of one dead syncer among three are taken by the two survivors in two ticks,
     * well within two lease periods; a third syncer joining 1,000 jobs takes its 333 in three.
     */
    public static final int DEFAULT_MAX_MOVES_PER_TICK = 128;

    /**
     * 60 s: a step of an incremental job (a batch of upserts) ends well within it, so only a job in
     * a long step (a full sync's restore can take hours) is passed over; a joiner still gets its
     * share within a few minutes.
     */
    public static final Duration DEFAULT_HAND_OVER_TIMEOUT = Duration.ofSeconds(60);

    public HaSettings {
        requireNonNull(leaseTtl, "leaseTtl is null");
        if (leaseTtl.compareTo(Duration.ofMillis(300)) < 0 || leaseTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("leaseTtl must be between 300ms and 1h: " + leaseTtl);
        }
        if (maxMovesPerTick < 1 || maxMovesPerTick > 100_000) {
            throw new IllegalArgumentException("maxMovesPerTick must be between 1 and 100000: " + maxMovesPerTick);
        }
        requireNonNull(handOverTimeout, "handOverTimeout is null");
        if (handOverTimeout.isNegative() || handOverTimeout.isZero() || handOverTimeout.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("handOverTimeout must be positive and at most 1 day: " + handOverTimeout);
        }
    }

    /** With the default {@link #DEFAULT_HAND_OVER_TIMEOUT}. */
    public HaSettings(Duration leaseTtl, int maxMovesPerTick) {
        this(leaseTtl, maxMovesPerTick, DEFAULT_HAND_OVER_TIMEOUT);
    }

    /** With the default {@link #DEFAULT_MAX_MOVES_PER_TICK} and {@link #DEFAULT_HAND_OVER_TIMEOUT}. */
    public HaSettings(Duration leaseTtl) {
        this(leaseTtl, DEFAULT_MAX_MOVES_PER_TICK);
    }

    public static HaSettings defaults() {
        return new HaSettings(DEFAULT_LEASE_TTL);
    }

    /** A copy with another bound on the leases taken or handed over per tick. */
    public HaSettings withMaxMovesPerTick(int moves) {
        return new HaSettings(leaseTtl, moves, handOverTimeout);
    }

    /** A copy with another bound on the wait of a hand-over for its job's checkpoint boundary. */
    public HaSettings withHandOverTimeout(Duration timeout) {
        return new HaSettings(leaseTtl, maxMovesPerTick, timeout);
    }

    public Duration tickInterval() {
        return leaseTtl.dividedBy(3);
    }

    public Duration forgetAfter() {
        return leaseTtl.multipliedBy(10);
    }
}
