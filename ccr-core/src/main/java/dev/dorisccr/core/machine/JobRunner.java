package dev.dorisccr.core.machine;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.VerificationSummary;
import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one job's {@link JobMachine} on a shared {@link Scheduler}: checkpoint, then command,
 * then the next event, a bounded number of steps per turn so many jobs share a few threads.
 * Waits are scheduled re-checks, never a blocked thread. Operator requests (pause, force full
 * sync, skip) take effect between two steps.
 *
 * <p>Nothing stalls silently: after every turn the runner has a next turn scheduled, or it is
 * paused, stopped or {@link ObservedState#FAILED} with the reason in its {@link #status()}. Every
 * failed step is logged once with its code and what happens next; repeats of the same failure
 * are logged at attempts 1, 2, 4, 8... with their count.
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
    private final JobListenerCalls listener;
    private final JournalRecorder journal;

    private JobMachine.State state;
    private SyncProgress persisted;
    private ObservedStatus status;
    private ObservedStatus persistedStatus;
    private Scheduler.Cancellable next;
    private boolean running;
    private boolean halted;
    private boolean stopped;
    private int storeFailures;
    /** The latest scheduled turn; an older one that fires anyway does nothing. */
    private long turnToken;
    /** The scheduled turn is a RecheckAfter wait that {@link #syncNow()} may cut short. */
    private boolean waiting;
    /** The command whose answer the next turn starts with, when a turn ran out of steps (else null). */
    private JobCommand carriedCommand;
    private long carriedTookMs;
    /** When the command whose answer the next step applies started (epoch ms); turns of a job never overlap. */
    private volatile long commandStartMs;
    /** A turn runs now (its thread is inside {@link #turn}). */
    private boolean inTurn;
    /** A re-copy of one table asked by the operator, started at the next idle point (null: none). */
    private PartialSyncData recopy;
    /** Completed once a {@link #drain()} asked for is done (null: no drain asked). */
    private CompletableFuture<Void> drained;
    /** Whether a shared source probe wakes this job on new binlogs ({@link #useBinlogWatch}). */
    private volatile java.util.function.BooleanSupplier watchServed = () -> false;
    /** The idle fetch interval while {@link #watchServed} says so. */
    private volatile Duration servedIdleInterval = Duration.ZERO;
    /** The scheduled turn is an idle re-check (after a fetch found nothing) that {@link #nudge} may cut short. */
    private boolean idleWait;
    /** A {@link #nudge} came while a turn ran: its next idle wait is skipped. */
    private boolean nudged;
    /** A turn that fired while the one before (or a release) was still ending; started when it ends. */
    private Runnable deferredTurn;
    /** The event of a turn that fired while a drain was pending and did nothing (null: none). */
    private JobEvent skippedForDrain;

    public JobRunner(String name, JobMachine machine, SyncProgress progress, CommandExecutor executor,
            Checkpointer checkpointer, Scheduler scheduler, InstantSource clock) {
        this(name, machine, progress, ObservedStatus.starting(clock.millis()), executor, checkpointer, scheduler, clock);
    }

    /** As above, with the status the store kept (its last error survives a restart or takeover). */
    public JobRunner(String name, JobMachine machine, SyncProgress progress, ObservedStatus status,
            CommandExecutor executor, Checkpointer checkpointer, Scheduler scheduler, InstantSource clock) {
        this(name, machine, progress, status, executor, checkpointer, scheduler, clock, JobListener.NONE);
    }

    /** As above, telling {@code listener} what the job does (see {@link JobListener}). */
    public JobRunner(String name, JobMachine machine, SyncProgress progress, ObservedStatus status,
            CommandExecutor executor, Checkpointer checkpointer, Scheduler scheduler, InstantSource clock,
            JobListener listener) {
        this.name = requireNonNull(name, "name is null");
        this.machine = requireNonNull(machine, "machine is null");
        this.persisted = requireNonNull(progress, "progress is null");
        this.state = JobMachine.State.resume(progress);
        this.executor = requireNonNull(executor, "executor is null");
        this.checkpointer = requireNonNull(checkpointer, "checkpointer is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.status = requireNonNull(status, "status is null");
        this.persistedStatus = status;
        this.listener = new JobListenerCalls(name, requireNonNull(listener, "listener is null"), clock);
        this.journal = new JournalRecorder(name);
    }

    /**
     * Starts (or resumes after a pause) from the last checkpoint; a job that failed tries its
     * step once more.
     */
    public void start() {
        synchronized (lock) {
            if (stopped || drained != null) {
                return;
            }
            if (running && !halted) {
                return;
            }
            boolean wasHalted = halted;
            running = true;
            halted = false;
            if (!wasHalted) {
                state = JobMachine.State.resume(persisted);
            }
            status = status.moveTo(ObservedState.STARTING, "", clock.millis());
            listener.status(status);
            scheduleLocked(Duration.ZERO, new JobEvent.Tick());
        }
    }

    /**
     * Stops after the step in progress; {@link #start()} resumes from the last checkpoint. What the
     * executor holds for the next steps (txns begun ahead, the txn of the binlog in flight) is
     * rolled back once no step runs ({@link CommandExecutor#release}), on a scheduler thread.
     */
    public void pause() {
        pause(true);
    }

    private void pause(boolean release) {
        synchronized (lock) {
            if (release && !inTurn && !stopped && running) {
                // between two turns: let go of the txns at once (a turn in progress does it when it ends)
                scheduler.schedule(this::releaseBetweenTurns, Duration.ZERO);
            }
            running = false;
            halted = false;
            if (next != null) {
                next.cancel();
                next = null;
            }
            if (!stopped) {
                status = status.moveTo(ObservedState.PAUSED, "", clock.millis());
                listener.status(status);
            }
        }
    }

    /** Stops for good (delete, lease lost, shutdown) and releases the executor's clients. */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            pause(false); // closing the executor rolls its early txns back
            stopped = true;
            status = status.moveTo(ObservedState.STOPPED, "", clock.millis());
            listener.status(status);
        }
        if (executor instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("job {}: closing its clients failed: {}", name, e.toString());
            }
        }
    }

    /**
     * Stops at the next checkpoint boundary: a step in progress finishes, its answer is applied and
     * checkpointed, and no further step starts. The future completes when no turn runs any more;
     * the runner is then paused (call {@link #stop()} to release its clients). A runner not in a
     * turn is drained at once. {@link #cancelDrain()} takes a pending drain back.
     */
    public CompletableFuture<Void> drain() {
        synchronized (lock) {
            if (drained == null) {
                drained = new CompletableFuture<>();
            }
            if (!inTurn) {
                if (next != null) {
                    next.cancel();
                    next = null;
                }
                turnToken++; // a turn already handed to the scheduler does nothing
                running = false;
                drained.complete(null);
            } // else the turn's end cancels what it scheduled and completes the drain
            return drained;
        }
    }

    /**
     * Takes back a {@link #drain()} that is not done (the step in progress has not reached its
     * checkpoint yet): the step goes on and the job carries on after it as if no drain had been
     * asked. A hand-over that cannot wait any longer for a long step gives up this way instead of
     * stopping the job mid-step.
     *
     * @return true when a pending drain was taken back; false when none was pending or it is done
     *     (the runner then stays drained)
     */
    public boolean cancelDrain() {
        synchronized (lock) {
            if (drained == null || drained.isDone()) {
                return false;
            }
            CompletableFuture<Void> d = drained;
            drained = null;
            d.cancel(false);
            if (skippedForDrain != null && running && !stopped) {
                scheduleLocked(Duration.ZERO, skippedForDrain); // the turn that fired meanwhile, again
            }
            skippedForDrain = null;
            return true;
        }
    }

    public void forceFullSync() {
        request(JobMachine.State::withForceFullSync);
    }

    public void skipBinlog(long commitSeq) {
        request(s -> s.withSkip(commitSeq));
    }

    /**
     * Copies one table again (source table id and name) with a partial sync, at the job's next idle
     * point (no binlog in flight, no failure pending): the repair of a divergence that verification
     * found, without copying the whole job.
     */
    public void recopyTable(long tableId, String table) {
        synchronized (lock) {
            recopy = new PartialSyncData(tableId, table, java.util.List.of(), java.util.List.of());
        }
        request(UnaryOperator.identity());
    }

    /** True while a re-copy asked by {@link #recopyTable} has not started yet. */
    public boolean recopyPending() {
        synchronized (lock) {
            return recopy != null;
        }
    }

    /**
     * Cuts a wait short (the idle re-check, a poll of a backup or restore, a back-off): the job
     * takes its next step now. False when it is not waiting (busy, paused, failed or stopped).
     */
    public boolean syncNow() {
        synchronized (lock) {
            if (!running || halted || stopped || !waiting) {
                return false;
            }
            if (next != null) {
                next.cancel();
            }
            scheduleLocked(Duration.ZERO, new JobEvent.Tick());
            return true;
        }
    }

    /**
     * Lets a shared source probe pace this job: while {@code served} says so, every idle wait (after a
     * fetch that found nothing; the fast polls after activity included) is {@code idleWhenServed},
     * cut short by {@link #nudge}; otherwise the machine's own pacing holds.
     */
    public void useBinlogWatch(java.util.function.BooleanSupplier served, Duration idleWhenServed) {
        this.watchServed = requireNonNull(served, "served is null");
        this.servedIdleInterval = requireNonNull(idleWhenServed, "idleWhenServed is null");
    }

    /**
     * The source has binlogs this job may not have fetched: cuts an idle wait short, or, while a
     * turn runs, skips the idle wait that turn ends with (the turn's fetch may have started before
     * them). Never cuts a back-off or a backup/restore poll. False when the job is not running here.
     */
    public boolean nudge() {
        synchronized (lock) {
            if (!running || halted || stopped || drained != null) {
                return false;
            }
            if (waiting && idleWait) {
                if (next != null) {
                    next.cancel();
                }
                scheduleLocked(Duration.ZERO, new JobEvent.Tick());
            } else if (!waiting) {
                nudged = true;
            }
            return true;
        }
    }

    /** The wait after a transition: an idle one is stretched while the probe serves the job, or cut by a nudge. */
    private Duration waitLocked(JobEvent event, Duration delay) {
        boolean nudgedNow = nudged;
        nudged = false;
        if (!isIdle(event)) {
            return delay;
        }
        if (nudgedNow) {
            return Duration.ZERO;
        }
        // the probe wakes the job on anything new: no fast polls after activity (at 1,000 jobs a
        // trickle over many of them made those polls most of the load), only the safety poll
        Duration served = servedIdleInterval;
        return watchServed.getAsBoolean() && served.compareTo(delay) > 0 ? served : delay;
    }

    /** A fetch that found nothing new (the machine then waits before the next one). */
    private static boolean isIdle(JobEvent event) {
        return event instanceof JobEvent.CaughtUp
                || (event instanceof JobEvent.BinlogsFetched f && f.binlogs().isEmpty());
    }

    /** Queues an operator request; a failed job wakes up to act on it. */
    private void request(UnaryOperator<JobMachine.State> r) {
        requests.add(r);
        synchronized (lock) {
            if (running && halted && !stopped) {
                halted = false;
                scheduleLocked(Duration.ZERO, new JobEvent.Tick());
            }
        }
    }

    /** The latest state, for status and progress queries. */
    public JobMachine.State state() {
        synchronized (lock) {
            return state;
        }
    }

    /**
     * Keeps the outcome of a consistency check in the observed status; it is stored with the next
     * checkpoint or status save (the job's next step, at the latest its next idle look for binlogs).
     */
    public void noteVerification(VerificationSummary v) {
        synchronized (lock) {
            status = status.withVerification(v);
            listener.status(status);
        }
    }

    /** What the job is observed doing. */
    public ObservedStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    private void scheduleLocked(Duration delay, JobEvent event) {
        long token = ++turnToken;
        waiting = false;
        idleWait = false;
        next = scheduler.schedule(() -> turn(event, token), delay);
    }

    private void turn(JobEvent first, long token) {
        synchronized (lock) {
            if (token != turnToken) {
                return; // superseded by syncNow, or drained
            }
            if (drained != null) {
                skippedForDrain = first; // run again if the drain is taken back
                return;
            }
            if (inTurn) {
                // the turn before (paused and resumed meanwhile) or a release is still ending: this one
                // starts right after it, never beside it
                deferredTurn = () -> turn(first, token);
                return;
            }
            waiting = false;
            inTurn = true;
        }
        try (JobLoggingContext ignored = JobLoggingContext.forJob(name)) {
            runTurn(first);
        } catch (RuntimeException e) {
            // a defect, or a port that threw something unexpected: never let the job stall silently
            synchronized (lock) {
                state = JobMachine.State.resume(persisted).failed(ErrorCode.INTERNAL_ERROR + ": " + e, state.afterRollback());
                Duration delay = machine.config().retryMax();
                noteFailure(ErrorCode.INTERNAL_ERROR, e.toString(), "turn", delay, false);
                log.error("job {}: unexpected failure, resuming from the last checkpoint in {}", name, delay, e);
                if (running && !stopped && drained == null) {
                    scheduleLocked(delay, new JobEvent.Tick());
                }
                listener.status(status);
            }
        } finally {
            releaseIfIdle();
            endTurn();
        }
    }

    /** After a turn: a job that takes no further step for now lets go of what its executor holds ahead. */
    private void releaseIfIdle() {
        boolean fromCheckpoint;
        synchronized (lock) {
            if (stopped || (running && !halted)) {
                return; // stopped: closing the executor does it; running: the next turn uses it
            }
            fromCheckpoint = !running; // paused (or drained): it starts again from its last checkpoint
        }
        release(fromCheckpoint);
    }

    /** A pause between two turns: released on a scheduler thread, as a turn of its own. */
    private void releaseBetweenTurns() {
        synchronized (lock) {
            if (inTurn || running || stopped) {
                return; // a turn runs and releases when it ends, or the job runs (or stopped) again
            }
            inTurn = true;
        }
        try {
            release(true);
        } finally {
            endTurn();
        }
    }

    private void release(boolean fromCheckpoint) {
        try (JobLoggingContext ignored = JobLoggingContext.forJob(name)) {
            executor.release(fromCheckpoint);
        } catch (RuntimeException e) {
            // the txns stay open until their timeout or the next begin of their labels
            log.warn("job {}: letting go of the txns begun ahead failed: {}", name, e.toString());
        }
    }

    private void endTurn() {
        synchronized (lock) {
            inTurn = false;
            if (drained != null) {
                running = false;
                if (next != null) {
                    next.cancel();
                    next = null;
                }
                drained.complete(null);
            } else if (deferredTurn != null) {
                scheduler.schedule(deferredTurn, Duration.ZERO);
            }
            deferredTurn = null;
        }
    }

    private void runTurn(JobEvent first) {
        JobEvent event = first;
        JobCommand last;
        long tookMs;
        synchronized (lock) {
            last = first instanceof JobEvent.Tick ? null : carriedCommand;
            tookMs = carriedTookMs;
            carriedCommand = null;
        }
        for (int i = 0; i < STEPS_PER_TURN; i++) {
            long tr0 = StepTrace.now();
            JobMachine.Transition t;
            JobMachine.State before;
            java.util.List<dev.dorisccr.core.spi.JournalEntry> entries;
            synchronized (lock) {
                if (!running || halted) {
                    return;
                }
                for (UnaryOperator<JobMachine.State> r; (r = requests.poll()) != null; ) {
                    state = r.apply(state);
                }
                if (recopy != null && Recopy.canStart(state)) {
                    log.info("job {}: copying table {} again (asked by the operator)", name, recopy.table());
                    state = Recopy.start(state, machine.spec(), recopy.tableId(), recopy.table(),
                            clock.instant().getEpochSecond());
                    recopy = null;
                }
                before = state;
                long trOn = StepTrace.now();
                t = machine.on(state, event, clock.instant().getEpochSecond());
                long trObserve = StepTrace.now();
                observe(t, event, last);
                listener.status(status);
                long trJournal = StepTrace.now();
                entries = journal.entries(persisted, t.checkpoint() ? t.state().progress() : persisted, before, event,
                        last, t, status, clock.millis());
                StepTrace.add("runner: lock, requests", tr0, trOn);
                StepTrace.add("runner: machine.on", trOn, trObserve);
                StepTrace.add("runner: observe, status", trObserve, trJournal);
                StepTrace.add("runner: journal entries", trJournal, StepTrace.now());
            }
            long tr1 = StepTrace.now();
            if (t.checkpoint()) {
                if (!checkpoint(t.state().progress(), entries)) {
                    return;
                }
            } else if (!statusSaved() && !checkpoint(persistedProgress(), entries)) {
                return; // a status change alone: stored with the last checkpointed progress, never a newer one
            }
            long tr2 = StepTrace.now();
            listener.step(before, last, event, t, tookMs, commandStartMs);
            StepTrace.add(t.checkpoint() ? "runner: checkpoint" : "runner: status check", tr1, tr2);
            StepTrace.add("runner: listener step", tr2, StepTrace.now());
            synchronized (lock) {
                state = t.state();
                if (!running) {
                    return;
                }
                if (t.command() instanceof JobCommand.Halt h) {
                    halted = true;
                    log.error("job {}: stopped retrying: {}; the operator can {}", name, h.reason(),
                            String.join(", ", status.error().map(JobError::actions).orElse(java.util.List.of())));
                    return;
                }
                if (t.command() instanceof JobCommand.RecheckAfter r) {
                    Duration wait = waitLocked(event, r.delay());
                    scheduleLocked(wait, new JobEvent.Tick());
                    waiting = true;
                    idleWait = isIdle(event);
                    return;
                }
            }
            synchronized (lock) {
                if (drained != null) {
                    return; // at a checkpoint boundary: the next step is not started
                }
            }
            last = t.command();
            long startMs = clock.millis();
            commandStartMs = startMs;
            long tr4 = StepTrace.now();
            event = execute(t.command());
            listener.answered(event, t.state().progress().prevCommitSeq());
            tookMs = clock.millis() - startMs;
            if (StepTrace.ON) {
                long tr5 = StepTrace.now();
                StepTrace.add("execute " + t.command().getClass().getSimpleName(), tr4, tr5);
                StepTrace.add("step in all", tr0, tr5);
            }
        }
        synchronized (lock) {
            if (running) {
                carriedCommand = last;
                carriedTookMs = tookMs;
                scheduleLocked(Duration.ZERO, event);
            }
        }
    }

    /** Updates the observed status from a transition; logs a failure with what happens next. */
    private void observe(JobMachine.Transition t, JobEvent event, JobCommand failedCommand) {
        long now = clock.millis();
        SyncProgress p = t.state().progress();
        if (event instanceof JobEvent.StepFailed f) {
            String step = failedCommand == null ? "resume" : failedCommand.getClass().getSimpleName();
            Duration delay = t.command() instanceof JobCommand.RecheckAfter r ? r.delay() : Duration.ZERO;
            noteFailure(f.code(), f.message(), step, t.command() instanceof JobCommand.Halt ? null : delay,
                    t.command() instanceof JobCommand.RollbackTxn);
            if (t.command() instanceof JobCommand.Halt) {
                status = status.moveTo(ObservedState.FAILED, step, now);
                return;
            }
            if (t.command() instanceof JobCommand.RecheckAfter) {
                return; // BACKING_OFF, set by noteFailure
            }
        }
        if (t.command() instanceof JobCommand.RecheckAfter r && t.state().lastError().isPresent()
                && status.error().isPresent()) {
            // a failed txn step was rolled back and the retry waits out its back-off: still backing off
            status = new ObservedStatus(ObservedState.BACKING_OFF, status.detail(), status.error(), status.attempt(),
                    now + r.delay().toMillis(), status.state() == ObservedState.BACKING_OFF ? status.sinceMs() : now,
                    status.verification());
            return;
        }
        if (t.state().lastError().isEmpty() && status.error().isPresent()) {
            log.info("job {}: healthy again after {} failed attempt(s)", name, status.error().get().count());
            status = new ObservedStatus(status.state(), status.detail(), Optional.empty(), 0, 0, status.sinceMs(),
                    status.verification());
        }
        if (t.command() instanceof JobCommand.Halt) {
            status = status.moveTo(ObservedState.FAILED, status.detail(), now);
        } else if (p.syncState().isPartialSync()) {
            status = status.moveTo(ObservedState.PARTIAL_SYNC, p.partialSyncData().map(PartialSyncData::table).orElse(""),
                    now);
        } else if (p.syncState().isFullSync()) {
            status = status.moveTo(ObservedState.FULL_SYNC, p.subSyncState().goName(), now);
        } else if (event instanceof JobEvent.CaughtUp && p.isDone() && t.state().lastError().isEmpty()) {
            status = status.moveTo(ObservedState.CAUGHT_UP, "", Math.min(now, commandStartMs)); // as of the fetch's start
        } else if (status.state() == ObservedState.CAUGHT_UP && event instanceof JobEvent.Tick && p.isDone()) {
            return; // the next idle look: still caught up until it finds binlogs (no store write per poll)
        } else {
            status = status.moveTo(ObservedState.INCREMENTAL, "", now);
        }
    }

    /**
     * Records a failure in the status: BACKING_OFF until {@code retryIn} ({@code null}: failed for
     * good; {@code rollingBack}: the txn is rolled back first, the back-off comes after it). Logged
     * on the first occurrence and at attempts 2, 4, 8..., with the count.
     */
    private void noteFailure(ErrorCode code, String message, String step, Duration retryIn, boolean rollingBack) {
        long now = clock.millis();
        long seq = state.progress().commitSeq();
        Optional<JobError> prev = status.error();
        java.util.List<String> can = actions(code, retryIn != null);
        JobError e = prev.filter(x -> x.sameAs(code, step, seq))
                .map(x -> new JobError(code, message, step, seq, x.firstAtMs(), now, x.count() + 1, can))
                .orElseGet(() -> new JobError(code, message, step, seq, now, now, 1, can));
        int attempt = status.attempt() + 1;
        listener.failed(step, code);
        if (retryIn != null) {
            status = new ObservedStatus(ObservedState.BACKING_OFF, step, Optional.of(e), attempt, now + retryIn.toMillis(),
                    status.state() == ObservedState.BACKING_OFF ? status.sinceMs() : now, status.verification());
        } else {
            status = new ObservedStatus(status.state(), step, Optional.of(e), attempt, 0, status.sinceMs(),
                    status.verification());
        }
        if (retryIn != null && Integer.bitCount(e.count()) == 1) {
            if (rollingBack) {
                log.warn("job {}: {} of binlog {} failed ({}: {}); rolling the txn back, then retrying after a back-off"
                        + " (attempt {}, {} time(s) in a row)", name, step, seq, code, message, attempt, e.count());
            } else {
                log.warn("job {}: {} of binlog {} failed ({}: {}); retrying in {} (attempt {}, {} time(s) in a row)",
                        name, step, seq, code, message, retryIn, attempt, e.count());
            }
        }
    }

    /** What the operator can do about a failure with this code ({@code retried}: the job tries again by itself). */
    private static java.util.List<String> actions(ErrorCode code, boolean retried) {
        if (code == ErrorCode.BINLOG_DISABLED) {
            return java.util.List.of("enable binlog on the source (the job copies again by itself)");
        }
        if (code.retriable() && retried) {
            return java.util.List.of("wait (retried by itself)", "pause");
        }
        return java.util.List.of("resume (try again)", "job_skip_binlog (skip the binlog)", "force_fullsync (copy again)");
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

    private boolean statusSaved() {
        synchronized (lock) {
            return status.equals(persistedStatus);
        }
    }

    private SyncProgress persistedProgress() {
        synchronized (lock) {
            return persisted;
        }
    }

    /** Saves the progress and status; false when the job must not go on now. */
    private boolean checkpoint(SyncProgress progress, java.util.List<dev.dorisccr.core.spi.JournalEntry> entries) {
        ObservedStatus s;
        synchronized (lock) {
            s = status;
        }
        try {
            checkpointer.save(progress, s, entries);
            synchronized (lock) {
                persisted = progress;
                persistedStatus = s;
                storeFailures = 0;
            }
            listener.checkpointed(progress);
            listener.journaled(entries);
            return true;
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (e instanceof CcrException ce && ce.code() == ErrorCode.LEASE_LOST) {
                    log.warn("job {}: lease lost, stopping here: {}", name, e.getMessage());
                    stop();
                    return false;
                }
                storeFailures++;
                Duration delay = Duration.ofSeconds(Math.min(60, 1L << Math.min(6, storeFailures)));
                ErrorCode code = e instanceof CcrException ce ? ce.code() : ErrorCode.STORE_UNAVAILABLE;
                log.warn("job {}: checkpoint failed ({}), retrying from the last checkpoint in {}", name, e.toString(),
                        delay);
                // the error stays in the state until a step succeeds, so the status shows it meanwhile
                state = JobMachine.State.resume(persisted).failed(code + ": checkpoint failed: " + e.getMessage(),
                        JobMachine.AfterRollback.REFETCH);
                noteFailure(code, "checkpoint failed: " + e.getMessage(), "checkpoint", delay, false);
                if (running) {
                    scheduleLocked(delay, new JobEvent.Tick());
                }
                listener.status(status);
                return false;
            }
        }
    }
}
