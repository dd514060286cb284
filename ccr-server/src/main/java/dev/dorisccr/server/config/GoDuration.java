package dev.dorisccr.server.config;

import java.time.Duration;

/** Go's duration syntax as the Go syncer's flags take it: {@code 10s}, {@code 1m30s}, {@code 500ms}. */
public final class GoDuration {
    private GoDuration() {}

    /** Parses {@code text}; an empty, malformed or zero duration is refused with a message naming {@code flag}. */
    public static Duration parse(String flag, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(flag + " is empty");
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (start == i || i - start > 12) {
                throw new IllegalArgumentException(flag + ": not a duration: \"" + text + "\" (e.g. 10s, 1m30s)");
            }
            long n = Long.parseLong(text.substring(start, i));
            int unitStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            String unit = text.substring(unitStart, i);
            switch (unit) {
                case "ms": total = total.plusMillis(n); break;
                case "s": total = total.plusSeconds(n); break;
                case "m": total = total.plusMinutes(n); break;
                case "h": total = total.plusHours(n); break;
                default:
                    throw new IllegalArgumentException(flag + ": unknown unit \"" + unit + "\" in \"" + text
                            + "\" (ms, s, m, h)");
            }
        }
        if (total.isZero()) {
            throw new IllegalArgumentException(flag + " must be positive");
        }
        return total;
    }
}
