package dev.dorisccr.server.view;

import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The events between two successive samples of a job: a pure function, table-tested. */
final class HistoryEvents {
    /** Longest error message kept in an event; the latest sample keeps the whole message. */
    static final int MAX_MESSAGE = 300;

    private HistoryEvents() {}

    /** What changed from {@code previous} (empty: the job is new to the sampler) to {@code next}. */
    static List<HistoryEvent> between(Optional<JobSample> previous, JobSample next) {
        List<HistoryEvent> events = new ArrayList<>();
        long at = next.atMs();
        ObservedStatus now = next.observed();
        if (previous.isEmpty()) {
            events.add(new HistoryEvent(at, HistoryEvent.Kind.SEEN,
                    "first seen: " + describe(now) + ", desired " + next.desired()));
            now.error().ifPresent(e -> events.add(new HistoryEvent(at, HistoryEvent.Kind.ERROR, describe(e))));
            return events;
        }
        JobSample prev = previous.get();
        ObservedStatus before = prev.observed();
        if (prev.desired() != next.desired()) {
            events.add(new HistoryEvent(at, HistoryEvent.Kind.DESIRED, prev.desired() + " → " + next.desired()));
        }
        if (next.fullSyncStartAtSeconds() > 0 && next.fullSyncStartAtSeconds() != prev.fullSyncStartAtSeconds()) {
            String what = now.state() == ObservedState.PARTIAL_SYNC ? "partial sync" : "full sync";
            String reason = next.fullSyncReason().isEmpty() ? "" : " (reason: " + next.fullSyncReason() + ")";
            events.add(new HistoryEvent(at, HistoryEvent.Kind.FULL_SYNC, what + " started" + reason));
        }
        if (before.state() != now.state() || !before.detail().equals(now.detail())) {
            events.add(new HistoryEvent(at, HistoryEvent.Kind.STATE, describe(before) + " → " + describe(now)));
        }
        Optional<JobError> was = before.error();
        Optional<JobError> is = now.error();
        if (is.isPresent() && (was.isEmpty() || !sameFailure(was.get(), is.get()))) {
            events.add(new HistoryEvent(at, HistoryEvent.Kind.ERROR, describe(is.get())));
        } else if (is.isEmpty() && was.isPresent()) {
            JobError e = was.get();
            events.add(new HistoryEvent(at, HistoryEvent.Kind.RECOVERED,
                    e.code() + " cleared after " + e.count() + " failure" + (e.count() == 1 ? "" : "s")));
        }
        return events;
    }

    /** The same failure goes on (its count may have grown): same code, step, binlog and first time. */
    private static boolean sameFailure(JobError a, JobError b) {
        return a.code() == b.code() && a.step().equals(b.step()) && a.commitSeq() == b.commitSeq()
                && a.firstAtMs() == b.firstAtMs();
    }

    static String describe(ObservedStatus s) {
        return s.detail().isEmpty() ? s.state().name() : s.state() + " (" + s.detail() + ")";
    }

    static String describe(JobError e) {
        StringBuilder b = new StringBuilder(e.code().name());
        if (!e.step().isEmpty()) {
            b.append(" in ").append(e.step());
        }
        if (e.commitSeq() >= 0) {
            b.append(" (binlog ").append(e.commitSeq()).append(')');
        }
        return b.append(": ").append(truncate(e.message(), MAX_MESSAGE)).toString();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
