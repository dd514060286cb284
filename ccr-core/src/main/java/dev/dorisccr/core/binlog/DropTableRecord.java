package dev.dorisccr.core.binlog;

/**
 * The {@code DROP_TABLE} payload: Doris binlog.DropTableRecord: a table was dropped (db stream
 * only).
 *
 * @param commitSeq the commit sequence
 * @param dbId the database id
 * @param tableId the table id
 * @param tableName "" when absent
 * @param rawSql {@code DROP TABLE IF EXISTS `name`}, "" when absent
 */
public record DropTableRecord(
        long commitSeq,
        long dbId,
        long tableId,
        String tableName,
        String rawSql)
        implements BinlogRecord {
    public DropTableRecord {
        Checks.id(commitSeq, "commitSeq");
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.text(rawSql, "rawSql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.DROP_TABLE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitDropTable(this);
    }
}
