package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * Which binlog stream to read: a database's, or one table's (by name, and by id when known: the
 * id wins on Doris 2.1+).
 *
 * @param database database name
 * @param table table name, "" for the database stream
 * @param tableId table id, or -1 when unknown
 */
public record BinlogScope(String database, String table, long tableId) {
    public BinlogScope {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }

    public static BinlogScope database(String database) {
        return new BinlogScope(database, "", -1);
    }

    public boolean isTable() {
        return !table.isEmpty() || tableId > 0;
    }
}
