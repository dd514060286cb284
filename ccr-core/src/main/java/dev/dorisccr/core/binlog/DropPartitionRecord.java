package dev.dorisccr.core.binlog;

/**
 * The {@code DROP_PARTITION} payload: Doris persist.DropPartitionInfo: a partition was dropped.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param partitionId key {@code pid}; -1 for payloads older than Doris #37196
 * @param partitionName the partition name
 * @param tempPartition key {@code isTempPartition}
 * @param forceDrop key {@code forceDrop}
 * @param recycleTime key {@code recycleTime}, 0 when absent
 * @param sql {@code DROP PARTITION [TEMPORARY ]`name`[ FORCE]}, "" when absent
 * @param version 0 when absent
 * @param versionTime 0 when absent
 */
public record DropPartitionRecord(
        long dbId,
        long tableId,
        long partitionId,
        String partitionName,
        boolean tempPartition,
        boolean forceDrop,
        long recycleTime,
        String sql,
        long version,
        long versionTime)
        implements BinlogRecord {
    public DropPartitionRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.id(partitionId, "partitionId");
        Checks.text(partitionName, "partitionName");
        Checks.text(sql, "sql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.DROP_PARTITION;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitDropPartition(this);
    }
}
