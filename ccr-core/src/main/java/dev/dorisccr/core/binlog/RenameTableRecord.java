package dev.dorisccr.core.binlog;

/**
 * The {@code RENAME_TABLE} payload: Doris persist.TableInfo (short keys {@code db tb ind p nT oT
 * nR oR
 * nP oP}). Older Doris versions also sent rollup and partition renames with this type, so every
 * pair is kept; the Go syncer lets the last non-empty pair (table, rollup, partition) decide.
 *
 * @param dbId key {@code db}
 * @param tableId key {@code tb}
 * @param indexId key {@code ind}, -1 when it does not apply
 * @param partitionId key {@code p}, -1 when it does not apply
 * @param newTableName key {@code nT}, "" when it does not apply
 * @param oldTableName key {@code oT}
 * @param newRollupName key {@code nR}
 * @param oldRollupName key {@code oR}
 * @param newPartitionName key {@code nP}
 * @param oldPartitionName key {@code oP}
 */
public record RenameTableRecord(
        long dbId,
        long tableId,
        long indexId,
        long partitionId,
        String newTableName,
        String oldTableName,
        String newRollupName,
        String oldRollupName,
        String newPartitionName,
        String oldPartitionName)
        implements BinlogRecord {
    public RenameTableRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.id(indexId, "indexId");
        Checks.id(partitionId, "partitionId");
        Checks.text(newTableName, "newTableName");
        Checks.text(oldTableName, "oldTableName");
        Checks.text(newRollupName, "newRollupName");
        Checks.text(oldRollupName, "oldRollupName");
        Checks.text(newPartitionName, "newPartitionName");
        Checks.text(oldPartitionName, "oldPartitionName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.RENAME_TABLE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitRenameTable(this);
    }
}
