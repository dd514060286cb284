package dev.dorisccr.server.view;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every job as the sampler last saw it, sorted by name.
 *
 * @param atMs when the last sampling round ended, epoch ms; 0 before the first one
 * @param interval time between two rounds
 * @param jobs the jobs, sorted by name
 */
public record StatusSnapshot(long atMs, Duration interval, List<JobHistory> jobs) {
    public StatusSnapshot {
        jobs = List.copyOf(jobs);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
    }

    /** Before the first sampling round. */
    public static StatusSnapshot empty(Duration interval) {
        return new StatusSnapshot(0, interval, List.of());
    }

    public Optional<JobHistory> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }
}
