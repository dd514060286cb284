package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobListener.SyncKind;
import dev.dorisccr.core.job.JobListener.SyncReason;
import dev.dorisccr.core.job.JobListener.TxnOutcome;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.TabletCommit;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link JobRunner} tells its {@link JobListener}, derived from the steps the runner sees
 * (command, answer, transition): nothing in the machine or the executor knows about listeners. A
 * listener that throws is logged at WARN (its first failure and then at the 2nd, 4th, 8th...) and
 * otherwise ignored.
 */
final class JobListenerCalls {
    private static final Logger log = LoggerFactory.getLogger(JobListenerCalls.class);

    private final String job;
    private final JobListener listener;
    private final InstantSource clock;
    private ObservedStatus published;
    private long handlingSeq = -1;
    private long handlingSinceMs;
    private int listenerFailures;

    JobListenerCalls(String job, JobListener listener, InstantSource clock) {
        this.job = requireNonNull(job, "job is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Tells the status when it differs from the last one told. */
    synchronized void status(ObservedStatus s) {
        if (!s.equals(published)) {
            published = s;
            call("statusChanged", () -> listener.statusChanged(job, s));
        }
    }

    void failed(String step, ErrorCode code) {
        call("stepFailed", () -> listener.stepFailed(job, step, code));
    }

    void checkpointed(SyncProgress p) {
        call("checkpointed", () -> listener.checkpointed(job, p));
    }

    /** The journal entries a checkpoint wrote, one call each. */
    void journaled(List<dev.dorisccr.core.spi.JournalEntry> entries) {
        for (dev.dorisccr.core.spi.JournalEntry e : entries) {
            call("journaled", () -> listener.journaled(job, e));
        }
    }

    /**
     * What a command answered, right when it answered (before the machine or the status sees it):
     * a fetch that found binlogs is told at once, so that no reader takes the job for caught up
     * between the fetch and the first step on them.
     */
    void answered(JobEvent event, long prevCommitSeq) {
        if (event instanceof JobEvent.BinlogsFetched f && !f.binlogs().isEmpty()) {
            int n = f.binlogs().size();
            long at = clock.millis();
            call("binlogsFetched", () -> listener.binlogsFetched(job, prevCommitSeq, n, at));
        }
    }

    /**
     * One step, once its transition is checkpointed: {@code command} (null at the first step of a
     * turn after a wait) was answered by {@code event} in {@code tookMs}, which moved the machine
     * from {@code before} to {@code t}; {@code command} started at {@code commandStartMs}.
     */
    void step(JobMachine.State before, JobCommand command, JobEvent event, JobMachine.Transition t, long tookMs,
            long commandStartMs) {
        call("step", () -> {
            long now = clock.millis();
            txnAndIngest(command, event, tookMs);
            applied(before, event, t.state().progress(), now);
            if (t.command() instanceof JobCommand.BeginTxn b) {
                handling(b.binlog().commitSeq(), now);
            } else if (t.command() instanceof JobCommand.ApplyBinlog b) {
                handling(b.binlog().commitSeq(), now);
            }
            copies(before, event, t, now);
            if (event instanceof JobEvent.CaughtUp && t.state().progress().isDone()) {
                long seq = t.state().progress().prevCommitSeq();
                long askedAt = commandStartMs;
                call("caughtUp", () -> listener.caughtUp(job, seq, askedAt));
            }
        });
    }

    private void txnAndIngest(JobCommand command, JobEvent event, long tookMs) {
        if (command instanceof JobCommand.BeginTxn && event instanceof JobEvent.TxnLabelExists) {
            call("txnFinished", () -> listener.txnFinished(job, TxnOutcome.LABEL_EXISTED));
        } else if (command instanceof JobCommand.CommitTxn && event instanceof JobEvent.Committed) {
            call("txnFinished", () -> listener.txnFinished(job, TxnOutcome.COMMITTED));
        } else if (command instanceof JobCommand.RollbackTxn && event instanceof JobEvent.RolledBack) {
            call("txnFinished", () -> listener.txnFinished(job, TxnOutcome.ROLLED_BACK));
        } else if (command instanceof JobCommand.Ingest && event instanceof JobEvent.Ingested i) {
            int tablets = (int) i.commits().stream().mapToLong(TabletCommit::tabletId).distinct().count();
            Duration took = Duration.ofMillis(Math.max(0, tookMs));
            call("ingested", () -> listener.ingested(job, tablets, -1, took));
        }
    }

    /** The binlog in flight is replayed when the answer moved the job's position onto it. */
    private void applied(JobMachine.State before, JobEvent event, SyncProgress after, long now) {
        boolean done = event instanceof JobEvent.Committed || event instanceof JobEvent.Applied
                || event instanceof JobEvent.TxnLabelExists x && x.state().isCommitted();
        if (!done || before.pending().isEmpty()) {
            return;
        }
        DecodedBinlog b = before.pending().get(0);
        if (after.prevCommitSeq() != b.commitSeq() || before.progress().prevCommitSeq() >= b.commitSeq()) {
            return;
        }
        Duration took = Duration.ofMillis(handlingSeq == b.commitSeq() ? Math.max(0, now - handlingSinceMs) : 0);
        call("binlogApplied", () -> listener.binlogApplied(job, b.raw().typeCode(), b.commitSeq(), b.timestamp(), took));
    }

    private void handling(long seq, long now) {
        if (seq != handlingSeq) { // a retry of the same binlog keeps its first start
            handlingSeq = seq;
            handlingSinceMs = now;
        }
    }

    /**
     * A copy starts when a transition enters a copy or bumps the job's sync id (a new copy over a
     * failed one), and, for a new job, when its first snapshot is asked for. A copy resumed after
     * a restart is not told again.
     */
    private void copies(JobMachine.State before, JobEvent event, JobMachine.Transition t, long now) {
        SyncProgress b = before.progress();
        SyncProgress a = t.state().progress();
        boolean was = copying(b);
        boolean is = copying(a);
        if (is && (!was || a.jobSyncId() != b.jobSyncId())) {
            SyncKind kind = kind(a);
            SyncReason reason = kind == SyncKind.PARTIAL ? SyncReason.DDL : fullReason(before, event);
            String detail = event instanceof JobEvent.NeedsPartialSync n && kind == SyncKind.PARTIAL ? n.reason()
                    : a.fullSyncReason();
            log.info("job {}: {} sync starts ({}): {}", job, kind.name().toLowerCase(java.util.Locale.ROOT),
                    reason.name().toLowerCase(java.util.Locale.ROOT), detail);
            call("syncStarted", () -> listener.syncStarted(job, kind, reason, detail));
        } else if (is && a.jobSyncId() == 0 && t.command() instanceof JobCommand.CreateSnapshot
                && b.subSyncState().equals(SubSyncState.BEGIN_CREATE_SNAPSHOT) && b.data().isEmpty()
                && kind(a) == SyncKind.FULL) {
            call("syncStarted", () -> listener.syncStarted(job, SyncKind.FULL, SyncReason.NEW_JOB, a.fullSyncReason()));
        } else if (was && !is) {
            SyncKind kind = kind(b);
            Duration took = Duration.ofMillis(Math.max(0, now - b.fullSyncStartAt() * 1000));
            call("syncFinished", () -> listener.syncFinished(job, kind, took));
        }
    }

    /** Why a full copy starts, from what led to it (never from message text). */
    private static SyncReason fullReason(JobMachine.State before, JobEvent event) {
        if (before.forceFullSync()) {
            return SyncReason.OPERATOR;
        }
        if (copying(before.progress())) {
            return SyncReason.COPY_RETRY;
        }
        List<DecodedBinlog> fetched = event instanceof JobEvent.BinlogsFetched f ? f.binlogs() : List.of();
        boolean dummy = Stream.concat(before.pending().stream(), fetched.stream()).anyMatch(x -> x.type() == BinlogType.DUMMY);
        if (event instanceof JobEvent.BinlogTooOld || dummy
                || event instanceof JobEvent.StepFailed f && f.code() == ErrorCode.BINLOG_TOO_OLD) {
            return SyncReason.BINLOG_COLLECTED;
        }
        if (event instanceof JobEvent.NeedsFullSync) {
            return SyncReason.DDL;
        }
        if (event instanceof JobEvent.StepFailed || event instanceof JobEvent.RolledBack) {
            return SyncReason.FAILURE;
        }
        return SyncReason.OTHER;
    }

    private static boolean copying(SyncProgress p) {
        return p.syncState().isFullSync() || p.syncState().isPartialSync();
    }

    private static SyncKind kind(SyncProgress p) {
        return p.syncState().isPartialSync() ? SyncKind.PARTIAL : SyncKind.FULL;
    }

    private void call(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            int n;
            synchronized (this) {
                n = ++listenerFailures;
            }
            if (Integer.bitCount(n) == 1) {
                log.warn("job {}: listener {} failed ({} time(s) so far), ignored", job, what, n, e);
            }
        }
    }
}
