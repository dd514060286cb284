package dev.dorisccr.server.config;

import java.util.Locale;

/** The Go syncer's log levels (logrus names) mapped onto Logback's. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    static LogLevel parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "TRACE": return TRACE;
            case "DEBUG": return DEBUG;
            case "INFO": return INFO;
            case "WARN":
            case "WARNING":
                return WARN;
            case "ERROR":
            case "FATAL":
            case "PANIC":
                return ERROR;
            default:
                throw new IllegalArgumentException("-log_level must be trace, debug, info, warn or error, not \"" + text + "\"");
        }
    }
}
