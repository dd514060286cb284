package dev.dorisccr.core.machine;

import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.machine.JobCommand.ApplyBinlog;
import dev.dorisccr.core.machine.JobCommand.BeginTxn;
import dev.dorisccr.core.machine.JobCommand.CommitTxn;
import dev.dorisccr.core.machine.JobCommand.FetchBinlogs;
import dev.dorisccr.core.machine.JobCommand.Ingest;
import dev.dorisccr.core.machine.JobCommand.RecheckAfter;
import dev.dorisccr.core.machine.JobCommand.RollbackTxn;
import dev.dorisccr.core.machine.JobMachine.AfterRollback;
import dev.dorisccr.core.machine.JobMachine.Transition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Incremental sync: fetch, filter, apply one binlog at a time. */
final class IncrementalSteps {
    private IncrementalSteps() {}

    static Transition resume(JobStep st) {
        SyncProgress p = st.p();
        if (p.isDone()) {
            return next(st);
        }
        SubSyncState sub = p.subSyncState();
        StepData d = st.data();
        if (sub.equals(SubSyncState.COMMIT_TRANSACTION)) {
            return st.emit(new CommitTxn(d.txnId(), d.commits()));
        }
        if ((sub.equals(SubSyncState.INGEST_BINLOG) || sub.equals(SubSyncState.ROLLBACK_TRANSACTION))
                && d.txnId() >= 0) {
            st.set(p.nextSub(SubSyncState.ROLLBACK_TRANSACTION, d.toJson(), st.now));
            // a rollback tried again after a back-off keeps its reason; else the syncer restarted
            return st.emit(new RollbackTxn(d.txnId(), st.s.lastError().orElse("the syncer restarted during the ingest")));
        }
        // BEGIN_TRANSACTION, or a non-upsert binlog in flight: fetch it again and redo it
        // (the label of a begun txn is derived from the seq, so a second begin finds it)
        st.set(p.rollback(false));
        st.s = st.s.withPending(List.of());
        return next(st);
    }

    /** The binlog in flight is done: drop it from the queue and go on. */
    static Transition applied(JobStep st) {
        SyncProgress p = st.p().done();
        DecodedBinlog b = st.s.pending().isEmpty() ? null : st.s.pending().get(0);
        st.set(switchToPlainIncremental(p, p.prevCommitSeq()));
        st.s = st.s.healthy().withPending(b == null ? List.of() : st.s.pending().subList(1, st.s.pending().size()))
                .with(st.s.pacing().active());
        return next(st);
    }

    /** Nothing new: fetch again soon if binlogs came lately, less often the longer the job is idle. */
    private static Transition idle(JobStep st) {
        JobMachine.Pacing pacing = st.s.pacing().emptyFetch();
        st.s = st.s.with(pacing);
        return st.emit(new RecheckAfter(st.machine().config().idleDelay(pacing.emptyFetches())));
    }

    /** Chooses what to do at an idle point. */
    static Transition next(JobStep st) {
        JobMachine m = st.machine();
        if (st.s.forceFullSync()) {
            st.startFullSync("operator asked for a full sync");
            return FullSyncSteps.resume(st);
        }
        while (!st.s.pending().isEmpty()) {
            DecodedBinlog b = st.s.pending().get(0);
            SyncProgress p = st.p();
            if (b.commitSeq() <= p.prevCommitSeq()) {
                st.s = st.s.withPending(st.s.pending().subList(1, st.s.pending().size()));
                continue;
            }
            if (b.commitSeq() == st.s.skipCommitSeq() || alreadyInSnapshot(p, b)) {
                SyncProgress skipped = p.startHandle(b.commitSeq()).done();
                st.set(switchToPlainIncremental(skipped, b.commitSeq()));
                st.s = st.s.withPending(st.s.pending().subList(1, st.s.pending().size()))
                        .flags(false, b.commitSeq() == st.s.skipCommitSeq() ? -1 : st.s.skipCommitSeq(),
                                st.s.fullSyncReason());
                continue;
            }
            if (b.type() == BinlogType.DUMMY) { // the stream restarted under us
                st.startFullSync("dummy binlog " + b.commitSeq() + ": binlogs were collected");
                return FullSyncSteps.resume(st);
            }
            if (b.type() == BinlogType.UPSERT) {
                String label = label(m, p, b);
                st.set(p.startHandle(b.commitSeq())
                        .nextSub(SubSyncState.BEGIN_TRANSACTION, StepData.EMPTY.withTxn(label, -1).toJson(), st.now));
                return st.emit(new BeginTxn(label, b, st.p().tableNameMapping(), ahead(st, p)));
            }
            st.set(p.startHandle(b.commitSeq()));
            return st.emit(new ApplyBinlog(b, st.p().tableNameMapping()));
        }
        return st.emit(new FetchBinlogs(st.p().prevCommitSeq(), m.config().batchSize()));
    }

    private static String label(JobMachine m, SyncProgress p, DecodedBinlog b) {
        return Labels.ingest(m.spec().name(), p.createdAt(), p.incarnation(), m.spec().syncType(), b.commitSeq());
    }

