package dev.dorisccr.core.machine;

/**
 * Carries out a {@link JobCommand} against the clusters and says what happened. Implementations
 * turn every failure into a {@link JobEvent.StepFailed} with a coded reason; they throw only for
 * bugs. They never see {@link JobCommand.RecheckAfter}: the runner schedules that itself.
 */
@FunctionalInterface
public interface CommandExecutor {
    JobEvent execute(JobCommand command);

    /**
     * The runner takes no step for now (paused, or failed until the operator acts): let go at
     * once of what was taken for steps that may not come, such as txns begun ahead of their turn
     * and the txn of the binlog in flight. {@code fromCheckpoint}: the next step starts again from
     * the last checkpoint (a pause); false: the job failed and waits for the operator, its machine
     * state kept, which names no open txn (the machine rolled its txn back and put its progress
     * before the binlog's begin when it halted). Called by the runner between steps, never while
     * one runs; the default holds nothing.
     */
    default void release(boolean fromCheckpoint) {}
}
