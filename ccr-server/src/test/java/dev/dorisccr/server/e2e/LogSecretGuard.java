package dev.dorisccr.server.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Watches every log event of this JVM that the configuration lets through (in tests the root level
 * is WARN unless {@code -Dccr.log.level}, so WARN and ERROR; {@code LogCapture} lowers it to INFO
 * for its tests; the separate-process suites scan the syncer's full INFO log file) and checks,
 * on {@link #assertNoSecrets}, that none holds a secret in its message, MDC or exception text.
 * The e2e harness wires one around each scenario. Events are checked as they come, so memory stays flat.
 */
final class LogSecretGuard implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final SecretScan scan;
    private final List<String> hits = new ArrayList<>();
    private long events;
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(e.getFormattedMessage() == null ? "" : e.getFormattedMessage());
            e.getMDCPropertyMap().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            if (e.getThrowableProxy() != null) {
                b.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
            List<String> found = scan.hits("a " + e.getLevel() + " line of " + e.getLoggerName(), b.toString());
            synchronized (hits) {
                events++;
                hits.addAll(found);
            }
        }
    };

    LogSecretGuard(SecretScan scan) {
        this.scan = scan;
        appender.setContext(root.getLoggerContext());
        appender.setName("secret-guard");
        appender.start();
        root.addAppender(appender);
    }

    long events() {
        synchronized (hits) {
            return events;
        }
    }

    void assertNoSecrets() {
        synchronized (hits) {
            if (!hits.isEmpty()) {
                throw new AssertionError("secrets in the log: " + hits.subList(0, Math.min(10, hits.size())));
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
