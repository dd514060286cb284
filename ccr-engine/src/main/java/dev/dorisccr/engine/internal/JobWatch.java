package dev.dorisccr.engine.internal;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own {@link JobListener}: remembers the last observed status of every job running
 * here (for health) and completes the {@code awaitCaughtUp} waiters from the runners' caught-up
 * notifications, then passes every call on to the embedder's listeners in order. A listener that
 * throws is logged at WARN and the others still hear the call.
 */
public final class JobWatch implements JobListener {
    private static final Logger log = LoggerFactory.getLogger(JobWatch.class);

    private final List<JobListener> listeners;
    private final Map<String, ObservedStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

    private record Waiter(long sinceMs, CompletableFuture<Long> done) {}

    public JobWatch(List<JobListener> listeners) {
        this.listeners = List.copyOf(requireNonNull(listeners, "listeners is null"));
    }

    /**
     * A future completed with the job's commit seq at the first caught-up notification of a fetch
     * that started at or after {@code sinceMs}: everything committed on the source before then is
     * on the target. {@link #forget} the future when the caller stops waiting.
     */
    public CompletableFuture<Long> caughtUpSince(String job, long sinceMs) {
        Waiter w = new Waiter(sinceMs, new CompletableFuture<>());
        waiters.computeIfAbsent(job, k -> new CopyOnWriteArrayList<>()).add(w);
        return w.done();
    }

    /** Stops tracking a waiter returned by {@link #caughtUpSince}. */
    public void forget(String job, CompletableFuture<Long> future) {
        List<Waiter> list = waiters.get(job);
        if (list != null) {
            list.removeIf(w -> w.done() == future);
        }
    }

    /** The last status every job reported here (stopped jobs included), by name. */
    public Map<String, ObservedStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /** The last status the job reported here. */
    public Optional<ObservedStatus> status(String job) {
        return Optional.ofNullable(statuses.get(job));
    }

    @Override
    public void statusChanged(String job, ObservedStatus status) {
        statuses.put(job, status);
        each("statusChanged", l -> l.statusChanged(job, status));
    }

    @Override
    public void caughtUp(String job, long commitSeq, long askedAtMs) {
        List<Waiter> list = waiters.get(job);
        if (list != null) {
            for (Waiter w : list) {
                if (w.sinceMs() <= askedAtMs) {
                    w.done().complete(commitSeq);
                    list.remove(w);
                }
            }
        }
        each("caughtUp", l -> l.caughtUp(job, commitSeq, askedAtMs));
    }

    @Override
    public void binlogsFetched(String job, long commitSeq, int binlogs, long answeredAtMs) {
        each("binlogsFetched", l -> l.binlogsFetched(job, commitSeq, binlogs, answeredAtMs));
    }

    @Override
    public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs, Duration took) {
        each("binlogApplied", l -> l.binlogApplied(job, typeCode, commitSeq, sourceCommitTimeMs, took));
    }

    @Override
    public void txnFinished(String job, TxnOutcome outcome) {
        each("txnFinished", l -> l.txnFinished(job, outcome));
    }

    @Override
    public void ingested(String job, int tablets, long bytes, Duration took) {
        each("ingested", l -> l.ingested(job, tablets, bytes, took));
    }

    @Override
    public void syncStarted(String job, SyncKind kind, SyncReason reason, String detail) {
        each("syncStarted", l -> l.syncStarted(job, kind, reason, detail));
    }

    @Override
    public void syncFinished(String job, SyncKind kind, Duration took) {
        each("syncFinished", l -> l.syncFinished(job, kind, took));
    }

    @Override
    public void stepFailed(String job, String step, ErrorCode code) {
        each("stepFailed", l -> l.stepFailed(job, step, code));
    }

    @Override
    public void lagMeasured(String job, long binlogs, long seconds) {
        each("lagMeasured", l -> l.lagMeasured(job, binlogs, seconds));
    }

    @Override
    public void lagUnknown(String job, ErrorCode code) {
        each("lagUnknown", l -> l.lagUnknown(job, code));
    }

    @Override
    public void checkpointed(String job, SyncProgress progress) {
        each("checkpointed", l -> l.checkpointed(job, progress));
    }

    @Override
    public void journaled(String job, dev.dorisccr.core.spi.JournalEntry entry) {
        each("journaled", l -> l.journaled(job, entry));
    }

    private void each(String what, java.util.function.Consumer<JobListener> call) {
        for (JobListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("listener {} failed in {}, ignored", l.getClass().getName(), what, e);
            }
        }
    }
}
