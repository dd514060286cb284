package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.JournalEntry;
import java.util.List;
import java.util.Optional;

/**
 * One job on the status page: its latest sample, its recent lag readings (oldest first), its
 * recent events (oldest first), both bounded by the sampler, and the newest entries of its apply
 * journal (newest first; empty when the store keeps no journal or it could not be read yet).
 */
public record JobHistory(JobSample latest, List<LagPoint> lag, List<HistoryEvent> events,
        Optional<List<JournalEntry>> journal) {
    public JobHistory {
        requireNonNull(latest, "latest is null");
        lag = List.copyOf(lag);
        events = List.copyOf(events);
        journal = journal.map(List::copyOf);
    }

    /** A job without journal entries read. */
    public JobHistory(JobSample latest, List<LagPoint> lag, List<HistoryEvent> events) {
        this(latest, lag, events, Optional.empty());
    }

    public String name() {
        return latest.name();
    }
}
