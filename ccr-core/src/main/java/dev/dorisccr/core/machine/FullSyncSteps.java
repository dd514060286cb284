package dev.dorisccr.core.machine;

import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.job.SyncType;
import dev.dorisccr.core.machine.JobCommand.CreateSnapshot;
import dev.dorisccr.core.machine.JobCommand.LoadTargetTables;
import dev.dorisccr.core.machine.JobCommand.PollBackup;
import dev.dorisccr.core.machine.JobCommand.PollRestore;
import dev.dorisccr.core.machine.JobCommand.RecheckAfter;
import dev.dorisccr.core.machine.JobCommand.RestoreSnapshot;
import dev.dorisccr.core.machine.JobMachine.AfterRollback;
import dev.dorisccr.core.machine.JobMachine.Transition;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Full sync: backup, restore, adopt the mapping, then incremental from the snapshot's seq. */
final class FullSyncSteps {
    private FullSyncSteps() {}

    static Transition resume(JobStep st) {
        SyncProgress p = st.p();
        StepData d = st.data();
        SubSyncState sub = p.subSyncState();
        JobMachine m = st.machine();
        if (p.fullSyncStartAt() > 0 && st.now - p.fullSyncStartAt() > m.config().fullSyncTimeout().toSeconds()) {
            st.s = st.s.failed("full sync did not finish in " + m.config().fullSyncTimeout(), AfterRollback.RETRY);
            st.startFullSync("previous full sync timed out");
            p = st.p();
            d = st.data();
            sub = p.subSyncState();
        }
        Optional<PartialSyncData> partial = p.syncState().isPartialSync() ? p.partialSyncData() : Optional.empty();
        if (p.syncState().isPartialSync() && partial.isEmpty()) {
            st.startFullSync("partial sync without its table (progress written by another version)");
            return resume(st);
        }
        if (sub.equals(SubSyncState.BEGIN_CREATE_SNAPSHOT) || (partial.isPresent() && sub.isDone())) {
            String label = sub.isDone() ? "" : d.snapshot();
            if (label.isEmpty()) {
                label = partial.isPresent()
                        ? Labels.partialSnapshot(m.spec().source().database(), partial.get().table(),
                                p.incarnation(), p.jobSyncId())
                        : Labels.fullSnapshot(m.spec().source().database(), m.spec().source().table(),
                                p.incarnation(), p.jobSyncId());
                st.set(p.nextSub(SubSyncState.BEGIN_CREATE_SNAPSHOT, StepData.EMPTY.withSnapshot(label).toJson(), st.now));
            }
            return st.emit(new CreateSnapshot(label, partial));
        }
        if (sub.equals(SubSyncState.WAIT_BACKUP_DONE)) {
            return st.emit(new PollBackup(d.snapshot()));
        }
        if (sub.equals(SubSyncState.GET_SNAPSHOT_INFO) || sub.equals(SubSyncState.RESTORE_SNAPSHOT)) {
            String restore = d.restoreLabel().isEmpty() ? Labels.restore(d.snapshot(), p.jobSyncId()) : d.restoreLabel();
            st.set(p.nextSub(SubSyncState.RESTORE_SNAPSHOT,
                    d.withRestore(restore, d.snapshotCommitSeq(), d.tableCommitSeqs()).toJson(), st.now));
            Map<String, String> aliases = p.tableAliases();
            String as = partial.map(x -> aliases.getOrDefault(x.table(), targetName(st, x))).orElse("");
            return st.emit(new RestoreSnapshot(d.snapshot(), restore, partial, as));
        }
        if (sub.equals(SubSyncState.WAIT_RESTORE_DONE)) {
            return st.emit(new PollRestore(d.restoreLabel()));
        }
        if (sub.equals(SubSyncState.PERSIST_RESTORE_INFO)) {
            return st.emit(loadTargetTables(st));
        }
        // a step this version does not know (an older or newer syncer wrote it): start over
        st.startFullSync("unknown full sync step " + sub.goName());
        return resume(st);
    }

