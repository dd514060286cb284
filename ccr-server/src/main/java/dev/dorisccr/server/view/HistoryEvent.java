package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

/**
 * Something that changed between two samples of a job, as its history on the status page shows it.
 *
 * @param atMs when the sampler saw the change, epoch ms (the change happened within one interval before)
 * @param kind what changed
 * @param text one line for a person (from the job's own values: escape it before showing it)
 */
public record HistoryEvent(long atMs, Kind kind, String text) {
    public HistoryEvent {
        requireNonNull(kind, "kind is null");
        requireNonNull(text, "text is null");
    }

    /** What changed. */
    public enum Kind {
        /** The sampler saw the job for the first time (new job, or this syncer just started). */
        SEEN,
        /** The operator changed the desired state (pause, resume, delete). */
        DESIRED,
        /** The observed state changed, or its detail did (e.g. the next full sync step). */
        STATE,
        /** A new failure (another code, step or binlog than the last one). */
        ERROR,
        /** The last failure is gone: a step succeeded. */
        RECOVERED,
        /** A full or partial sync started (its start time moved). */
        FULL_SYNC
    }
}
