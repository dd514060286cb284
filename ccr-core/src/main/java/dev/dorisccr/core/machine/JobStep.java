package dev.dorisccr.core.machine;

import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.machine.JobCommand.RecheckAfter;
import dev.dorisccr.core.machine.JobCommand.RollbackTxn;
import dev.dorisccr.core.machine.JobMachine.AfterRollback;
import dev.dorisccr.core.machine.JobMachine.State;
import dev.dorisccr.core.machine.JobMachine.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One transition being computed: the state so far, and whether it must be checkpointed. */
final class JobStep {
    State s;
    private boolean dirty;
    final long now;

    private final JobMachine machine;

    JobStep(JobMachine machine, State s, long now) {
        this.machine = machine;
        this.s = s;
        this.now = now;
    }

    SyncProgress p() {
        return s.progress();
    }

    JobMachine machine() {
        return machine;
    }

    void set(SyncProgress progress) {
        if (!progress.equals(s.progress())) {
            s = s.with(progress);
            dirty = true;
        }
    }

    /**
     * Moves the progress on without asking for a checkpoint: for sub-steps a restart may redo from
     * the last checkpoint because the command they lead to is found again by its label (the
     * upsert's ingest and commit). A later checkpoint persists it with whatever follows.
     */
    void setInMemory(SyncProgress progress) {
        s = s.with(progress);
    }

    Transition emit(JobCommand command) {
        return new Transition(s, dirty, command);
    }

    StepData data() {
        return StepData.parse(p().data());
    }

    Transition handle(JobEvent e) {
        SyncState phase = p().syncState();
        if (e instanceof JobEvent.Tick) {
            return tick();
        }
        if (e instanceof JobEvent.StepFailed f) {
            return failed(f);
        }
        if (phase.isFullSync() || phase.isPartialSync()) {
            return FullSyncSteps.handle(this, e);
        }
        return IncrementalSteps.handle(this, e);
    }

    Transition tick() {
        SyncState phase = p().syncState();
        if (phase.isFullSync() || phase.isPartialSync()) {
            return FullSyncSteps.resume(this);
        }
        return IncrementalSteps.resume(this);
    }

    private Transition failed(JobEvent.StepFailed f) {
        String error = f.code() + ": " + f.message();
        SyncState phase = p().syncState();
        boolean copying = phase.isFullSync() || phase.isPartialSync();
        boolean operatorSkip = s.skipCommitSeq() == p().commitSeq();
        SubSyncState sub = p().subSyncState();
        boolean inTxn = sub.equals(SubSyncState.BEGIN_TRANSACTION) || sub.equals(SubSyncState.INGEST_BINLOG)
                || sub.equals(SubSyncState.COMMIT_TRANSACTION) || sub.equals(SubSyncState.ROLLBACK_TRANSACTION);
        if (!copying && sub.equals(SubSyncState.ROLLBACK_TRANSACTION) && data().txnId() >= 0) {
            // the rollback itself failed: try it again after a back-off, then go on as decided before.
            // Never at once (an FE that is down would be called in a loop); the txn's timeout ends it
            // (the rollback of an aborted txn answers that it is gone), so a rollback that still fails
            // after ROLLBACK_ATTEMPTS fails for good: the job stops and says so (resume tries again)
            s = s.failed(error, s.afterRollback());
            if (s.failures() >= FailurePolicy.ROLLBACK_ATTEMPTS) {
                return emit(new JobCommand.Halt("the rollback of txn " + data().txnId() + " failed " + s.failures()
                        + " times in a row, last: " + error + "; the txn ends at its timeout on the target"));
            }
            return emit(new RecheckAfter(backoff()));
        }
        FailurePolicy.Decision d = FailurePolicy.decide(f.code(), copying, s.failures() + 1, operatorSkip,
                machine.spec().options().skipError(), inTxn);
        switch (d) {
            case RETRY:
                if (copying) {
                    s = s.failed(error, AfterRollback.RETRY);
                    return emit(new RecheckAfter(backoff()));
                }
                return closeTxnThen(error, AfterRollback.RETRY);
            case FULL_SYNC:
                if (copying) {
                    // a cancelled backup or restore: start over with a new snapshot, after a back-off
                    s = s.failed(error, AfterRollback.RETRY);
                    startFullSync("previous full sync failed: " + error);
                    return emit(new RecheckAfter(backoff()));
                }
                return closeTxnThen(error, AfterRollback.FULL_SYNC);
            case SKIP:
                return closeTxnThen(error, AfterRollback.SKIP);
            case FAIL:
                if (copying) {
                    s = s.failed(error, AfterRollback.HALT);
                    return emit(new JobCommand.Halt(error));
                }
                return closeTxnThen(error, AfterRollback.HALT);
        }
        throw new IllegalStateException(d.name());
    }

