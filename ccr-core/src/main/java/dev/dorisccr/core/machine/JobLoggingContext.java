package dev.dorisccr.core.machine;

import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts a job's name into the logging context (MDC key {@value #JOB}) for the lines logged on its
 * behalf, and restores the previous context on {@link #close()}; the server's log format prints it
 * as {@code ccrName=<job>}.
 *
 * <pre>{@code
 * try (JobLoggingContext ignored = JobLoggingContext.forJob("ccr_test")) {
 *     log.info("full sync done");
 * }
 * }</pre>
 */
public final class JobLoggingContext implements AutoCloseable {
    /** MDC key of the job name. */
    public static final String JOB = "ccr.job";

    private final String previous;

    private JobLoggingContext(String job) {
        this.previous = MDC.get(JOB);
        MDC.put(JOB, job);
    }

    public static JobLoggingContext forJob(String job) {
        return new JobLoggingContext(job);
    }

    /** {@code task} run with the logging context of the calling thread (for pool threads). */
    public static <T> Supplier<T> propagate(Supplier<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> saved = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                return task.get();
            } finally {
                if (saved == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(saved);
                }
            }
        };
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(JOB);
        } else {
            MDC.put(JOB, previous);
        }
    }
}
