package dev.dorisccr.core.service;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.PeriodicRound;
import dev.dorisccr.core.error.ErrorClassifier;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.syncer.JournalRetention;
import dev.dorisccr.core.syncer.JournalRetention.Settings;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the apply journal bounded: every {@code interval} it removes the entries older than
 * {@code maxAge} and, per job, all but the newest {@code maxEntriesPerJob}. One store call per
 * round, never one per binlog; any syncer sharing the store may run it (the rounds are
 * idempotent). A failed round is logged and the next one tries again. The rounds are a
 * {@link PeriodicRound}; its settings: {@link JournalRetention.Settings}.
 */
public final class JournalPruner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalPruner.class);

    private final MetadataStore store;
    private final InstantSource clock;
    private final Settings settings;
    private final PeriodicRound rounds;

    public JournalPruner(MetadataStore store, Scheduler scheduler, InstantSource clock, Settings settings) {
        this.store = StoreGuard.guard(store);
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.rounds = new PeriodicRound("apply journal pruning", this::pruneOnce, scheduler, settings.interval());
    }

    /** Schedules the first round one interval from now (a start does not prune). */
    public void start() {
        rounds.start();
    }

    /** One round now; the number of entries removed (0 when the round failed). */
    public int pruneOnce() {
        try {
            int n = store.progress().pruneJournal(clock.instant().minus(settings.maxAge()), settings.maxEntriesPerJob());
            if (n > 0) {
                log.info("apply journal: removed {} entries (older than {} or beyond {} per job)", n, settings.maxAge(),
                        settings.maxEntriesPerJob());
            }
            return n;
        } catch (RuntimeException e) {
            log.warn("apply journal: pruning failed ({}: {}); trying again in {}", ErrorClassifier.codeOf(e),
                    e.getMessage(), settings.interval());
            return 0;
        }
    }

    @Override
    public void close() {
        rounds.close();
    }
}
