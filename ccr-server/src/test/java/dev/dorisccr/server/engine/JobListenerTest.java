package dev.dorisccr.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.JobRunner;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.engine.SimulatedWorld;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@link JobRunner} tells its {@link JobListener}, over the simulated world on manual time. */
class JobListenerTest {
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Recorder heard = new Recorder();

    /** Writes down every call, as text. */
    static final class Recorder implements JobListener {
        final List<String> calls = new ArrayList<>();
        final List<ObservedState> states = new ArrayList<>();
        long lastCheckpointedSeq = -1;

        @Override
        public synchronized void statusChanged(String job, ObservedStatus status) {
            if (states.isEmpty() || states.get(states.size() - 1) != status.state()) {
                states.add(status.state());
            }
        }

        @Override
        public synchronized void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs,
                Duration took) {
            calls.add("applied " + typeCode + " " + commitSeq + " at " + sourceCommitTimeMs);
        }

        @Override
        public synchronized void txnFinished(String job, TxnOutcome outcome) {
            calls.add("txn " + outcome);
        }

        @Override
        public synchronized void ingested(String job, int tablets, long bytes, Duration took) {
            calls.add("ingested " + tablets + " " + bytes);
        }

        @Override
        public synchronized void syncStarted(String job, SyncKind kind, SyncReason reason, String detail) {
            calls.add("start " + kind + " " + reason);
        }

        @Override
        public synchronized void syncFinished(String job, SyncKind kind, Duration took) {
            calls.add("done " + kind);
        }

        @Override
        public synchronized void stepFailed(String job, String step, ErrorCode code) {
            calls.add("failed " + step + " " + code);
        }

        @Override
        public synchronized void checkpointed(String job, SyncProgress progress) {
            lastCheckpointedSeq = progress.prevCommitSeq();
        }

        @Override
        public synchronized void binlogsFetched(String job, long commitSeq, int binlogs, long answeredAtMs) {
            calls.add("fetched " + binlogs + " after " + commitSeq);
        }

