package dev.dorisccr.core.binlog;

/**
 * The {@code CREATE_TABLE} payload: Doris binlog.CreateTableRecord: a table or view was created
 * (db stream only).
 *
 * @param commitSeq the commit sequence
 * @param dbId the database id
 * @param dbName "" when absent
 * @param tableId the table id
 * @param tableName "" when absent
 * @param tableType OLAP, VIEW, MATERIALIZED_VIEW..., "" when absent
 * @param sql the CREATE statement in for-sync form; "" when Doris failed to render it
 */
public record CreateTableRecord(
        long commitSeq,
        long dbId,
        String dbName,
        long tableId,
        String tableName,
        String tableType,
        String sql)
        implements BinlogRecord {
    public CreateTableRecord {
        Checks.id(commitSeq, "commitSeq");
        Checks.id(dbId, "dbId");
        Checks.text(dbName, "dbName");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.text(tableType, "tableType");
        Checks.text(sql, "sql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.CREATE_TABLE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitCreateTable(this);
    }
}
