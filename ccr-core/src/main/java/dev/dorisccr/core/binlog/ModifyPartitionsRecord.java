package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code MODIFY_PARTITIONS} payload: Doris persist.BatchModifyPartitionsInfo: partition
 * properties changed.
 *
 * @param infos one entry per modified partition
 */
public record ModifyPartitionsRecord(
        List<PartitionChange> infos)
        implements BinlogRecord {
    public ModifyPartitionsRecord {
        infos = Checks.list(infos, "infos");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_PARTITIONS;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyPartitions(this);
    }

    /**
     * One persist.ModifyPartitionInfo.
     *
     * @param dbId the database id
     * @param tableId the table id
     * @param partitionId the partition id
     * @param partitionName newer Doris only, "" when absent
     * @param tempPartition key {@code isTempPartition}, false when absent
     * @param inMemory key {@code isInMemory}
     * @param dataProperty key {@code dataProperty}, empty when absent
     * @param storagePolicy "" when absent
     * @param tableProperties empty when absent
     */
    public record PartitionChange(
            long dbId,
            long tableId,
            long partitionId,
            String partitionName,
            boolean tempPartition,
            boolean inMemory,
            Optional<DataProperty> dataProperty,
            String storagePolicy,
            Map<String, String> tableProperties) {
        public PartitionChange {
            Checks.id(dbId, "dbId");
            Checks.id(tableId, "tableId");
            Checks.id(partitionId, "partitionId");
            Checks.text(partitionName, "partitionName");
            requireNonNull(dataProperty, "dataProperty is null");
            Checks.text(storagePolicy, "storagePolicy");
            tableProperties = Checks.map(tableProperties, "tableProperties");
        }
    }

    /**
     * A Doris DataProperty.
     *
     * @param storageMedium HDD or SSD, "" when absent
     * @param cooldownTimeMs -1 when absent
     * @param storagePolicy "" when absent
     * @param mutable key {@code isMutable}, true when absent
     */
    public record DataProperty(String storageMedium, long cooldownTimeMs, String storagePolicy, boolean mutable) {
        public DataProperty {
            Checks.text(storageMedium, "storageMedium");
            Checks.text(storagePolicy, "storagePolicy");
        }
    }
}
