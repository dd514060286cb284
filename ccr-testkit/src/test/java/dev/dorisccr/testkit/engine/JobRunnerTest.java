package dev.dorisccr.testkit.engine;

import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.testkit.time.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ClusterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimulatedWorld world = new SimulatedWorld(7, 0);
    private final List<SyncProgress> saved = new ArrayList<>();
    private final List<JobCommand> executed = new ArrayList<>();
    private RuntimeException storeFailure;

    /** What the runner told the executor to let go of: true for a pause, false for a halt. */
    private final List<Boolean> released = new ArrayList<>();
    /** Called before each command is carried out (the operator acting while a step runs). */
    private java.util.function.Consumer<JobCommand> duringStep = c -> { };

    private JobRunner runner() {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        JobMachine machine = new JobMachine(spec, JobMachine.Config.DEFAULTS);
        return new JobRunner("j", machine, SyncProgress.initial("j", spec.syncType(), 0, 1),
                new CommandExecutor() {
                    @Override
                    public JobEvent execute(JobCommand cmd) {
                        executed.add(cmd);
                        duringStep.accept(cmd);
                        return world.execute(cmd);
                    }

                    @Override
                    public void release(boolean fromCheckpoint) {
                        released.add(fromCheckpoint);
                    }
                },
                (p, status) -> {
                    if (storeFailure != null) {
                        throw storeFailure;
                    }
                    saved.add(p);
                },
                scheduler, scheduler);
    }

    private long appliedSeq() {
        return saved.isEmpty() ? -1 : saved.get(saved.size() - 1).prevCommitSeq();
    }

    @Test
    void runsAJobToCaughtUpOnTheScheduler() {
        for (int i = 0; i < 3; i++) {
            world.append(0);
        }
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);
        world.append(9);
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(appliedSeq()).isEqualTo(world.lastSeq());
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
        assertThat(r.state().progress().syncState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        assertThat(scheduler.pending()).as("one re-check queued while idle").isEqualTo(1);
    }

    @Test
    void pauseStopsBetweenStepsAndStartResumes() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        r.pause();
        world.append(0);
        int before = executed.size();

        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(executed).hasSize(before);
        assertThat(r.isRunning()).isFalse();

        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(appliedSeq()).isEqualTo(world.lastSeq());
    }

    @Test
    void lostLeaseStopsTheJobBeforeItsNextCommand() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        storeFailure = new CcrException(ErrorCode.LEASE_LOST, "token 3 < 4");
        world.append(0);
        scheduler.runFor(Duration.ofSeconds(10));
        int after = executed.size();

        scheduler.runFor(Duration.ofMinutes(10));

        assertThat(r.isRunning()).isFalse();
        assertThat(executed).hasSize(after);
        assertThat(executed.get(after - 1)).isInstanceOf(JobCommand.FetchBinlogs.class);
        assertThat(world.txns).isEmpty();
    }

    @Test
    void unavailableStoreIsRetriedFromTheLastCheckpoint() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        storeFailure = new CcrException(ErrorCode.STORE_UNAVAILABLE, "connection refused");
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(2));
        assertThat(appliedSeq()).isLessThan(world.lastSeq());

        storeFailure = null;
        scheduler.runFor(Duration.ofMinutes(2));

        assertThat(appliedSeq()).isEqualTo(world.lastSeq());
        assertThat(world.duplicates).isEmpty();
        assertThat(r.isRunning()).isTrue();
    }

    @Test
    void forceFullSyncRequestCopiesAgain() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(world.fullSyncs).isEqualTo(1);

        r.forceFullSync();
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(world.fullSyncs).isEqualTo(2);
        assertThat(r.state().progress().fullSyncReason()).isEqualTo("operator asked for a full sync");
    }

    @Test
    void aPauseDuringAStepReleasesOnceTheTurnEndsAndNeverDuringTheStep() {
        JobRunner[] r = {null};
        duringStep = cmd -> {
            if (cmd instanceof JobCommand.BeginTxn) {
                r[0].pause(); // the operator pauses while the begin runs
                assertThat(released).as("never while a step runs").isEmpty();
            }
        };
        r[0] = runner();
        r[0].start();
        scheduler.runFor(Duration.ofMinutes(1)); // the first copy
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(executed).anyMatch(c -> c instanceof JobCommand.BeginTxn);
        assertThat(r[0].isRunning()).isFalse();
        assertThat(released).as("once, for a pause: the txn in flight may go too").containsExactly(true);
        int steps = executed.size();

        duringStep = cmd -> { };
        r[0].start();
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(executed.size()).isGreaterThan(steps);
        assertThat(appliedSeq()).isEqualTo(world.lastSeq());
        assertThat(world.duplicates).isEmpty();
        assertThat(released).hasSize(1);
    }

    @Test
    void aPauseBetweenTurnsReleasesOnTheSchedulerAndAStopClosesInstead() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        r.pause();
        assertThat(released).as("not on the caller's thread").isEmpty();
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(released).containsExactly(true);

        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        r.stop(); // closing the executor lets go of everything: no release
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(released).containsExactly(true);
    }

    @Test
    void aPauseAndAResumeBeforeTheReleaseRanLeaveTheJobRunning() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        r.pause();
        r.start(); // resumed before the scheduler got to the release
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(released).as("a running job keeps what it began ahead").isEmpty();
        assertThat(appliedSeq()).isEqualTo(world.lastSeq());
    }
}
