package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

/**
 * One column of a result set: its label, declared type and the decimals the column definition
 * reports (fraction digits of a DATETIME(p) or DECIMAL(p, s); -1 for the type's default).
 */
public record Column(String name, ColumnType type, int decimals) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
        if (decimals < -1 || decimals > 31) {
            throw new IllegalArgumentException("decimals out of range -1..31: " + decimals);
        }
    }

    public Column(String name, ColumnType type) {
        this(name, type, -1);
    }

    /** The decimals sent in the column definition. */
    int wireDecimals() {
        return decimals >= 0 ? decimals : type.decimals();
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
