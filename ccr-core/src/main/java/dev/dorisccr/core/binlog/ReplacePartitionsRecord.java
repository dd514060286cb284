package dev.dorisccr.core.binlog;

import java.util.List;

/**
 * The {@code REPLACE_PARTITIONS} payload: Doris persist.ReplacePartitionOperationLog: partitions
 * were replaced by temporary partitions.
 *
 * @param dbId the database id
 * @param dbName "" when absent
 * @param tableId key {@code tblId}
 * @param tableName key {@code tblName}, "" when absent
 * @param partitions the replaced partition names
 * @param tempPartitions the temporary partition names
 * @param strictRange false when absent
 * @param useTempPartitionName false when absent
 * @param version 0 when absent
 * @param versionTime 0 when absent
 * @param force false when absent
 */
public record ReplacePartitionsRecord(
        long dbId,
        String dbName,
        long tableId,
        String tableName,
        List<String> partitions,
        List<String> tempPartitions,
        boolean strictRange,
        boolean useTempPartitionName,
        long version,
        long versionTime,
        boolean force)
        implements BinlogRecord {
    public ReplacePartitionsRecord {
        Checks.id(dbId, "dbId");
        Checks.text(dbName, "dbName");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        partitions = Checks.list(partitions, "partitions");
        tempPartitions = Checks.list(tempPartitions, "tempPartitions");
    }

    @Override
    public BinlogType type() {
        return BinlogType.REPLACE_PARTITIONS;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitReplacePartitions(this);
    }
}
