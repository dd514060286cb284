package dev.dorisccr.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A runner paced by a shared probe: long idle waits while served, cut short by a nudge, never a lost one. */
class JobRunnerProbePacingTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimulatedWorld world = new SimulatedWorld(11, 0);
    private final List<SyncProgress> saved = new ArrayList<>();
    private final List<Long> fetchTimes = new ArrayList<>();
    private boolean served = true;
    private Function<JobCommand, JobEvent> around = world::execute;

    private JobRunner runner() {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        JobRunner r = new JobRunner("j", new JobMachine(spec, JobMachine.Config.DEFAULTS),
                SyncProgress.initial("j", spec.syncType(), 0, 1), cmd -> {
                    if (cmd instanceof JobCommand.FetchBinlogs) {
                        fetchTimes.add(scheduler.millis());
                    }
                    return around.apply(cmd);
                }, (p, status) -> saved.add(p), scheduler, scheduler);
        r.useBinlogWatch(() -> served, Duration.ofSeconds(30));
        return r;
    }

    private long appliedSeq() {
        return saved.isEmpty() ? -1 : saved.get(saved.size() - 1).prevCommitSeq();
    }

    private long fetchesBetween(long fromMs, long toMs) {
        return fetchTimes.stream().filter(t -> t >= fromMs && t < toMs).count();
    }

    @Test
    void aServedJobFetchesOnItsOwnEvery30sWhenIdleAndAtOnceWhenNudged() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        long t0 = scheduler.millis();
        scheduler.runFor(Duration.ofMinutes(10));
        assertThat(fetchesBetween(t0, scheduler.millis())).as("one safety fetch per 30 s").isEqualTo(20);
        world.append(0);
        r.nudge();
        scheduler.runFor(Duration.ofSeconds(2));
        assertThat(fetchesBetween(scheduler.millis() - 2_000, scheduler.millis()))
                .as("no fast polls after activity: the probe wakes the job").isEqualTo(2);
        scheduler.runFor(Duration.ofMinutes(1));

        world.append(0);
        assertThat(r.nudge()).isTrue();
        scheduler.runFor(Duration.ZERO);
        assertThat(appliedSeq()).as("applied without waiting out the 30 s").isEqualTo(world.lastSeq());
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
    }

    @Test
    void notServedTheMachinesOwnPacingHolds() {
        served = false;
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        long t0 = scheduler.millis();
        scheduler.runFor(Duration.ofMinutes(10));
        assertThat(fetchesBetween(t0, scheduler.millis())).as("one fetch per idle interval (3 s)").isEqualTo(200);
    }

    @Test
    void aNudgeDuringAFetchThatMissedTheBinlogSkipsTheNextIdleWait() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        // the probe sees a binlog committed just after the job's fetch read the source
        around = cmd -> {
            JobEvent e = world.execute(cmd);
            if (cmd instanceof JobCommand.FetchBinlogs && world.lastSeq() < 1_000) {
                around = world::execute;
                world.append(0);
                r.nudge();
            }
            return e;
        };
        assertThat(r.nudge()).isTrue(); // the nudge that starts the fetch above
        scheduler.runFor(Duration.ofSeconds(1));
        assertThat(appliedSeq()).as("fetched again at once, not after 30 s").isEqualTo(world.lastSeq());
    }

    @Test
    void aNudgeNeverCutsABackOff() {
        JobRunner r = runner();
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        around = cmd -> cmd instanceof JobCommand.FetchBinlogs
                ? new JobEvent.StepFailed(dev.dorisccr.core.error.ErrorCode.DORIS_CONNECTION_FAILED, "down")
                : world.execute(cmd);
        r.nudge();
        scheduler.runFor(Duration.ZERO); // the fetch fails: a back-off wait
        int before = fetchTimes.size();
        r.nudge();
        scheduler.runFor(Duration.ZERO);
        assertThat(fetchTimes).as("the back-off holds").hasSize(before);
    }
}
