package dev.dorisccr.engine.internal;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The production {@link Scheduler}: a small shared {@link ScheduledExecutorService}. */
public final class ExecutorScheduler implements Scheduler {
    private final ScheduledExecutorService pool;

    public ExecutorScheduler(ScheduledExecutorService pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> f = pool.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