    /** Rolls back an open txn (if any), then continues as {@code after} says. */
    Transition closeTxnThen(String error, AfterRollback after) {
        s = s.failed(error, after);
        SubSyncState sub = p().subSyncState();
        StepData d = data();
        if ((sub.equals(SubSyncState.INGEST_BINLOG) || sub.equals(SubSyncState.ROLLBACK_TRANSACTION)
                || sub.equals(SubSyncState.COMMIT_TRANSACTION)) && d.txnId() >= 0) {
            set(p().nextSub(SubSyncState.ROLLBACK_TRANSACTION, d.toJson(), now));
            return emit(new RollbackTxn(d.txnId(), error));
        }
        return afterRollback();
    }

    /** The open txn (if any) is gone: move on as decided. */
    Transition afterRollback() {
        AfterRollback after = s.afterRollback();
        s = s.withPending(List.of());
        switch (after) {
            case SKIP:
                set(p().rollback(true));
                s = s.flags(s.forceFullSync(), -1, s.fullSyncReason());
                return IncrementalSteps.next(this);
            case FULL_SYNC:
                set(p().rollback(false));
                startFullSync(s.lastError().orElse("full sync needed"));
                return FullSyncSteps.resume(this);
            case RETRY:
                set(p().rollback(false));
                return emit(new RecheckAfter(backoff()));
            case REFETCH:
                set(p().rollback(false));
                return IncrementalSteps.next(this);
            case HALT:
                set(p().rollback(false));
                return emit(new JobCommand.Halt(s.lastError().orElse("failed")));
        }
        throw new IllegalStateException(after.name());
    }

    Duration backoff() {
        int shift = Math.min(20, Math.max(0, s.failures() - 1));
        Duration d = machine.config().retryBase().multipliedBy(1L << shift);
        return d.compareTo(machine.config().retryMax()) > 0 ? machine.config().retryMax() : d;
    }

    /**
     * Starts a partial sync for the binlog in flight ({@code commitSeq}); {@code prevCommitSeq}
     * stays, so the job resumes there if the copy has to give way to a full sync.
     */
    void startPartialSync(JobEvent.NeedsPartialSync n) {
        SyncProgress p = p();
        long syncId = p.jobSyncId() + 1;
        Map<String, String> aliases = n.replace() ? Map.of(n.table(), Labels.aliasTable(n.table(), syncId)) : Map.of();
        SyncProgress next = p.toBuilder()
                .jobSyncId(syncId)
                .partialSyncData(Optional.of(new PartialSyncData(n.tableId(), n.table(), List.of(), n.partitions())))
                .tableAliases(aliases)
                .build()
                .next(p.commitSeq(), SyncState.partialSync(machine.spec().syncType()), SubSyncState.BEGIN_CREATE_SNAPSHOT,
                        "", now);
        set(next);
        s = s.healthy().withPending(List.of());
    }

    void startFullSync(String reason) {
        SyncProgress next = p().toBuilder()
                .jobSyncId(p().jobSyncId() + 1)
                .fullSyncReason(reason)
                .partialSyncData(Optional.empty())
                .tableAliases(Map.of())
                .build()
                .next(p().prevCommitSeq(), SyncState.fullSync(machine.spec().syncType()), SubSyncState.BEGIN_CREATE_SNAPSHOT,
                        "", now);
        set(next);
        s = s.withPending(List.of()).flags(false, s.skipCommitSeq(), reason).with(s.pacing().waitOver());
    }
}
