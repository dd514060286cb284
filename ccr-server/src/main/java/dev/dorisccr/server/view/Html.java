package dev.dorisccr.server.view;

import dev.dorisccr.core.job.ObservedState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Escaping and formatting for the status page. Every string that comes from an operator or a
 * cluster (job names, hosts, table names, error messages, event texts) goes through {@link
 * #escape} before it reaches the page, in text and in attribute values alike.
 */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Html() {}

    /** {@code s} as HTML text or a quoted attribute value: {@code & < > " '} become entities. */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r == null && Character.isISOControl(c) && c != '\n' && c != '\t') {
                r = "\uFFFD"; // a control character has no business on the page
            }
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** Epoch ms as {@code yyyy-MM-dd HH:mm:ss} in {@code zone}. */
    static String time(long epochMs, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** Epoch ms as {@code HH:mm:ss} in {@code zone}. */
    static String clock(long epochMs, ZoneId zone) {
        return CLOCK.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** {@code 12 s ago}, {@code 3 min ago}, {@code in 20 s}: how far {@code epochMs} is from {@code nowMs}. */
    static String relative(long epochMs, long nowMs) {
        long d = nowMs - epochMs;
        String span = span(Duration.ofMillis(Math.abs(d)));
        return d >= 0 ? span + " ago" : "in " + span;
    }

    /** A short human form of {@code d}: {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
    static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            long m = (s % 3600) / 60;
            return (s / 3600) + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long h = (s % 86_400) / 3600;
        return (s / 86_400) + " d" + (h == 0 ? "" : " " + h + " h");
    }

    /** {@code n} with thousands separators: {@code 1,234,567}. */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The CSS class of a status pill or row: {@code s-caught_up}, ... */
    static String stateClass(ObservedState s) {
        return "s-" + s.name().toLowerCase(Locale.ROOT);
    }
}
