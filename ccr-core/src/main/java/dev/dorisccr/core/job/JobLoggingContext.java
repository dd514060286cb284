package dev.dorisccr.core.job;

import org.slf4j.MDC;

/**
 * Puts a job's name into the logging MDC (key {@value #JOB_KEY}) for the lines logged on its
 * behalf, and restores what was there before on close:
 *
 * <pre>{@code
 * try (JobLoggingContext ignored = JobLoggingContext.of("ccr_test")) {
 *     log.info("applied"); // the log pattern prints ccrName=ccr_test
 * }
 * }</pre>
 */
public final class JobLoggingContext implements AutoCloseable {
    /** The MDC key; the server's log pattern prints it as {@code ccrName=...}. */
    public static final String JOB_KEY = "ccr.job";
    private final String previous;

    private JobLoggingContext(String job) {
        previous = MDC.get(JOB_KEY);
        MDC.put(JOB_KEY, job);
    }

    public static JobLoggingContext of(String job) {
        return new JobLoggingContext(job);
    }

    /** A task that runs with the current thread's job (if any) on another thread. */
    public static Runnable wrap(Runnable task) {
        String job = MDC.get(JOB_KEY);
        if (job == null) {
            return task;
        }
        return () -> {
            try (JobLoggingContext ignored = of(job)) {
                task.run();
            }
        };
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(JOB_KEY);
        } else {
            MDC.put(JOB_KEY, previous);
        }
    }
}
