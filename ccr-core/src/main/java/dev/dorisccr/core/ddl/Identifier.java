package dev.dorisccr.core.ddl;

import static java.util.Objects.requireNonNull;

/**
 * A Doris identifier (database, table, column, partition, view, rollup name). It always renders
 * quoted with backticks; a backtick inside the name is doubled, so any name, keyword or unicode,
 * is safe to embed in a statement.
 *
 * @param name the raw name, as Doris stores it (no quotes)
 */
public record Identifier(String name) {
    /** The longest name quoted (Doris's own limits are lower; this one keeps SQL text bounded). */
    public static final int MAX_LENGTH = 1024;

    public Identifier {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("identifier is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("identifier longer than " + MAX_LENGTH + " chars");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
    }

    public static Identifier of(String name) {
        return new Identifier(name);
    }

    /** The name quoted for Doris: {@code `a``b`} for {@code a`b}. */
    public String quoted() {
        StringBuilder sb = new StringBuilder(name.length() + 2).append('`');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`') {
                sb.append('`');
            }
            sb.append(c);
        }
        return sb.append('`').toString();
    }

    /** The raw name; use {@link #quoted()} to put it in SQL. */
    @Override
    public String toString() {
        return name;
    }
}
