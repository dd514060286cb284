package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.UpsertRecord;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.PlanStep;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.TabletCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plans what a job would do with its next binlogs by running its own {@link JobMachine} from its
 * committed position against a planning executor: binlogs are really fetched from the source, the
 * machine decides exactly as it does when it runs (which binlogs are skipped, which are loaded,
 * replayed, or lead to a copy), and the executor answers each target command as if it had
 * succeeded without running it (a DDL replay is rewritten for real and its statements recorded).
 * Nothing is written to the target or to the job's progress.
 *
 * <p>Each binlog is planned against the target as it is now: a plan of several DDLs shows each one
 * as it would be rewritten today, before the earlier ones have run.
 */
public final class DryRun {
    /** Most binlogs one plan covers. */
    public static final int MAX_BINLOGS = 1000;

    private final JobMachine machine;
    private final CommandExecutor planner;
    private final Supplier<List<String>> statements;

    /**
     * @param planner answers FetchBinlogs from the source and every target command as a success,
     *     without writing anything
     * @param statements the target statements the planner recorded since the last call (and forgets them)
     */
    public DryRun(JobMachine machine, CommandExecutor planner, Supplier<List<String>> statements) {
        this.machine = requireNonNull(machine, "machine is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.statements = requireNonNull(statements, "statements is null");
    }

    /** Plans up to {@code count} binlogs after {@code from}'s committed position. */
    public ReplayPlan plan(String job, SyncProgress from, int count, long nowSeconds) {
        if (count < 1 || count > MAX_BINLOGS) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_BINLOGS + ", not " + count);
        }
        JobMachine.State state = JobMachine.State.resume(from);
        if (from.syncState().isFullSync() || from.syncState().isPartialSync()) {
            return new ReplayPlan(job, from.prevCommitSeq(), List.of(), "the job is copying the source ("
                    + from.syncState().goName() + "): binlogs are planned once the copy is done");
        }
        Map<Long, DecodedBinlog> fetched = new LinkedHashMap<>();
        Map<Long, PlanStep> steps = new LinkedHashMap<>();
        JobEvent event = new JobEvent.Tick();
        String end = count + " binlog(s) planned";
        // every binlog takes a handful of transitions; the bound only stops a defect from looping
        for (int i = 0; i < 20 * count + 20; i++) {
            JobMachine.Transition t = machine.on(state, event, nowSeconds);
            JobCommand c = t.command();
            noteSkipped(fetched, steps, t.state().progress().prevCommitSeq());
            if (steps.size() >= count && !(c instanceof JobCommand.Ingest)) {
                break; // (the last load's ingest is still planned: it counts its tablets)
            }
            state = t.state();
            if (c instanceof JobCommand.FetchBinlogs) {
                event = planner.execute(c);
                if (event instanceof JobEvent.BinlogsFetched b) {
                    b.binlogs().forEach(x -> fetched.putIfAbsent(x.commitSeq(), x));
                }
                continue;
            }
            if (c instanceof JobCommand.RecheckAfter) {
                end = event instanceof JobEvent.StepFailed f ? "a step would fail: " + f.code() + ": " + f.message()
                        : "caught up";
                break;
            }
            if (c instanceof JobCommand.Halt h) {
                end = "the job would stop: " + h.reason();
                break;
            }
            if (c instanceof JobCommand.CreateSnapshot s) {
                String why = state.fullSyncReason().isEmpty() ? "" : " (" + state.fullSyncReason() + ")";
                long seq = nextSeq(fetched, steps, t.state().progress());
                DecodedBinlog b = fetched.get(seq);
                String type = b == null ? "" : b.type().name();
                if (s.partial().isPresent()) {
                    PartialSyncData p = s.partial().get();
                    steps.put(seq, new PlanStep(seq, type, "PARTIAL_SYNC", "copy table " + p.table()
                            + (p.partitions().isEmpty() ? "" : " partitions " + p.partitions()) + why, List.of()));
                    end = "a partial sync comes next";
                } else {
                    steps.put(seq, new PlanStep(seq, type, "FULL_SYNC", "copy the whole job" + why, List.of()));
                    end = "a full sync comes next";
                }
                break;
            }
            statements.get();
            event = planner.execute(c);
            if (c instanceof JobCommand.BeginTxn b) {
                steps.put(b.binlog().commitSeq(), new PlanStep(b.binlog().commitSeq(), "UPSERT", "LOAD",
                        load(b.binlog(), b.tableNames(), b.label()), List.of()));
            } else if (c instanceof JobCommand.Ingest ing && event instanceof JobEvent.Ingested in) {
                PlanStep load = steps.get(ing.binlog().commitSeq());
                if (load != null && load.action().equals("LOAD")) {
                    long backends = in.commits().stream().mapToLong(TabletCommit::backendId).distinct().count();
                    String tablets = in.commits().isEmpty()
                            ? "; no tablet ingest counted (none to make, or the target lacks the partitions yet)"
                            : "; " + in.commits().size() + " tablet ingest(s) on " + backends + " target BE(s)";
                    steps.put(load.commitSeq(), new PlanStep(load.commitSeq(), load.type(), load.action(),
                            load.detail() + tablets, load.statements()));
                }
            } else if (c instanceof JobCommand.ApplyBinlog a) {
                List<String> sql = statements.get();
                String type = a.binlog().type().name();
                if (event instanceof JobEvent.StepFailed f) {
                    steps.put(a.binlog().commitSeq(), new PlanStep(a.binlog().commitSeq(), type, "HALT",
                            "would fail: " + f.code() + ": " + f.message(), sql));
                } else if (!(event instanceof JobEvent.NeedsFullSync || event instanceof JobEvent.NeedsPartialSync)) {
                    steps.put(a.binlog().commitSeq(), new PlanStep(a.binlog().commitSeq(), type,
                            sql.isEmpty() ? "SKIP" : "REPLAY", sql.isEmpty() ? "nothing to run on the target" : "", sql));
                }
            }
        }
        List<PlanStep> out = new ArrayList<>(steps.values());
        return new ReplayPlan(job, from.prevCommitSeq(), out.subList(0, Math.min(count, out.size())), end);
    }

    /** Binlogs fetched that the job went past without a command: skipped by the job's own rules. */
    private static void noteSkipped(Map<Long, DecodedBinlog> fetched, Map<Long, PlanStep> steps, long committed) {
        for (DecodedBinlog b : fetched.values()) {
            if (b.commitSeq() <= committed && !steps.containsKey(b.commitSeq())) {
                steps.put(b.commitSeq(), new PlanStep(b.commitSeq(), b.type().name(), "SKIP",
                        "not for this job's tables, already in the target's copy, or marked to skip", List.of()));
            }
        }
    }

    private static long nextSeq(Map<Long, DecodedBinlog> fetched, Map<Long, PlanStep> steps, SyncProgress p) {
        for (long seq : fetched.keySet()) {
            if (!steps.containsKey(seq)) {
                return seq;
            }
        }
        return Math.max(p.commitSeq(), p.prevCommitSeq());
    }

    private String load(DecodedBinlog raw, Map<Long, String> names, String label) {
        if (!(raw.record().orElse(null) instanceof UpsertRecord u)) {
            return "load (label " + label + ")";
        }
        List<String> parts = new ArrayList<>();
        u.tableRecords().forEach((id, t) -> parts.add(names.getOrDefault(id, "table " + id) + ": "
                + t.partitionRecords().size() + " partition(s)"));
        return "load into " + String.join(", ", parts) + " (label " + label + ")";
    }
}