    /**
     * The upserts after the one in flight that this machine will begin next, as {@link #next}
     * would reach them: up to {@code pipelineDepth - 1}, stopping before the first binlog that is
     * not an upsert to apply (a DDL, a DUMMY, one to skip or already in the snapshot), since what
     * follows it may depend on it.
     */
    private static List<JobCommand.Upcoming> ahead(JobStep st, SyncProgress p) {
        int room = st.machine().config().pipelineDepth() - 1;
        List<DecodedBinlog> pending = st.s.pending();
        List<JobCommand.Upcoming> out = new ArrayList<>();
        for (int i = 1; i < pending.size() && out.size() < room; i++) {
            DecodedBinlog x = pending.get(i);
            if (x.type() != BinlogType.UPSERT || x.commitSeq() <= pending.get(i - 1).commitSeq()
                    || x.commitSeq() == st.s.skipCommitSeq() || alreadyInSnapshot(p, x)) {
                break;
            }
            out.add(new JobCommand.Upcoming(label(st.machine(), p, x), x));
        }
        return out;
    }

    static Transition handle(JobStep st, JobEvent e) {
        SyncProgress p = st.p();
        StepData d = st.data();
        if (e instanceof JobEvent.BinlogsFetched f) {
            List<DecodedBinlog> sorted = new ArrayList<>(f.binlogs());
            sorted.sort(Comparator.comparingLong(DecodedBinlog::commitSeq));
            st.s = st.s.withPending(sorted);
            if (sorted.isEmpty()) {
                return idle(st);
            }
            st.s = st.s.with(st.s.pacing().active());
            return next(st);
        }
        if (e instanceof JobEvent.CaughtUp) {
            st.s = st.s.healthy();
            return idle(st);
        }
        if (e instanceof JobEvent.BinlogTooOld t) {
            st.startFullSync("binlog after " + p.prevCommitSeq() + " was collected (oldest kept: "
                    + t.dummyCommitSeq() + ")");
            return FullSyncSteps.resume(st);
        }
        if (e instanceof JobEvent.TxnBegun b) {
            // not checkpointed: a restart begins again with the same label, finds this txn and rolls it
            // back (or, committed meanwhile, counts the binlog done); one progress write per upsert
            st.setInMemory(p.nextSub(SubSyncState.INGEST_BINLOG, d.withTxn(d.label(), b.txnId()).toJson(), st.now));
            return st.emit(new Ingest(b.txnId(), current(st), st.p().tableNameMapping()));
        }
        if (e instanceof JobEvent.TxnLabelExists x) {
            if (x.state().isCommitted()) {
                return applied(st);
            }
            // a txn of an earlier attempt: abort it, then fetch and begin again
            st.s = st.s.failed("txn " + x.txnId() + " of an earlier attempt is " + x.state(), AfterRollback.REFETCH);
            st.set(p.nextSub(SubSyncState.ROLLBACK_TRANSACTION, d.withTxn(d.label(), x.txnId()).toJson(), st.now));
            return st.emit(new RollbackTxn(x.txnId(), "stale txn of an earlier attempt"));
        }
        if (e instanceof JobEvent.Ingested i) {
            // not checkpointed either: a restart finds the txn by its label, committed or not
            st.setInMemory(p.nextSub(SubSyncState.COMMIT_TRANSACTION, d.withCommits(i.commits()).toJson(), st.now));
            return st.emit(new CommitTxn(d.txnId(), i.commits()));
        }
        if (e instanceof JobEvent.Applied a && a.tableNames().isPresent()) {
            Map<Long, String> names = a.tableNames().get();
            Map<Long, Long> ids = new java.util.TreeMap<>(p.tableMapping());
            ids.keySet().retainAll(names.keySet());
            st.set(p.toBuilder().tableNameMapping(names).tableMapping(ids).build());
            return applied(st);
        }
        if (e instanceof JobEvent.Committed || e instanceof JobEvent.Applied) {
            return applied(st);
        }
        if (e instanceof JobEvent.RolledBack) {
            return st.afterRollback();
        }
        if (e instanceof JobEvent.NeedsPartialSync n) {
            if (!d.equals(StepData.EMPTY) && d.txnId() >= 0) {
                return st.closeTxnThen(n.reason(), AfterRollback.FULL_SYNC); // not an answer to an upsert
            }
            st.startPartialSync(n);
            return FullSyncSteps.resume(st);
        }
        if (e instanceof JobEvent.NeedsFullSync n) {
            return st.closeTxnThen(n.reason(), AfterRollback.FULL_SYNC);
        }
        return st.tick();
    }

    private static DecodedBinlog current(JobStep st) {
        if (st.s.pending().isEmpty()) {
            throw new IllegalStateException("no binlog in flight");
        }
        return st.s.pending().get(0);
    }

    /** DB job right after a full sync: a table's binlogs up to its snapshot seq are in the copy already. */
    private static boolean alreadyInSnapshot(SyncProgress p, DecodedBinlog b) {
        if (p.syncState() != SyncState.DB_TABLES_INCREMENTAL_SYNC || b.tableIds().isEmpty()) {
            return false;
        }
        for (long t : b.tableIds()) {
            Long seq = p.tableCommitSeqMap().get(t);
            if (seq == null || b.commitSeq() > seq) {
                return false;
            }
        }
        return true;
    }

    private static SyncProgress switchToPlainIncremental(SyncProgress p, long seq) {
        if (p.syncState() != SyncState.DB_TABLES_INCREMENTAL_SYNC) {
            return p;
        }
        boolean all = p.tableCommitSeqMap().values().stream().allMatch(v -> v <= seq);
        if (!all) {
            return p;
        }
        return p.toBuilder().syncState(SyncState.DB_INCREMENTAL_SYNC).tableCommitSeqMap(Map.of()).build();
    }
}
