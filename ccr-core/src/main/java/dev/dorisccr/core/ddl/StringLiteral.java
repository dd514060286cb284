package dev.dorisccr.core.ddl;

import static java.util.Objects.requireNonNull;

/**
 * A string value (property key or value, comment) rendered as a double-quoted Doris literal.
 * Backslashes, quotes and control characters are escaped the way the Doris lexer reads them.
 *
 * @param value the raw value
 */
public record StringLiteral(String value) {
    public StringLiteral {
        requireNonNull(value, "value is null");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string literal contains a NUL character");
        }
    }

    public static StringLiteral of(String value) {
        return new StringLiteral(value);
    }

    /** The literal in double quotes: {@code "a\"b"} for {@code a"b}. */
    public String quoted() {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