    static Transition handle(JobStep st, JobEvent e) {
        SyncProgress p = st.p();
        StepData d = st.data();
        JobMachine m = st.machine();
        if (e instanceof JobEvent.SnapshotCreated) {
            st.set(p.nextSub(SubSyncState.WAIT_BACKUP_DONE, d.toJson(), st.now));
            return st.emit(new PollBackup(d.snapshot()));
        }
        if (e instanceof JobEvent.BackupRunning || e instanceof JobEvent.RestoreRunning) {
            // look again after a tenth of the time it has run: the wait adds at most ~10% to it
            JobMachine.Pacing pacing = st.s.pacing();
            Duration delay = m.config().statusPollDelay(pacing.waited(st.now));
            st.s = st.s.with(pacing.waiting(st.now, delay));
            return st.emit(new RecheckAfter(delay));
        }
        st.s = st.s.with(st.s.pacing().waitOver());
        if (e instanceof JobEvent.BackupDone) {
            st.set(p.nextSub(SubSyncState.GET_SNAPSHOT_INFO, d.toJson(), st.now));
            return resume(st);
        }
        if (e instanceof JobEvent.RestoreSubmitted r) {
            st.set(p.nextSub(SubSyncState.WAIT_RESTORE_DONE,
                    d.withRestore(d.restoreLabel(), r.commitSeq(), r.tableCommitSeqs()).toJson(), st.now));
            return st.emit(new PollRestore(d.restoreLabel()));
        }
        if (e instanceof JobEvent.RestoreDone) {
            st.set(p.nextSub(SubSyncState.PERSIST_RESTORE_INFO, d.toJson(), st.now));
            return st.emit(loadTargetTables(st));
        }
        if (e instanceof JobEvent.TargetTablesLoaded t && p.syncState().isPartialSync()) {
            return partialDone(st, t);
        }
        if (e instanceof JobEvent.TargetTablesLoaded t) {
            boolean db = m.spec().syncType() == SyncType.DB_SYNC;
            long seq = d.snapshotCommitSeq();
            Map<Long, Long> seqs = db ? d.tableCommitSeqs() : Map.of();
            SyncState next = !db ? SyncState.TABLE_INCREMENTAL_SYNC
                    : seqs.isEmpty() ? SyncState.DB_INCREMENTAL_SYNC : SyncState.DB_TABLES_INCREMENTAL_SYNC;
            st.set(p.toBuilder().tableMapping(t.tableMapping()).tableNameMapping(t.tableNames())
                    .tableCommitSeqMap(seqs).build()
                    .next(seq, next, SubSyncState.DONE, "", st.now));
            st.s = st.s.healthy();
            return IncrementalSteps.next(st);
        }
        return st.tick();
    }

    /** The target name of the table a partial sync copies. */
    private static String targetName(JobStep st, PartialSyncData x) {
        JobSpec spec = st.machine().spec();
        return spec.source().isTable() ? spec.target().table() : st.p().tableNameMapping().getOrDefault(x.tableId(), x.table());
    }

    private static LoadTargetTables loadTargetTables(JobStep st) {
        SyncProgress p = st.p();
        if (!p.syncState().isPartialSync() || p.partialSyncData().isEmpty()) {
            return new LoadTargetTables();
        }
        PartialSyncData x = p.partialSyncData().get();
        String alias = p.tableAliases().getOrDefault(x.table(), "");
        return alias.isEmpty() ? new LoadTargetTables() : new LoadTargetTables(alias, targetName(st, x));
    }

    /**
     * The copied table is in place. The binlog that asked for the copy is consumed; the table's
     * binlogs up to the snapshot are in the copy (a db job filters them by the table's seq, a
     * table job starts after it), every other table goes on from where it was.
     */
    private static Transition partialDone(JobStep st, JobEvent.TargetTablesLoaded t) {
        SyncProgress p = st.p();
        StepData d = st.data();
        PartialSyncData x = p.partialSyncData().orElseThrow();
        long tableSeq = d.tableCommitSeqs().getOrDefault(x.tableId(), d.snapshotCommitSeq());
        SyncProgress.Builder b = p.toBuilder().partialSyncData(Optional.empty()).tableAliases(Map.of());
        SyncProgress next;
        if (st.machine().spec().syncType() == SyncType.DB_SYNC) {
            Map<Long, Long> seqs = new TreeMap<>(p.tableCommitSeqMap());
            if (tableSeq > p.commitSeq()) {
                seqs.put(x.tableId(), tableSeq);
            }
            Map<Long, Long> mapping = new TreeMap<>(p.tableMapping());
            Long destId = t.tableMapping().get(x.tableId());
            if (destId == null) {
                mapping.remove(x.tableId());
            } else {
                mapping.put(x.tableId(), destId);
            }
            Map<Long, String> names = new TreeMap<>(p.tableNameMapping());
            names.put(x.tableId(), targetName(st, x));
            SyncState state = seqs.isEmpty() ? SyncState.DB_INCREMENTAL_SYNC : SyncState.DB_TABLES_INCREMENTAL_SYNC;
            next = b.tableCommitSeqMap(seqs).tableMapping(mapping).tableNameMapping(names).build()
                    .next(p.commitSeq(), state, SubSyncState.DONE, "", st.now);
        } else {
            next = b.tableMapping(t.tableMapping()).tableCommitSeqMap(Map.of()).build()
                    .next(Math.max(tableSeq, p.commitSeq()), SyncState.TABLE_INCREMENTAL_SYNC, SubSyncState.DONE, "",
                            st.now);
        }
        st.set(next);
        st.s = st.s.healthy();
        return IncrementalSteps.next(st);
    }
}
