package dev.dorisccr.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %cex}: the stack trace with every line indented by a tab and control characters inside a
 * line escaped, so that an exception message holding a newline cannot forge a log record (records
 * start at column 0 with {@code [}).
 */
public final class EscapedThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String trace = super.convert(event);
        if (trace == null || trace.isEmpty()) {
            return trace;
        }
        StringBuilder sb = new StringBuilder(trace.length() + 64);
        for (String line : trace.split("\r\n|\n|\r", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '\t') {
                sb.append('\t').append(LogEscaping.escape(line.substring(1)));
            } else {
                sb.append('\t').append(LogEscaping.escape(line));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
