package dev.dorisccr.core.machine;

/**
 * Carries out a {@link JobCommand} against the clusters and says what happened. Implementations
 * turn every failure into a {@link JobEvent.StepFailed} with a coded reason; they throw only for
 * bugs. They never see {@link JobCommand.RecheckAfter}: the runner schedules that itself.
 */
@FunctionalInterface
public interface CommandExecutor {
    JobEvent execute(JobCommand command);
}
