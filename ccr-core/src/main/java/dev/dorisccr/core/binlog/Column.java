package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

/**
 * A Doris {@code Column} inside a payload, reduced to its name (key {@code name}); the other
 * column keys are not needed by the syncer and are ignored.
 *
 * @param name the logical column name
 */
public record Column(String name) {
    public Column {
        requireNonNull(name, "name is null");
    }
}
