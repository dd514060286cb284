package dev.dorisccr.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link JobRunner#drain()}: the stop at a checkpoint boundary that an engine's close waits for. */
class JobRunnerDrainTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimulatedWorld world = new SimulatedWorld(7, 0);
    private final List<SyncProgress> saved = new ArrayList<>();
    private final List<JobCommand> executed = new ArrayList<>();
    private JobRunner runner;
    private CompletableFuture<Void> drain;
    private boolean drainDoneInsideTheStep;
    private int savedAtDrain;
    /** Take the drain back inside the step too (a hand-over that gave up waiting). */
    private boolean takeBack;
    private boolean takenBack;

    private JobRunner runner() {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        return new JobRunner("j", new JobMachine(spec, JobMachine.Config.DEFAULTS),
                SyncProgress.initial("j", spec.syncType(), 0, 1),
                cmd -> {
                    executed.add(cmd);
                    if (cmd instanceof JobCommand.CommitTxn && drain == null && world.lastSeq() > 1) {
                        // the engine closes while this commit is in progress
                        drain = runner.drain();
                        drainDoneInsideTheStep = drain.isDone();
                        savedAtDrain = saved.size();
                        if (takeBack) {
                            takenBack = runner.cancelDrain();
                        }
                    }
                    return world.execute(cmd);
                },
                (p, status) -> saved.add(p), scheduler, scheduler);
    }

    @Test
    void theStepInProgressFinishesItsAnswerIsCheckpointedAndNoOtherStepStarts() {
        world.append(0);
        runner = runner();
        runner.start();
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(drain).as("not drained during the first copy").isNull();

        world.append(0);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(drain).isNotNull().isDone();
        assertThat(drainDoneInsideTheStep).as("drain waits for the step in progress").isFalse();
        assertThat(saved.size()).as("the commit's answer is checkpointed").isGreaterThan(savedAtDrain);
        assertThat(executed.get(executed.size() - 1)).isInstanceOf(JobCommand.CommitTxn.class);
        assertThat(runner.isRunning()).isFalse();

        int steps = executed.size();
        runner.start(); // a drained runner does not start again
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(executed).hasSize(steps);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aRunnerBetweenTurnsDrainsAtOnce() {
        world.append(0);
        runner = runner();
        runner.start();
        scheduler.runFor(Duration.ofMinutes(1));
        int steps = executed.size();

        CompletableFuture<Void> idle = runner.drain();

        assertThat(idle).isDone();
        scheduler.runFor(Duration.ofMinutes(5));
        assertThat(executed).hasSize(steps);
    }

    @Test
    void aDrainTakenBackDuringTheStepLetsTheJobGoOnWhereItIs() {
        takeBack = true;
        world.append(0);
        runner = runner();
        runner.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(drain).isNotNull();
        assertThat(takenBack).as("pending inside the step: taken back").isTrue();
        assertThat(drain).isCancelled();
        assertThat(runner.isRunning()).as("not stopped mid-step, nor after it").isTrue();
        assertThat(world.targetContent).as("every binlog applied after the drain was taken back")
                .isEqualTo(world.expectedContent());

        int steps = executed.size();
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(executed.size()).as("it goes on with the next binlog").isGreaterThan(steps);
        assertThat(world.targetContent).isEqualTo(world.expectedContent());

        CompletableFuture<Void> later = runner.drain(); // between turns: done at once, nothing to take back
        assertThat(later).isDone();
        assertThat(runner.cancelDrain()).isFalse();
        assertThat(runner.isRunning()).isFalse();
    }
}
