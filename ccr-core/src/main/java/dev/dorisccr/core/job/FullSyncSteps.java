package dev.dorisccr.core.job;

import dev.dorisccr.core.job.JobCommand.CreateSnapshot;
import dev.dorisccr.core.job.JobCommand.LoadTargetTables;
import dev.dorisccr.core.job.JobCommand.PollBackup;
import dev.dorisccr.core.job.JobCommand.PollRestore;
import dev.dorisccr.core.job.JobCommand.RecheckAfter;
import dev.dorisccr.core.job.JobCommand.RestoreSnapshot;
import dev.dorisccr.core.job.JobMachine.AfterRollback;
import dev.dorisccr.core.job.JobMachine.Transition;
import java.util.Map;

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
        if (sub.equals(SubSyncState.BEGIN_CREATE_SNAPSHOT)) {
            String label = d.snapshot();
            if (label.isEmpty()) {
                label = Labels.fullSnapshot(m.spec().source().database(), m.spec().source().table(), p.jobSyncId());
                st.set(p.nextSub(SubSyncState.BEGIN_CREATE_SNAPSHOT, StepData.EMPTY.withSnapshot(label).toJson(), st.now));
            }
            return st.emit(new CreateSnapshot(label));
        }
        if (sub.equals(SubSyncState.WAIT_BACKUP_DONE)) {
            return st.emit(new PollBackup(d.snapshot()));
        }
        if (sub.equals(SubSyncState.GET_SNAPSHOT_INFO) || sub.equals(SubSyncState.RESTORE_SNAPSHOT)) {
            String restore = d.restoreLabel().isEmpty() ? Labels.restore(d.snapshot(), p.jobSyncId()) : d.restoreLabel();
            st.set(p.nextSub(SubSyncState.RESTORE_SNAPSHOT,
                    d.withRestore(restore, d.snapshotCommitSeq(), d.tableCommitSeqs()).toJson(), st.now));
            return st.emit(new RestoreSnapshot(d.snapshot(), restore));
        }
        if (sub.equals(SubSyncState.WAIT_RESTORE_DONE)) {
            return st.emit(new PollRestore(d.restoreLabel()));
        }
        if (sub.equals(SubSyncState.PERSIST_RESTORE_INFO)) {
            return st.emit(new LoadTargetTables());
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
            return st.emit(new RecheckAfter(m.config().pollInterval()));
        }
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
            return st.emit(new LoadTargetTables());
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
}
