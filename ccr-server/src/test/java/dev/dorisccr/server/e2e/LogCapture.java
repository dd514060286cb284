package dev.dorisccr.server.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log lines of a test, with their level and job (MDC {@code ccr.job}). */
final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previous = root.getLevel();

    LogCapture() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.INFO);
    }

    /** "LEVEL [job] message" for every line so far. */
    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getLevel() + " [" + e.getMDCPropertyMap().getOrDefault("ccr.job", "")
                    + "] " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(previous);
    }
}
