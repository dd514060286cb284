package dev.dorisccr.testkit.schema;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One column.
 *
 * @param name column name as declared
 * @param type Doris type text, upper case, with its arguments: {@code INT}, {@code VARCHAR(20)},
 *     {@code DECIMAL(10, 2)}, {@code DATETIME(3)}
 * @param nullable NULL (true) or NOT NULL
 * @param key part of the key columns
 * @param aggregation aggregate type of a value column in an AGGREGATE table ({@code SUM}, {@code
 *     REPLACE}...), "" otherwise
 * @param defaultValue the DEFAULT literal as written without quotes; empty when there is no DEFAULT,
 *     {@code Optional.of("NULL")} is not used: DEFAULT NULL is {@link #defaultNull}
 * @param defaultNull DEFAULT NULL was declared
 * @param comment column comment, "" when none
 */
public record ColumnDef(String name, String type, boolean nullable, boolean key, String aggregation,
        Optional<String> defaultValue, boolean defaultNull, String comment) {
    public ColumnDef {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(aggregation, "aggregation is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(comment, "comment is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        if (type.isEmpty()) {
            throw new IllegalArgumentException("column " + name + " has no type");
        }
    }

    /** A nullable non-key column without default or comment. */
    public static ColumnDef of(String name, String type) {
        return new ColumnDef(name, type, true, false, "", Optional.empty(), false, "");
    }

    public ColumnDef withName(String newName) {
        return new ColumnDef(newName, type, nullable, key, aggregation, defaultValue, defaultNull, comment);
    }

    public ColumnDef withComment(String newComment) {
        return new ColumnDef(name, type, nullable, key, aggregation, defaultValue, defaultNull, newComment);
    }

    public ColumnDef withKey(boolean isKey) {
        return new ColumnDef(name, type, nullable, isKey, aggregation, defaultValue, defaultNull, comment);
    }
}
