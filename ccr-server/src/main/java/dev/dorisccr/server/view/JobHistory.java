package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One job on the status page: its latest sample, its recent lag readings (oldest first) and its
 * recent events (oldest first), both bounded by the sampler.
 */
public record JobHistory(JobSample latest, List<LagPoint> lag, List<HistoryEvent> events) {
    public JobHistory {
        requireNonNull(latest, "latest is null");
        lag = List.copyOf(lag);
        events = List.copyOf(events);
    }

    public String name() {
        return latest.name();
    }
}
