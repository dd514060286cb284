package dev.dorisccr.core.binlog;

/**
 * The {@code TRUNCATE_TABLE} payload: Doris binlog.TruncateTableRecord: a table or some of its
 * partitions were truncated.
 *
 * @param dbId the database id
 * @param dbName key {@code db}, "" when absent
 * @param tableId key {@code tblId}
 * @param tableName key {@code table}, "" when absent
 * @param entireTable key {@code isEntireTable}
 * @param rawSql the partition clause such as {@code PARTITIONS (p1, p2)}, "" for the whole table
 */
public record TruncateTableRecord(
        long dbId,
        String dbName,
        long tableId,
        String tableName,
        boolean entireTable,
        String rawSql)
        implements BinlogRecord {
    public TruncateTableRecord {
        Checks.id(dbId, "dbId");
        Checks.text(dbName, "dbName");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.text(rawSql, "rawSql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.TRUNCATE_TABLE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitTruncateTable(this);
    }
}
