package dev.dorisccr.testkit.engine;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.machine.FailurePolicy;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.spi.ClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class JobMachineTest {
    private static final long NOW = 1_700_000_000L;

    private static JobSpec spec(String table, boolean skipError) {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        return new JobSpec("job1", new JobEndpoint(c, "src_db", table), new JobEndpoint(c, "dest_db", table),
                new JobOptions(skipError, false, false, 0));
    }

    /** Drives the machine against the world, checkpointing like a runner; optionally crashes. */
    private static final class Runner {
        final JobMachine machine;
        final SimulatedWorld world;
        final Random crashes;
        final double crashRate;
        SyncProgress stored;
        JobMachine.State state;
        final List<JobCommand> commands = new ArrayList<>();
        int crashCount;

        Runner(JobSpec spec, SimulatedWorld world, long seed, double crashRate) {
            this(spec, world, seed, crashRate, JobMachine.Config.DEFAULTS);
        }

        Runner(JobSpec spec, SimulatedWorld world, long seed, double crashRate, JobMachine.Config config) {
            this.machine = new JobMachine(spec, config);
            this.world = world;
            this.crashes = new Random(seed);
            this.crashRate = crashRate;
            this.stored = SyncProgress.initial(spec.name(), spec.syncType(), NOW, 1);
            this.state = JobMachine.State.resume(stored);
        }

        /** Runs until caught up with the world (or the step budget is spent). */
        void runUntilCaughtUp(int budget) {
            JobEvent event = new JobEvent.Tick();
            for (int i = 0; i < budget; i++) {
                JobMachine.Transition t = machine.on(state, event, NOW + i);
                if (t.checkpoint()) {
                    stored = SyncProgressJson.read(SyncProgressJson.write(t.state().progress()));
                }
                state = t.state();
                commands.add(t.command());
                if (crashes.nextDouble() < crashRate) {
                    crashCount++;
                    if (crashes.nextBoolean()) {
                        world.execute(t.command()); // the effect happened, its answer is lost
                    }
                    state = JobMachine.State.resume(stored);
                    world.executorRestarted();
                    event = new JobEvent.Tick();
                    continue;
                }
                event = world.execute(t.command());
                if (event instanceof JobEvent.CaughtUp && stored.isDone() && stored.syncState().isIncremental()
                        && stored.prevCommitSeq() == world.lastSeq()) {
                    return;
                }
            }
            throw new AssertionError("not caught up after " + budget + " steps; progress " + stored
                    + " last error " + state.lastError());
        }
    }

    @Test
    void newTableJobCopiesThenAppliesEveryBinlogOnce() {
        SimulatedWorld world = new SimulatedWorld(1, 0);
        for (int i = 0; i < 5; i++) {
            world.append(0);
        }
        Runner r = new Runner(spec("t", false), world, 1, 0);
        r.runUntilCaughtUp(200);
        assertThat(world.fullSyncs).isEqualTo(1);
        assertThat(r.stored.syncState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);

        world.append(0);
        world.append(9);
        world.append(0);
        r.runUntilCaughtUp(200);

        assertThat(world.targetContent).isEqualTo(world.expectedContent());
        assertThat(world.duplicates).isEmpty();
        assertThat(world.appliedDdl).containsExactly(world.lastSeq() - 1);
        assertThat(r.stored.prevCommitSeq()).isEqualTo(world.lastSeq());
    }

    @Test
    void collectedBinlogsLeadToAFullSync() {
        SimulatedWorld world = new SimulatedWorld(2, 0);
        world.append(0);
        Runner r = new Runner(spec("t", false), world, 2, 0);
        r.runUntilCaughtUp(200);

        for (int i = 0; i < 4; i++) {
            world.append(0);
        }
        world.oldestKept = world.lastSeq() - 1; // the job's next binlog is gone
        r.runUntilCaughtUp(200);

        assertThat(world.fullSyncs).isEqualTo(2);
        assertThat(r.stored.fullSyncReason()).contains("was collected");
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
    }

    @Test
    void failedBinlogStopsTheJobUntilSkippedAndSkipAdvances() {
        SimulatedWorld world = new SimulatedWorld(3, 0);
        Runner r = new Runner(spec("t", false), world, 3, 0);
        r.runUntilCaughtUp(200);
        world.append(9);
        long bad = world.lastSeq();

        JobMachine.Transition t = r.machine.on(r.state, new JobEvent.Tick(), NOW);
        assertThat(t.command()).isInstanceOf(JobCommand.FetchBinlogs.class);
        t = r.machine.on(t.state(), world.execute(t.command()), NOW);
        assertThat(t.command()).isInstanceOf(JobCommand.ApplyBinlog.class);
        t = r.machine.on(t.state(), new JobEvent.StepFailed(ErrorCode.DORIS_ANALYSIS_ERROR, "bad DDL"), NOW);

        assertThat(t.command()).as("retrying cannot help: wait for the operator").isInstanceOf(JobCommand.Halt.class);
        assertThat(t.state().progress().prevCommitSeq()).as("no silent skip").isLessThan(bad);
        assertThat(t.state().lastError()).hasValueSatisfying(e -> assertThat(e).contains("bad DDL"));

        // the operator skips it: the next failure of that binlog consumes it
        JobMachine.State skipping = t.state().withSkip(bad);
        t = r.machine.on(skipping, new JobEvent.Tick(), NOW);
        t = r.machine.on(t.state(), world.execute(t.command()), NOW);
        assertThat(t.state().progress().prevCommitSeq()).isEqualTo(bad);
        assertThat(world.appliedDdl).isEmpty();
    }

    /** Caught up, then one new upsert begun and ingested (its commit is next). */
    private static JobMachine.Transition ingested(Runner r, SimulatedWorld world) {
        r.runUntilCaughtUp(200);
        world.append(0);
        JobMachine.Transition t = r.machine.on(r.state, new JobEvent.Tick(), NOW);
        t = r.machine.on(t.state(), world.execute(t.command()), NOW); // BeginTxn
        return r.machine.on(t.state(), world.execute(t.command()), NOW); // Ingest
    }

    @Test
    void aRollbackThatFailsIsTriedAgainAfterABackOffNeverAtOnce() {
        SimulatedWorld world = new SimulatedWorld(4, 0);
        Runner r = new Runner(spec("t", false), world, 4, 0);
        JobMachine.Transition t = r.machine.on(ingested(r, world).state(),
                new JobEvent.StepFailed(ErrorCode.DORIS_TIMEOUT, "slow BE"), NOW);
        JobCommand.RollbackTxn first = (JobCommand.RollbackTxn) t.command();

        java.time.Duration last = java.time.Duration.ZERO;
        for (int i = 0; i < 6; i++) { // the FE is away: retriable and other failures alike, past COPY_ATTEMPTS
            ErrorCode code = i % 2 == 0 ? ErrorCode.DORIS_CONNECTION_FAILED : ErrorCode.DORIS_UNKNOWN_STATUS;
            t = r.machine.on(t.state(), new JobEvent.StepFailed(code, "fe away"), NOW);
            assertThat(t.command()).as("after rollback failure %s", i).isInstanceOf(JobCommand.RecheckAfter.class);
            java.time.Duration wait = ((JobCommand.RecheckAfter) t.command()).delay();
            assertThat(wait).as("a back-off that does not shrink").isPositive().isGreaterThanOrEqualTo(last);
            last = wait;
            t = r.machine.on(t.state(), new JobEvent.Tick(), NOW);
            assertThat(t.command()).isInstanceOf(JobCommand.RollbackTxn.class);
            assertThat(((JobCommand.RollbackTxn) t.command()).txnId()).isEqualTo(first.txnId());
            assertThat(((JobCommand.RollbackTxn) t.command()).reason()).contains("fe away");
        }
        // the rollback goes through at last: the job goes on as decided for the timeout (retry after a back-off)
        t = r.machine.on(t.state(), new JobEvent.RolledBack(), NOW);
        assertThat(t.command()).isInstanceOf(JobCommand.RecheckAfter.class);
        assertThat(t.state().progress().isDone()).isTrue();
        assertThat(t.state().progress().prevCommitSeq()).as("nothing skipped").isLessThan(world.lastSeq());
        r.state = t.state();
        r.runUntilCaughtUp(200);
        assertThat(r.state.progress().prevCommitSeq()).isEqualTo(world.lastSeq());
    }

    @Test
    void aRollbackThatNeverGoesThroughStopsTheJobAfterItsBoundAndResumeTriesItAgain() {
        SimulatedWorld world = new SimulatedWorld(4, 0);
        Runner r = new Runner(spec("t", false), world, 4, 0);
        JobMachine.Transition t = r.machine.on(ingested(r, world).state(),
                new JobEvent.StepFailed(ErrorCode.DORIS_TIMEOUT, "slow BE"), NOW);
        JobCommand.RollbackTxn first = (JobCommand.RollbackTxn) t.command();
        int rollbacks = 0;
        java.time.Duration waited = java.time.Duration.ZERO;
        while (!(t.command() instanceof JobCommand.Halt) && rollbacks < 100) {
            t = r.machine.on(t.state(), new JobEvent.StepFailed(ErrorCode.NOT_AUTHORIZED, "access denied"), NOW);
            rollbacks++;
            if (t.command() instanceof JobCommand.RecheckAfter w) {
                waited = waited.plus(w.delay());
                t = r.machine.on(t.state(), new JobEvent.Tick(), NOW);
                assertThat(t.command()).isInstanceOf(JobCommand.RollbackTxn.class);
                assertThat(((JobCommand.RollbackTxn) t.command()).txnId()).isEqualTo(first.txnId());
            }
        }
        assertThat(t.command()).as("stopped, not BACKING_OFF for ever").isInstanceOf(JobCommand.Halt.class);
        assertThat(rollbacks + 1).as("the first failure and the rollbacks: the bound")
                .isEqualTo(FailurePolicy.ROLLBACK_ATTEMPTS);
        assertThat(waited).as("the back-offs before it: longer than a txn lives on the target")
                .isBetween(java.time.Duration.ofMinutes(20), java.time.Duration.ofMinutes(30));
        assertThat(((JobCommand.Halt) t.command()).reason()).isEqualTo("the rollback of txn " + first.txnId()
                + " failed 30 times in a row, last: NOT_AUTHORIZED: access denied; the txn ends at its timeout"
                + " on the target");
        assertThat(t.state().progress().subSyncState()).isEqualTo(SubSyncState.ROLLBACK_TRANSACTION);

        // the operator resumes: from the checkpoint, the rollback first, then on
        JobMachine.State resumed = JobMachine.State.resume(t.state().progress());
        t = r.machine.on(resumed, new JobEvent.Tick(), NOW);
        assertThat(t.command()).isInstanceOf(JobCommand.RollbackTxn.class);
        assertThat(((JobCommand.RollbackTxn) t.command()).txnId()).isEqualTo(first.txnId());
        t = r.machine.on(t.state(), world.execute(t.command()), NOW);
        r.state = t.state();
        r.runUntilCaughtUp(200);
        assertThat(r.state.progress().prevCommitSeq()).isEqualTo(world.lastSeq());
    }

    @Test
    void skipErrorConsumesANonRetriableFailureButRetriesATimeout() {
        SimulatedWorld world = new SimulatedWorld(4, 0);
        Runner r = new Runner(spec("t", true), world, 4, 0);
        JobMachine.Transition t = ingested(r, world);
        JobMachine.Transition timeout = r.machine.on(t.state(),
                new JobEvent.StepFailed(ErrorCode.DORIS_TIMEOUT, "slow BE"), NOW);
        assertThat(timeout.command()).isInstanceOf(JobCommand.RollbackTxn.class);
        JobMachine.Transition afterTimeout = r.machine.on(timeout.state(), new JobEvent.RolledBack(), NOW);
        assertThat(afterTimeout.command()).isInstanceOf(JobCommand.RecheckAfter.class);
        assertThat(afterTimeout.state().progress().prevCommitSeq()).isLessThan(world.lastSeq());

        JobMachine.Transition fatal = r.machine.on(t.state(),
                new JobEvent.StepFailed(ErrorCode.DORIS_ANALYSIS_ERROR, "schema mismatch"), NOW);
        JobMachine.Transition skipped = r.machine.on(fatal.state(), new JobEvent.RolledBack(), NOW);
        assertThat(skipped.state().progress().prevCommitSeq()).isEqualTo(world.lastSeq());
        assertThat(skipped.state().progress().isDone()).isTrue();
    }

    @Test
    void crashesAndFaultsAtEveryStepNeitherLoseNorDuplicate() {
        crashesAndFaults(JobMachine.Config.DEFAULTS.withPipelineDepth(1), "sequential");
    }

    @Test
    void pipelinedCrashesAndFaultsAtEveryStepNeitherLoseNorDuplicate() {
        int taken = crashesAndFaults(JobMachine.Config.DEFAULTS.withPipelineDepth(4), "pipelined");
        assertThat(taken).as("upserts the machine took from early begins").isPositive();
    }

    @Test
    void pipelinedBeginListsTheNextUpsertsUpToTheFirstOtherBinlog() {
        SimulatedWorld world = new SimulatedWorld(5, 0);
        Runner r = new Runner(spec("t", false), world, 5, 0, JobMachine.Config.DEFAULTS.withPipelineDepth(3));
        r.runUntilCaughtUp(200);
        for (int type : new int[] {0, 0, 0, 0, 9, 0}) {
            world.append(type);
        }
        long first = world.lastSeq() - 5;
        r.commands.clear();
        r.runUntilCaughtUp(200);
        List<List<Long>> ahead = new ArrayList<>();
        for (JobCommand c : r.commands) {
            if (c instanceof JobCommand.BeginTxn b) {
                ahead.add(b.ahead().stream().map(x -> x.binlog().commitSeq()).toList());
            }
        }
        assertThat(ahead).containsExactly(List.of(first + 1, first + 2), List.of(first + 2, first + 3),
                List.of(first + 3), List.of(), List.of());
        assertThat(world.earlyTaken).isEqualTo(3);
        assertThat(world.txns.values()).allSatisfy(t -> assertThat(t.state).isEqualTo("VISIBLE"));
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
    }

    /** 30 seeded rounds of crashes and faults; answers the early begins the machine took. */
    private static int crashesAndFaults(JobMachine.Config config, String what) {
        int taken = 0;
        for (int round = 0; round < 30; round++) {
            long seed = 0x5EEDL * 31 + round;
            SimulatedWorld world = new SimulatedWorld(seed, 0.1);
            Random rnd = new Random(seed);
            Runner r = new Runner(spec(round % 2 == 0 ? "t" : "", false), world, seed, 0.15, config);
            for (int batch = 0; batch < 4; batch++) {
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    world.append(rnd.nextInt(4) == 0 ? 9 : 0);
                }
                r.runUntilCaughtUp(5000);
                assertThat(world.duplicates).as("%s seed %d", what, seed).isEmpty();
                assertThat(world.targetContent).as("%s seed %d", what, seed).isEqualTo(world.expectedContent());
            }
            taken += world.earlyTaken;
            System.out.println("JobMachineTest " + what + " seed=" + seed + " crashes=" + r.crashCount + " fullSyncs="
                    + world.fullSyncs + " early begins=" + world.earlyBegins + " taken=" + world.earlyTaken);
        }
        return taken;
    }
}
