package dev.dorisccr.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %cmsg}: the formatted message with control characters escaped ({@link LogEscaping}). */
public final class EscapedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogEscaping.escape(event.getFormattedMessage());
    }
}
