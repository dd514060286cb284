package dev.dorisccr.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.Checkpointer;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * The apply journal as the runner derives it: one entry per binlog the progress moves past, with
 * the outcome, written in the same save as that progress.
 */
class JobJournalTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private SimulatedWorld world = new SimulatedWorld(7, 0);
    /** Every save: the progress and the entries written with it, in order. */
    private final List<Save> saves = new ArrayList<>();
    private final Map<Long, ErrorCode> failApply = new HashMap<>();
    private LongPredicate crashAt = seq -> false;

    private record Save(SyncProgress progress, List<JournalEntry> entries) {}

    private JobRunner runner(SyncProgress from) {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        JobMachine machine = new JobMachine(spec, JobMachine.Config.DEFAULTS);
        CommandExecutor executor = cmd -> {
            if (cmd instanceof JobCommand.ApplyBinlog a && failApply.containsKey(a.binlog().commitSeq())) {
                return new JobEvent.StepFailed(failApply.get(a.binlog().commitSeq()), "injected");
            }
            return world.execute(cmd);
        };
        Checkpointer checkpointer = new Checkpointer() {
            @Override
            public void save(SyncProgress p, ObservedStatus status) {
                save(p, status, List.of());
            }

            @Override
            public void save(SyncProgress p, ObservedStatus status, List<JournalEntry> journal) {
                if (crashAt.test(p.prevCommitSeq())) {
                    throw new CcrException(ErrorCode.LEASE_LOST, "crash at this checkpoint");
                }
                saves.add(new Save(p, List.copyOf(journal)));
            }
        };
        return new JobRunner("j", machine, from, executor, checkpointer, scheduler, scheduler);
    }

    private JobRunner runner() {
        return runner(SyncProgress.initial("j", dev.dorisccr.core.job.SyncType.TABLE_SYNC, 0, 1));
    }

    private List<JournalEntry> journal() {
        return saves.stream().flatMap(s -> s.entries().stream()).toList();
    }

    private SyncProgress stored() {
        return saves.get(saves.size() - 1).progress();
    }

    @Test
    void aFullSyncThenEveryBinlogHasItsEntryWithLabelAndTxn() {
        world.append(0);
        world.append(0);
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);
        world.append(9);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));

        List<JournalEntry> j = journal();
        assertThat(j).extracting(JournalEntry::outcome).containsExactly(JournalOutcome.FULL_SYNC,
                JournalOutcome.APPLIED, JournalOutcome.APPLIED, JournalOutcome.APPLIED);
        assertThat(j).extracting(JournalEntry::commitSeq).containsExactly(11L, 12L, 13L, 14L);
        assertThat(j.get(0).detail()).contains("new job").contains("resumed after binlog 11");
        assertThat(j.get(0).label()).isNotEmpty();
        assertThat(j).extracting(JournalEntry::binlogType).containsExactly("", "UPSERT", "MODIFY_TABLE_PROPERTY",
                "UPSERT");
        JournalEntry upsert = j.get(1);
        assertThat(upsert.label()).contains("j").endsWith("12");
        assertThat(upsert.txnId()).isEqualTo(world.labels.get(upsert.label()));
        assertThat(upsert.tables()).containsExactly("t");
        assertThat(j.get(2).txnId()).isEqualTo(-1);
        assertThat(j).allSatisfy(e -> assertThat(e.jobName()).isEqualTo("j"));
        assertEntriesBackedByTheirSave();
    }

    @Test
    void aFailedBinlogIsJournaledOnceThenItsSkipByTheOperator() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(9);
        world.append(0);
        failApply.put(10L, ErrorCode.DORIS_ANALYSIS_ERROR);
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(r.status().state()).isEqualTo(ObservedState.FAILED);
        List<JournalEntry> failed = journal().stream().filter(e -> e.outcome() == JournalOutcome.FAILED).toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).commitSeq()).isEqualTo(10);
        assertThat(failed.get(0).errorCode()).isEqualTo("DORIS_ANALYSIS_ERROR");
        assertThat(failed.get(0).detail()).contains("ApplyBinlog failed: injected").contains("the job stopped");

        r.skipBinlog(10);
        scheduler.runFor(Duration.ofMinutes(1));
        List<JournalEntry> after = journal().stream().filter(e -> e.commitSeq() >= 10).toList();
        assertThat(after).extracting(JournalEntry::outcome).containsExactly(JournalOutcome.FAILED,
                JournalOutcome.SKIPPED, JournalOutcome.APPLIED);
        assertThat(after.get(1).detail()).startsWith("skipped by the operator after it failed: DORIS_ANALYSIS_ERROR");
        assertThat(after.get(1).errorCode()).isEqualTo("DORIS_ANALYSIS_ERROR");
        assertEntriesBackedByTheirSave();
    }

    @Test
    void aBinlogSkippedBeforeItIsFetchedIsJournaledAsSkipped() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        r.skipBinlog(11);
        world.append(0);
        world.append(0);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));
        List<JournalEntry> j = journal().stream().filter(e -> e.commitSeq() >= 10).toList();
        assertThat(j).extracting(JournalEntry::outcome).containsExactly(JournalOutcome.APPLIED, JournalOutcome.SKIPPED,
                JournalOutcome.APPLIED);
        assertThat(j.get(1).detail()).isEqualTo("skipped by the operator");
        assertThat(world.targetContent).doesNotContain(11L);
    }

    /**
     * Faults on every command and crashes at random checkpoints: no binlog gets two entries, every
     * binlog after the copy gets one, and no save carries an entry beyond its own progress.
     */
    @Test
    void faultsAndCrashesNeverDuplicateOrOutrunTheProgress() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        world = new SimulatedWorld(seed, 0.15);
        crashAt = seq -> rnd.nextInt(8) == 0;
        JobRunner r = runner();
        r.start();
        for (int round = 0; round < 30; round++) {
            for (int i = rnd.nextInt(4); i > 0; i--) {
                world.append(rnd.nextInt(3) == 0 ? 9 : 0);
            }
            scheduler.runFor(Duration.ofMinutes(2));
            if (!r.isRunning()) { // crashed at a checkpoint: a new runner from the stored progress
                r = runner(saves.isEmpty() ? SyncProgress.initial("j", dev.dorisccr.core.job.SyncType.TABLE_SYNC, 0, 1)
                        : stored());
                r.start();
            }
        }
        crashAt = seq -> false;
        scheduler.runFor(Duration.ofMinutes(10));
        if (!r.isRunning()) {
            r = runner(stored());
            r.start();
            scheduler.runFor(Duration.ofMinutes(10));
        }
        String why = "seed " + seed;
        assertThat(stored().prevCommitSeq()).as(why).isEqualTo(world.lastSeq());
        assertEntriesBackedByTheirSave();
        long lastCopy = journal().stream().filter(e -> e.outcome() == JournalOutcome.FULL_SYNC)
                .mapToLong(JournalEntry::commitSeq).max().orElseThrow();
        List<Long> perBinlog = journal().stream()
                .filter(e -> e.outcome() == JournalOutcome.APPLIED || e.outcome() == JournalOutcome.SKIPPED)
                .map(JournalEntry::commitSeq).toList();
        assertThat(perBinlog).as(why).doesNotHaveDuplicates();
        List<Long> expected = world.source.stream().map(b -> b.commitSeq()).filter(s -> s > lastCopy).toList();
        assertThat(perBinlog.stream().filter(s -> s > lastCopy).toList()).as(why).containsExactlyElementsOf(expected);
        assertThat(world.duplicates).as(why).isEmpty();
    }

    /** Every entry of a binlog lies between the progress stored before its save and the one it saved. */
    private void assertEntriesBackedByTheirSave() {
        long before = 0;
        for (Save s : saves) {
            for (JournalEntry e : s.entries()) {
                String why = "entry " + e + " saved with progress at " + s.progress().prevCommitSeq();
                if (e.outcome() == JournalOutcome.APPLIED || e.outcome() == JournalOutcome.SKIPPED) {
                    assertThat(e.commitSeq()).as(why).isGreaterThan(before)
                            .isLessThanOrEqualTo(s.progress().prevCommitSeq());
                } else if (e.outcome() == JournalOutcome.FULL_SYNC) { // where the copy resumed: this very save
                    assertThat(e.commitSeq()).as(why).isEqualTo(s.progress().prevCommitSeq());
                }
            }
            before = s.progress().prevCommitSeq();
        }
    }
}
