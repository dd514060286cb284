package dev.dorisccr.core.binlog;

/**
 * The {@code RENAME_PARTITION} payload: Doris persist.TableInfo for a partition rename (short keys
 * {@code db tb p nP oP}).
 *
 * @param dbId key {@code db}
 * @param tableId key {@code tb}
 * @param partitionId key {@code p}
 * @param newPartitionName key {@code nP}
 * @param oldPartitionName key {@code oP}
 */
public record RenamePartitionRecord(
        long dbId,
        long tableId,
        long partitionId,
        String newPartitionName,
        String oldPartitionName)
        implements BinlogRecord {
    public RenamePartitionRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.id(partitionId, "partitionId");
        Checks.text(newPartitionName, "newPartitionName");
        Checks.text(oldPartitionName, "oldPartitionName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.RENAME_PARTITION;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitRenamePartition(this);
    }
}
