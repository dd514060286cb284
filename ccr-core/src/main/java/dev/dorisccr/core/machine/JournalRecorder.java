package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.BinlogType;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Derives a job's apply journal from its transitions, for the store write that follows each one:
 * the entries describe exactly what the progress being written accounts for beyond the progress
 * stored before it, so they can go into the same store transaction and the journal never claims
 * more than the progress.
 *
 * <ul>
 *   <li>every binlog whose commit seq the written {@code prevCommitSeq} moves past gets one entry:
 *       {@code APPLIED} when it was the binlog in flight and the step's answer says it is on the
 *       target; {@code SKIPPED} when it was skipped after a failure (skip_error or the operator's
 *       skip), or passed over by the job's own rules (the operator's skip, already in the target's
 *       copy);
 *   <li>a finished partial sync gives one {@code PARTIAL_SYNC} entry at the binlog that led to it,
 *       a finished full sync one {@code FULL_SYNC} entry at the seq the job resumes after;
 *   <li>a failed step gives one {@code FAILED} entry for the first failure of a streak and for the
 *       one that stops the job (a failed fetch is not a binlog's failure and gives none).
 * </ul>
 *
 * <p>The only state kept is when the binlog in flight started (for durations) and the binlog a
 * partial sync copies for (for its type and tables); after a restart they are unknown and the
 * entries say 0 ms and no type. One recorder per runner; not thread-safe (the runner calls it
 * under its lock).
 */
final class JournalRecorder {
    private final String job;
    private long inFlightSeq = -1;
    private long inFlightStartMs;
    private RawBinlog partialFor;
    /** The binlog whose step failed last, and the failure ("CODE: message"), for a skip that follows. */
    private long failedSeq = -1;
    private String failure = "";

    JournalRecorder(String job) {
        this.job = requireNonNull(job, "job is null");
    }

    /**
     * The entries for the store write after transition {@code t}.
     *
     * @param stored the progress the store holds now
     * @param written the progress this write stores ({@code stored} for a status-only write)
     * @param before the machine's state the event was applied to
     * @param event the event
     * @param last the command whose answer {@code event} is (null when none)
     * @param t the transition
     * @param status the observed status this write stores
     * @param nowMs the engine's clock
     */
    List<JournalEntry> entries(SyncProgress stored, SyncProgress written, JobMachine.State before, JobEvent event,
            JobCommand last, JobMachine.Transition t, ObservedStatus status, long nowMs) {
        List<JournalEntry> out = new ArrayList<>();
        Instant at = Instant.ofEpochMilli(nowMs);
        // only the binlogs this write can account for (or a starting partial sync copies for): the
        // queue may hold a whole batch, and most writes move past one binlog or none
        long after = stored.prevCommitSeq();
        long upTo = written.prevCommitSeq();
        long partialAt = written.syncState().isPartialSync() ? written.commitSeq() : Long.MIN_VALUE;
        Map<Long, RawBinlog> known = new TreeMap<>();
        List<DecodedBinlog> seen = event instanceof JobEvent.BinlogsFetched f ? f.binlogs() : List.of();
        for (List<DecodedBinlog> list : List.of(before.pending(), seen)) {
            for (DecodedBinlog b : list) {
                long seq = b.commitSeq();
                if ((seq > after && seq <= upTo) || seq == partialAt) {
                    known.putIfAbsent(seq, b.raw());
                }
            }
        }
        SyncProgress from = before.progress();
        boolean copyDone = (stored.syncState().isFullSync() || stored.syncState().isPartialSync())
                && written.syncState().isIncremental();
        if (copyDone) {
            out.add(copyEntry(stored, written, nowMs, at));
        } else {
            long inFlight = from.commitSeq() > from.prevCommitSeq() ? from.commitSeq() : -1;
            for (RawBinlog b : known.values()) {
                long seq = b.commitSeq();
                if (seq <= stored.prevCommitSeq() || seq > written.prevCommitSeq()) {
                    continue;
                }
                out.add(seq == inFlight ? inFlightEntry(b, before, event, t, nowMs, at) : passedOver(b, before, at));
            }
        }
        failure(before, event, last, t, status, at)
                .filter(e -> out.stream().noneMatch(x -> x.commitSeq() == e.commitSeq()))
                .ifPresent(out::add); // a failed binlog skipped at once has its SKIPPED entry (with the error)
        note(written, known, t, nowMs);
        return out;
    }

    private JournalEntry inFlightEntry(RawBinlog b, JobMachine.State before, JobEvent event,
            JobMachine.Transition t, long nowMs, Instant at) {
        SyncProgress from = before.progress();
        StepData d = stepData(from);
        long took = b.commitSeq() == inFlightSeq ? Math.max(0, nowMs - inFlightStartMs) : 0;
        String label = d.label();
        long txnId = d.txnId();
        if (event instanceof JobEvent.StepFailed || event instanceof JobEvent.RolledBack) {
            String error = t.state().lastError().or(before::lastError).orElse("failed");
            boolean byOperator = before.skipCommitSeq() == b.commitSeq();
            String why = (byOperator ? "skipped by the operator after it failed: " : "skipped after it failed (skip_error): ")
                    + error;
            return entry(b, before, JournalOutcome.SKIPPED, why, took, label, txnId, codeOf(event, error), at);
        }
        String detail = "";
        if (event instanceof JobEvent.TxnLabelExists x) {
            detail = "committed by an earlier attempt (txn " + x.txnId() + " " + x.state() + ")";
            txnId = x.txnId();
        }
        return entry(b, before, JournalOutcome.APPLIED, detail, took, label, txnId, "", at);
    }

    private JournalEntry passedOver(RawBinlog b, JobMachine.State before, Instant at) {
        if (before.skipCommitSeq() == b.commitSeq()) {
            if (failedSeq == b.commitSeq()) {
                return entry(b, before, JournalOutcome.SKIPPED, "skipped by the operator after it failed: " + failure, 0,
                        "", -1, codeOf(null, failure), at);
            }
            return entry(b, before, JournalOutcome.SKIPPED, "skipped by the operator", 0, "", -1, "", at);
        }
        return entry(b, before, JournalOutcome.SKIPPED,
                "already in the target's copy (the snapshot of the last full sync holds it)", 0, "", -1, "", at);
    }

    private JournalEntry copyEntry(SyncProgress stored, SyncProgress written, long nowMs, Instant at) {
        long took = stored.fullSyncStartAt() > 0 ? Math.max(0, nowMs - stored.fullSyncStartAt() * 1000) : 0;
        String snapshot = stepData(stored).snapshot();
        if (stored.syncState().isPartialSync()) {
            Optional<PartialSyncData> p = stored.partialSyncData();
            String what = p.map(x -> "copied table " + x.table()
                    + (x.partitions().isEmpty() ? "" : " partitions " + x.partitions())).orElse("copied a table");
            RawBinlog b = partialFor != null && partialFor.commitSeq() == stored.commitSeq() ? partialFor : null;
            List<String> tables = b != null ? names(b, stored) : p.map(x -> List.of(x.table())).orElse(List.of());
            String type = b == null ? "" : BinlogType.fromCode(b.typeCode()).name();
            return new JournalEntry(job, stored.commitSeq(), type, tables, JournalOutcome.PARTIAL_SYNC,
                    what + "; resumed after binlog " + written.prevCommitSeq(), took, snapshot, -1, "", at);
        }
        String reason = stored.fullSyncReason().isEmpty() ? "" : " (" + stored.fullSyncReason() + ")";
        return new JournalEntry(job, written.prevCommitSeq(), "", List.of(), JournalOutcome.FULL_SYNC,
                "copied the whole job" + reason + "; resumed after binlog " + written.prevCommitSeq(), took, snapshot,
                -1, "", at);
    }

    private Optional<JournalEntry> failure(JobMachine.State before, JobEvent event, JobCommand last,
            JobMachine.Transition t, ObservedStatus status, Instant at) {
        if (!(event instanceof JobEvent.StepFailed f) || last instanceof JobCommand.FetchBinlogs) {
            return Optional.empty();
        }
        boolean halted = t.command() instanceof JobCommand.Halt;
        SyncProgress from = before.progress();
        long seq = from.commitSeq() > from.prevCommitSeq() ? from.commitSeq() : from.prevCommitSeq();
        failedSeq = seq;
        failure = f.code() + ": " + f.message();
        boolean first = status.error().map(e -> e.count() == 1).orElse(true);
        if (!halted && !first) {
            return Optional.empty();
        }
        RawBinlog b = before.pending().isEmpty() || before.pending().get(0).commitSeq() != seq ? null
                : before.pending().get(0).raw();
        String step = last == null ? "resume" : last.getClass().getSimpleName();
        String detail = step + " failed: " + f.message() + (halted ? "; the job stopped (resume, skip the binlog or"
                + " force a full sync)" : "; retried by itself");
        StepData d = stepData(from);
        return Optional.of(new JournalEntry(job, seq, b == null ? "" : BinlogType.fromCode(b.typeCode()).name(),
                b == null ? List.of() : names(b, from), JournalOutcome.FAILED, detail, 0, d.label(), d.txnId(),
                f.code().name(), at));
    }

    /** Remembers when the binlog in flight started, and what a starting partial sync copies for. */
    private void note(SyncProgress written, Map<Long, RawBinlog> known, JobMachine.Transition t, long nowMs) {
        JobCommand c = t.command();
        long seq = c instanceof JobCommand.BeginTxn b ? b.binlog().commitSeq()
                : c instanceof JobCommand.ApplyBinlog a ? a.binlog().commitSeq() : -1;
        if (seq >= 0 && seq != inFlightSeq) {
            inFlightSeq = seq;
            inFlightStartMs = nowMs;
        }
        if (written.syncState().isPartialSync() && known.containsKey(written.commitSeq())) {
            partialFor = known.get(written.commitSeq());
        }
    }

    private JournalEntry entry(RawBinlog b, JobMachine.State before, JournalOutcome outcome, String detail, long took,
            String label, long txnId, String code, Instant at) {
        return new JournalEntry(job, b.commitSeq(), BinlogType.fromCode(b.typeCode()).name(), names(b, before.progress()),
                outcome, detail, took, label, txnId, code, at);
    }

    private static List<String> names(RawBinlog b, SyncProgress p) {
        List<String> out = new ArrayList<>();
        for (long id : b.tableIds()) {
            String n = p.tableNameMapping().get(id);
            out.add(n != null ? n : "table id " + id);
        }
        return out;
    }

    private static StepData stepData(SyncProgress p) {
        try {
            return StepData.parse(p.data());
        } catch (RuntimeException e) {
            return StepData.EMPTY; // the journal never stops a job: an unreadable payload gives no label
        }
    }

    private static String codeOf(JobEvent event, String error) {
        if (event instanceof JobEvent.StepFailed f) {
            return f.code().name();
        }
        int colon = error.indexOf(':');
        String head = colon < 0 ? error : error.substring(0, colon);
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(head)) {
                return head;
            }
        }
        return "";
    }
}
