package dev.dorisccr.core.spi;

import java.time.Duration;

/**
 * Runs tasks later on a small shared pool: the only way the engine waits. Production code uses a
 * {@code ScheduledExecutorService}; tests use a manual scheduler that runs tasks when the test
 * advances its clock.
 */
public interface Scheduler {
    /** Runs {@code task} once after {@code delay} (zero: as soon as a thread is free). */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that may be called off. */
    interface Cancellable {
        /** Calls the task off if it has not started; a running task finishes. */
        void cancel();
    }
}
