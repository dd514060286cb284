package dev.dorisccr.core.job;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one job's {@link JobMachine} on a shared {@link Scheduler}: checkpoint, then command,
 * then the next event, a bounded number of steps per turn so many jobs share a few threads.
 * Waits are scheduled re-checks, never a blocked thread. Operator requests (pause, force full
 * sync, skip) take effect between two steps.
 */
public final class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** Steps run in one turn before the runner yields its thread to other jobs. */
    static final int STEPS_PER_TURN = 64;

    private final String name;
    private final JobMachine machine;
    private final CommandExecutor executor;
    private final Checkpointer checkpointer;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final Queue<UnaryOperator<JobMachine.State>> requests = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();

    private JobMachine.State state;
    private SyncProgress persisted;
    private Scheduler.Cancellable next;
    private boolean running;
    private boolean stopped;
    private int storeFailures;

    public JobRunner(String name, JobMachine machine, SyncProgress progress, CommandExecutor executor,
            Checkpointer checkpointer, Scheduler scheduler, InstantSource clock) {
        this.name = requireNonNull(name, "name is null");
        this.machine = requireNonNull(machine, "machine is null");
        this.persisted = requireNonNull(progress, "progress is null");
        this.state = JobMachine.State.resume(progress);
        this.executor = requireNonNull(executor, "executor is null");
        this.checkpointer = requireNonNull(checkpointer, "checkpointer is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts (or resumes after a pause) from the last checkpoint. */
    public void start() {
        synchronized (lock) {
            if (stopped || running) {
                return;
            }
            running = true;
            state = JobMachine.State.resume(persisted);
            scheduleLocked(Duration.ZERO, new JobEvent.Tick());
        }
    }

    /** Stops after the step in progress; {@link #start()} resumes from the last checkpoint. */
    public void pause() {
        synchronized (lock) {
            running = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
        }
    }

    /** Stops for good (delete, lease lost, shutdown) and releases the executor's clients. */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            pause();
        }
        if (executor instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("job {}: closing its clients failed: {}", name, e.toString());
            }
        }
    }

    public void forceFullSync() {
        requests.add(JobMachine.State::withForceFullSync);
    }

    public void skipBinlog(long commitSeq) {
        requests.add(s -> s.withSkip(commitSeq));
    }

    /** The latest state, for status and progress queries. */
    public JobMachine.State state() {
        synchronized (lock) {
            return state;
        }
    }

    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    private void scheduleLocked(Duration delay, JobEvent event) {
        next = scheduler.schedule(() -> {
            try (JobLoggingContext ignored = JobLoggingContext.forJob(name)) {
                turn(event);
            }
        }, delay);
    }

    private void turn(JobEvent first) {
        JobEvent event = first;
        for (int i = 0; i < STEPS_PER_TURN; i++) {
            JobMachine.Transition t;
            synchronized (lock) {
                if (!running) {
                    return;
                }
                for (UnaryOperator<JobMachine.State> r; (r = requests.poll()) != null; ) {
                    state = r.apply(state);
                }
                t = machine.on(state, event, clock.instant().getEpochSecond());
            }
            if (t.checkpoint() && !checkpoint(t.state().progress())) {
                return;
            }
            synchronized (lock) {
                state = t.state();
                if (!running) {
                    return;
                }
                if (t.command() instanceof JobCommand.RecheckAfter r) {
                    scheduleLocked(r.delay(), new JobEvent.Tick());
                    return;
                }
            }
            event = execute(t.command());
        }
        synchronized (lock) {
            if (running) {
                scheduleLocked(Duration.ZERO, event);
            }
        }
    }

    private JobEvent execute(JobCommand command) {
        try {
            return executor.execute(command);
        } catch (CcrException e) {
            return new JobEvent.StepFailed(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("job {}: {} failed unexpectedly", name, command.getClass().getSimpleName(), e);
            return new JobEvent.StepFailed(ErrorCode.INTERNAL_ERROR, e.toString());
        }
    }

    /** Saves the progress; false when the job must not go on now. */
    private boolean checkpoint(SyncProgress progress) {
        try {
            checkpointer.save(progress);
            synchronized (lock) {
                persisted = progress;
                storeFailures = 0;
            }
            return true;
        } catch (CcrException e) {
            synchronized (lock) {
                if (e.code() == ErrorCode.LEASE_LOST) {
                    log.warn("job {}: lease lost, stopping here: {}", name, e.getMessage());
                    stop();
                    return false;
                }
                storeFailures++;
                Duration delay = Duration.ofSeconds(Math.min(60, 1L << Math.min(6, storeFailures)));
                log.warn("job {}: checkpoint failed ({}), retrying from the last checkpoint in {}", name,
                        e.getMessage(), delay);
                state = JobMachine.State.resume(persisted);
                if (running) {
                    scheduleLocked(delay, new JobEvent.Tick());
                }
                return false;
            }
        }
    }
}
