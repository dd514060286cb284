package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long the apply journal ({@code JobService.journal}) keeps its entries: the engine removes,
 * every {@code interval}, the entries older than {@code maxAge} and, per job, all but the newest
 * {@code maxEntriesPerJob} (one store call per round; any engine sharing the store may run it).
 */
public final class JournalRetention {
    private JournalRetention() {}

    /**
     * @param maxAge entries older than this are removed
     * @param maxEntriesPerJob at most this many entries are kept per job (the newest)
     * @param interval the time between two rounds
     */
    public record Settings(Duration maxAge, int maxEntriesPerJob, Duration interval) {
        /** Default: 7 days, 100,000 entries per job, a round every 10 minutes. */
        public static final Settings DEFAULTS = new Settings(Duration.ofDays(7), 100_000, Duration.ofMinutes(10));

        public Settings {
            requireNonNull(maxAge, "maxAge is null");
            requireNonNull(interval, "interval is null");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("journal max age must be positive: " + maxAge);
            }
            if (maxEntriesPerJob < 1) {
                throw new IllegalArgumentException("journal max entries per job must be >= 1: " + maxEntriesPerJob);
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("journal prune interval must be positive: " + interval);
            }
        }
    }
}
