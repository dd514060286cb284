package dev.dorisccr.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.dorisccr.core.machine.JobLoggingContext;

/**
 * {@code %ccrhooks} / {@code %ccrhooks{line}}: the Go syncer's hook fields, {@code  ccrName=<job>}
 * when the MDC holds {@link JobLoggingContext#JOB} (escaped), and with the {@code line} option {@code
 * line=<file:line>} of the logging call.
 */
public final class JobHooksConverter extends ClassicConverter {
    /** The MDC key of the job a line is logged for. */
    public static final String JOB_KEY = JobLoggingContext.JOB;

    private boolean line;

    @Override
    public void start() {
        line = "line".equals(getFirstOption());
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder();
        String job = event.getMDCPropertyMap().get(JOB_KEY);
        if (job != null && !job.isEmpty()) {
            sb.append(" ccrName=").append(LogEscaping.escape(job));
        }
        if (line) {
            StackTraceElement[] caller = event.getCallerData();
            if (caller != null && caller.length > 0) {
                sb.append(" line=").append(caller[0].getFileName()).append(':').append(caller[0].getLineNumber());
            }
        }
        return sb.toString();
    }
}
