package dev.dorisccr.core.ddl.render;

import static java.util.Objects.requireNonNull;

/**
 * A rendered SQL statement, ready to send to a Doris FE. Statements are built from typed
 * identifiers and rendered in this package; the rest of the code passes {@code Sql} values around
 * and never concatenates SQL text. {@link #toString()} returns the text, which never contains
 * secrets (Doris statements the syncer sends carry no passwords).
 */
public final class Sql {
    private final String text;

    private Sql(String text) {
        this.text = text;
    }

    /**
     * Wraps already rendered text. Only the renderers and rewriters under
     * {@code dev.dorisccr.core.ddl} and tests should call this.
     */
    public static Sql of(String text) {
        requireNonNull(text, "text is null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty SQL statement");
        }
        return new Sql(text);
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sql s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
