package dev.dorisccr.server.logging;

/**
 * Escapes control characters, so that text from users or clusters (names, SQL, error messages)
 * cannot start a new log line or rewrite the terminal: {@code \n}, {@code \r} and {@code \t} become
 * those two-character escapes, other C0/C1 controls, DEL and the Unicode line and paragraph
 * separators become {@code \}{@code uXXXX}. Everything else, backslashes included, is kept.
 */
public final class LogEscaping {
    private LogEscaping() {}

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