        synchronized List<String> matching(String prefix) {
            return calls.stream().filter(c -> c.startsWith(prefix)).toList();
        }
    }

    private JobRunner runner(SimulatedWorld world, JobListener listener) {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        return new JobRunner("j", new JobMachine(spec, JobMachine.Config.DEFAULTS),
                SyncProgress.initial("j", spec.syncType(), 0, 1), ObservedStatus.starting(0), world::execute,
                (p, status) -> {}, scheduler, scheduler, listener);
    }

    @Test
    void aNewJobIsHeardFromItsFirstCopyToCaughtUp() {
        SimulatedWorld world = new SimulatedWorld(7, 0);
        world.append(0);
        JobRunner r = runner(world, heard);
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);
        world.append(9);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(heard.matching("start")).containsExactly("start FULL NEW_JOB");
        assertThat(heard.matching("done")).containsExactly("done FULL");
        long first = world.source.get(1).commitSeq();
        assertThat(heard.matching("applied")).containsExactly(
                "applied 0 " + first + " at " + first * 1000,
                "applied 9 " + (first + 1) + " at " + (first + 1) * 1000,
                "applied 0 " + (first + 2) + " at " + (first + 2) * 1000);
        assertThat(heard.matching("txn")).containsExactly("txn COMMITTED", "txn COMMITTED");
        assertThat(heard.matching("ingested")).containsExactly("ingested 1 -1", "ingested 1 -1");
        assertThat(heard.matching("failed")).isEmpty();
        assertThat(heard.matching("fetched")).as("the incremental fetches that found binlogs").isNotEmpty()
                .allMatch(c -> c.matches("fetched \\d+ after \\d+"));
        assertThat(heard.lastCheckpointedSeq).isEqualTo(world.lastSeq());
        assertThat(heard.states).startsWith(ObservedState.STARTING, ObservedState.FULL_SYNC)
                .endsWith(ObservedState.CAUGHT_UP).contains(ObservedState.INCREMENTAL);
    }

    @Test
    void aFetchThatFoundBinlogsIsHeardBeforeTheStatusOrProgressShowsIt() {
        SimulatedWorld world = new SimulatedWorld(7, 0);
        List<String> order = new ArrayList<>();
        JobListener l = new JobListener() {
            @Override
            public synchronized void statusChanged(String job, ObservedStatus status) {
                order.add("status " + status.state());
            }

            @Override
            public synchronized void checkpointed(String job, SyncProgress progress) {
                order.add("checkpoint " + progress.commitSeq());
            }

            @Override
            public synchronized void binlogsFetched(String job, long commitSeq, int binlogs, long answeredAtMs) {
                order.add("fetched " + binlogs + " after " + commitSeq + " at " + answeredAtMs);
            }
        };
        JobRunner r = runner(world, l);
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        assertThat(order).endsWith("status CAUGHT_UP", "checkpoint " + world.lastSeq());
        long at = world.lastSeq();
        order.clear();
        world.append(0);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(order).as("told before the job looks busy, with the position it fetched after").hasSizeGreaterThan(2);
        assertThat(order.get(0)).matches("fetched 2 after " + at + " at \\d+");
        assertThat(order.get(1)).isEqualTo("status INCREMENTAL");
        assertThat(order).filteredOn(c -> c.startsWith("fetched")).hasSize(1);
        assertThat(order).endsWith("status CAUGHT_UP", "checkpoint " + world.lastSeq());
    }

    @Test
    void caughtUpIsSinceTheStartOfTheFetchThatFoundNothingNew() {
        SimulatedWorld world = new SimulatedWorld(7, 0);
        java.util.concurrent.atomic.AtomicLong extra = new java.util.concurrent.atomic.AtomicLong();
        java.time.InstantSource clock = () -> scheduler.instant().plusMillis(extra.get());
        java.util.concurrent.atomic.AtomicBoolean writeDuringFetch = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong writeAt = new java.util.concurrent.atomic.AtomicLong(-1);
        List<ObservedStatus> statuses = new ArrayList<>();
        JobListener l = new JobListener() {
            @Override
            public synchronized void statusChanged(String job, ObservedStatus status) {
                statuses.add(status);
            }
        };
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        JobSpec spec = new JobSpec("j", new JobEndpoint(c, "s", "t"), new JobEndpoint(c, "d", "t"), JobOptions.DEFAULTS);
        JobRunner r = new JobRunner("j", new JobMachine(spec, JobMachine.Config.DEFAULTS),
                SyncProgress.initial("j", spec.syncType(), 0, 1), ObservedStatus.starting(0), command -> {
                    var e = world.execute(command);
                    if (command instanceof dev.dorisccr.core.machine.JobCommand.FetchBinlogs) {
                        extra.addAndGet(700); // every fetch takes 700 ms
                        if (e instanceof dev.dorisccr.core.machine.JobEvent.CaughtUp && writeDuringFetch.getAndSet(false)) {
                            world.append(0); // committed after the FE looked, before the answer came back
                            writeAt.set(clock.millis());
                        }
                    }
                    return e;
                }, (p, status) -> {}, scheduler, clock, l);
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);
        writeDuringFetch.set(true); // the fetch that applies it is not idle; the one after is, and the write lands in it
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(writeAt.get()).as("the write happened inside a fetch that found nothing").isPositive();
        List<ObservedStatus> caughtUp = statuses.stream().filter(s -> s.state() == ObservedState.CAUGHT_UP).toList();
        assertThat(caughtUp).as("the caught-up status reached by that fetch is dated before the write, so the"
                + " recipe 'caught_up with since after the writes' does not take it for done")
                .anyMatch(s -> s.sinceMs() < writeAt.get() && s.sinceMs() >= writeAt.get() - 700);
        assertThat(caughtUp.get(caughtUp.size() - 1).sinceMs()).as("and the write is caught up later")
                .isGreaterThan(writeAt.get());
        assertThat(r.state().progress().prevCommitSeq()).isEqualTo(world.lastSeq());
    }

    @Test
    void operatorCopiesFailuresAndStopAreHeard() {
        SimulatedWorld world = new SimulatedWorld(3, 0.2);
        JobRunner r = runner(world, heard);
        r.start();
        scheduler.runFor(Duration.ofMinutes(5));
        for (int i = 0; i < 10; i++) {
            world.append(0);
        }
        scheduler.runFor(Duration.ofMinutes(5));
        r.forceFullSync();
        scheduler.runFor(Duration.ofMinutes(5));
        r.stop();

        assertThat(heard.matching("failed")).isNotEmpty().allMatch(c -> c.endsWith("DORIS_TIMEOUT"));
        assertThat(heard.matching("start")).first().isEqualTo("start FULL NEW_JOB");
        assertThat(heard.matching("start")).contains("start FULL OPERATOR");
        assertThat(heard.matching("applied")).hasSize(10);
        assertThat(heard.states).contains(ObservedState.BACKING_OFF).endsWith(ObservedState.PAUSED, ObservedState.STOPPED);
    }

    @Test
    void aBacklogLongerThanATurnLosesNoEvent() {
        SimulatedWorld world = new SimulatedWorld(7, 0);
        JobRunner r = runner(world, heard);
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        for (int i = 0; i < 40; i++) { // about 160 steps: three turns of JobRunner.STEPS_PER_TURN
            world.append(0);
        }
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(heard.matching("applied")).hasSize(40);
        assertThat(heard.matching("txn COMMITTED")).hasSize(40);
        assertThat(heard.matching("ingested")).hasSize(40);
    }

    @Test
    void aThrowingListenerNeverChangesWhatTheJobDoes() {
        SimulatedWorld world = new SimulatedWorld(7, 0);
        JobListener broken = new JobListener() {
            @Override
            public void statusChanged(String job, ObservedStatus status) {
                throw new IllegalStateException("listener defect");
            }

            @Override
            public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs,
                    Duration took) {
                throw new IllegalStateException("listener defect");
            }

            @Override
            public void checkpointed(String job, SyncProgress progress) {
                throw new IllegalStateException("listener defect");
            }
        };
        JobRunner r = runner(world, broken);
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);
        world.append(0);
        scheduler.runFor(Duration.ofMinutes(1));

        assertThat(r.state().progress().prevCommitSeq()).isEqualTo(world.lastSeq());
        assertThat(r.status().state()).isEqualTo(ObservedState.CAUGHT_UP);
        assertThat(r.status().error()).isEmpty();
    }

    @Test
    void syncNowCutsTheIdleWaitShort() {
        SimulatedWorld world = new SimulatedWorld(7, 0);
        JobRunner r = runner(world, heard);
        r.start();
        scheduler.runFor(Duration.ofMinutes(1));
        world.append(0);

        assertThat(r.syncNow()).isTrue();
        scheduler.runFor(Duration.ofMillis(1)); // the idle re-check is 3 s away

        assertThat(r.state().progress().prevCommitSeq()).isEqualTo(world.lastSeq());
        assertThat(scheduler.pending()).as("the cancelled re-check is gone, one new one queued").isEqualTo(1);
        r.pause();
        assertThat(r.syncNow()).as("a paused job does not wake up").isFalse();
    }
}
