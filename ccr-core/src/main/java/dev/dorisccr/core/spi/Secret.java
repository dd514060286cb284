package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * A password or token. {@link #toString()} never shows the value, so a secret that reaches a log
 * line or an error message by accident stays hidden. Read the value with {@link #reveal()} only at
 * the edge that sends it.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        requireNonNull(value, "value is null");
        return value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }
}
