package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

/** One column of a result set: its label and declared type. */
public record Column(String name, ColumnType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    public static Column of(String name, ColumnType type) {
        return new Column(name, type);
    }

    public static Column varchar(String name) {
        return new Column(name, ColumnType.VARCHAR);
    }

    public static Column bigint(String name) {
        return new Column(name, ColumnType.BIGINT);
    }
}
