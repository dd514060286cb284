package dev.dorisccr.core.binlog;

/**
 * The {@code RECOVER_INFO} payload: Doris persist.RecoverInfo: a table or partition was recovered
 * from the recycle bin.
 *
 * @param dbId the database id
 * @param newDbName "" when absent
 * @param tableId the table id
 * @param tableName the table name
 * @param newTableName "" when absent
 * @param partitionId -1 when absent
 * @param partitionName "" when absent
 * @param newPartitionName "" when absent
 */
public record RecoverInfoRecord(
        long dbId,
        String newDbName,
        long tableId,
        String tableName,
        String newTableName,
        long partitionId,
        String partitionName,
        String newPartitionName)
        implements BinlogRecord {
    public RecoverInfoRecord {
        Checks.id(dbId, "dbId");
        Checks.text(newDbName, "newDbName");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.text(newTableName, "newTableName");
        Checks.id(partitionId, "partitionId");
        Checks.text(partitionName, "partitionName");
        Checks.text(newPartitionName, "newPartitionName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.RECOVER_INFO;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitRecoverInfo(this);
    }

    /** True when a whole table was recovered (no partition name, or partition id -1). */
    public boolean recoversTable() {
        return partitionName.isEmpty() || partitionId == -1;
    }
}
