package dev.dorisccr.server.config;

import java.util.Locale;

/** Sizes such as {@code 1GB}, {@code 512MB}, {@code 64KiB} or plain bytes; K, M and G are powers of 1024. */
final class ByteSize {
    private ByteSize() {}

    static long parse(String flag, String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            throw new IllegalArgumentException(flag + ": not a size: \"" + text + "\" (e.g. 1GB, 512MB)");
        }
        long n = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).strip();
        long factor = switch (unit) {
            case "", "B" -> 1L;
            case "K", "KB", "KIB" -> 1L << 10;
            case "M", "MB", "MIB" -> 1L << 20;
            case "G", "GB", "GIB" -> 1L << 30;
            default -> throw new IllegalArgumentException(flag + ": unknown unit \"" + unit + "\" in \"" + text
                    + "\" (KB, MB, GB)");
        };
        long bytes = n * factor;
        if (bytes < 1024) {
            throw new IllegalArgumentException(flag + " must be at least 1KB, not \"" + text + "\"");
        }
        return bytes;
    }
}
