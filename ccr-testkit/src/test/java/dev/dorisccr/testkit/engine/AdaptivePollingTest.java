package dev.dorisccr.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.spi.ClusterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The machine's adaptive waits on virtual time: commands are counted and time is the sum of the
 * waits asked for (each other command takes {@link #STEP_MS}); no wall clock.
 */
class AdaptivePollingTest {
    private static final long START_MS = 1_700_000_000_000L;
    private static final long STEP_MS = 5;
    private static final JobMachine.Config ADAPTIVE = JobMachine.Config.DEFAULTS;
    private static final JobMachine.Config FIXED = JobMachine.Config.DEFAULTS.fixed();

    private static JobSpec spec() {
        ClusterSpec c = ClusterSpec.of("127.0.0.1", 9030, 9020, "root", "");
        return new JobSpec("job1", new JobEndpoint(c, "src_db", "t"), new JobEndpoint(c, "dest_db", "t"),
                new JobOptions(false, false, false, 0));
    }

    /** A machine on virtual time against a world whose backups and restores take a set time. */
    private static final class Clocked {
        final JobMachine machine;
        final SimulatedWorld world = new SimulatedWorld(1, 0);
        final long backupMs;
        final long restoreMs;
        long nowMs = START_MS;
        long backupEndMs = -1;
        long restoreEndMs = -1;
        JobMachine.State state;
        JobEvent event = new JobEvent.Tick();
        int fetches;
        int statusPolls;
        /** Virtual time each source binlog reached the target, by index in world.source. */
        final List<Long> appliedAtMs = new ArrayList<>();
        final List<Long> committedAtMs = new ArrayList<>();

        Clocked(JobMachine.Config config, long backupMs, long restoreMs) {
            this.machine = new JobMachine(spec(), config);
            this.backupMs = backupMs;
            this.restoreMs = restoreMs;
            this.state = JobMachine.State.resume(SyncProgress.initial("job1", spec().syncType(), START_MS / 1000, 1));
        }

        void step() {
            JobMachine.Transition t = machine.on(state, event, nowMs / 1000);
            state = t.state();
            JobCommand c = t.command();
            if (c instanceof JobCommand.RecheckAfter r) {
                nowMs += r.delay().toMillis();
                event = new JobEvent.Tick();
                return;
            }
            nowMs += STEP_MS;
            if (c instanceof JobCommand.FetchBinlogs) {
                fetches++;
            }
            if (c instanceof JobCommand.CreateSnapshot) {
                backupEndMs = nowMs + backupMs;
            }
            if (c instanceof JobCommand.RestoreSnapshot) {
                restoreEndMs = nowMs + restoreMs;
            }
            if (c instanceof JobCommand.PollBackup p) {
                statusPolls++;
                if (nowMs < backupEndMs) {
                    event = new JobEvent.BackupRunning("SNAPSHOTING");
                    return;
                }
                world.backups.get(p.label())[0] = 0;
            }
            if (c instanceof JobCommand.PollRestore p) {
                statusPolls++;
                if (nowMs < restoreEndMs) {
                    event = new JobEvent.RestoreRunning("DOWNLOADING");
                    return;
                }
                world.restores.get(p.restoreLabel())[0] = 0;
            }
            event = world.execute(c);
            if (event instanceof JobEvent.Committed || event instanceof JobEvent.Applied) {
                committedAtMs.add(nowMs);
            }
        }

        void runUntil(long endMs) {
            while (nowMs < endMs) {
                step();
            }
        }

        boolean incremental() {
            return state.progress().syncState().isIncremental() && state.progress().isDone();
        }

        void runUntilIncremental() {
            for (int i = 0; i < 100_000 && !incremental(); i++) {
                step();
            }
            assertThat(incremental()).isTrue();
        }
    }

    @Test
    void anIdleJobFetchesOncePerIdleIntervalAfterAShortFastBurst() {
        for (JobMachine.Config config : List.of(ADAPTIVE, FIXED)) {
            Clocked c = new Clocked(config, 0, 0);
            c.world.append(0);
            c.runUntilIncremental();
            c.runUntil(c.nowMs + 1_000); // the binlog after the snapshot, if any, is applied
            int before = c.fetches;
            long tenMinutes = Duration.ofMinutes(10).toMillis();
            c.runUntil(c.nowMs + tenMinutes);
            int idleFetches = c.fetches - before;
            long bound = tenMinutes / config.idleInterval().toMillis() + config.fastPolls() + 6;
            assertThat(idleFetches).as("fetches in 10 idle minutes with %s", config).isLessThanOrEqualTo((int) bound);
            // steady state: one fetch per idleInterval
            int at = c.fetches;
            c.runUntil(c.nowMs + Duration.ofMinutes(1).toMillis());
            assertThat(c.fetches - at).isBetween(19, 21);
        }
    }

    @Test
    void aTrickleIsPickedUpWithinTheFastIntervalAndTheBurstEndsWhenItStops() {
        Clocked c = new Clocked(ADAPTIVE, 0, 0);
        c.runUntilIncremental();
        c.runUntil(c.nowMs + 60_000); // idle: the job backs off to idleInterval
        // one binlog: picked up within idleInterval (the job was idle)
        long firstAt = c.nowMs;
        c.world.append(0);
        int commits = c.committedAtMs.size();
        while (c.committedAtMs.size() == commits) {
            c.step();
        }
        assertThat(c.committedAtMs.get(commits) - firstAt).isLessThanOrEqualTo(3_000 + 5 * STEP_MS);
        // more binlogs, one a second from that commit on: each is picked up within the fast interval
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long due = c.committedAtMs.get(c.committedAtMs.size() - 1) + 1_000;
            c.runUntil(due);
            c.world.append(0);
            int n = c.committedAtMs.size();
            while (c.committedAtMs.size() == n) {
                c.step();
            }
            lags.add(c.committedAtMs.get(n) - due);
        }
        assertThat(lags).allSatisfy(lag -> assertThat(lag).isLessThanOrEqualTo(100 + 5 * STEP_MS));
        // the trickle stops: back to one fetch per idleInterval after the burst
        c.runUntil(c.nowMs + 10_000);
        int at = c.fetches;
        c.runUntil(c.nowMs + 30_000);
        assertThat(c.fetches - at).isBetween(9, 11);
    }

    @Test
    void fullSyncStatusPollsAddAtMostATenthAndAreFewInNumber() {
        long backupMs = 40_000;
        long restoreMs = 80_000;
        Clocked adaptive = new Clocked(ADAPTIVE, backupMs, restoreMs);
        adaptive.world.append(0);
        adaptive.runUntilIncremental();
        long took = adaptive.nowMs - START_MS;
        assertThat(took).as("full sync time vs backup + restore").isLessThanOrEqualTo((long) ((backupMs + restoreMs) * 1.1)
                + 20 * STEP_MS);
        // polls: ~10 in the first second of each, then each wait is 1.1x the last, then one per pollInterval
        long bound = 2 * (10 + (long) Math.ceil(Math.log(30.0) / Math.log(1.1)) + 2)
                + (backupMs + restoreMs) / ADAPTIVE.pollInterval().toMillis();
        assertThat(adaptive.statusPolls).isLessThanOrEqualTo((int) bound);

        Clocked fixed = new Clocked(FIXED, backupMs, restoreMs);
        fixed.world.append(0);
        fixed.runUntilIncremental();
        assertThat(fixed.statusPolls).isLessThanOrEqualTo((int) ((backupMs + restoreMs) / 3_000 + 4));
    }

    @Test
    void aShortBackupAndRestoreIsSeenWithinAFewHundredMilliseconds() {
        Clocked adaptive = new Clocked(ADAPTIVE, 700, 1_300);
        adaptive.runUntilIncremental();
        long took = adaptive.nowMs - START_MS;
        assertThat(took - 2_000).as("the syncer's own waiting").isLessThanOrEqualTo(2 * 100 + 20 * STEP_MS);
        Clocked fixed = new Clocked(FIXED, 700, 1_300);
        fixed.runUntilIncremental();
        assertThat(fixed.nowMs - START_MS).as("fixed 3 s polls wait for the next one").isGreaterThanOrEqualTo(6_000);
    }
}
