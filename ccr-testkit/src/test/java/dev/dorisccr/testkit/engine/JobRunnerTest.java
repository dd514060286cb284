package dev.dorisccr.testkit.engine;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class JobRunnerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimulatedWorld world = new SimulatedWorld(7, 0);
    private final List<SyncProgress> saved = new ArrayList<>();
    private final List<JobCommand> executed = new ArrayList<>();
    private RuntimeException storeFailure;

    private JobRunner runner() {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        JobMachine machine = new JobMachine(spec, JobMachine.Config.DEFAULTS);
        return new JobRunner("j", machine, SyncProgress.initial("j", spec.syncType(), 0, 1),
                cmd -> {
                    executed.add(cmd);
                    return world.execute(cmd);
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
}
