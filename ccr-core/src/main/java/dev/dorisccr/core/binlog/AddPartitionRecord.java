package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The {@code ADD_PARTITION} payload: Doris binlog.AddPartitionRecord: a partition was added;
 * {@code sql} is the ADD PARTITION clause without DISTRIBUTED BY.
 *
 * @param commitSeq the commit sequence
 * @param dbId the database id
 * @param tableId the table id
 * @param partition the new partition (key {@code partition})
 * @param tempPartition key {@code isTempPartition}
 * @param inMemory key {@code isInMemory}
 * @param mutable key {@code isMutable}, true when absent
 * @param sql the {@code ADD [TEMPORARY ]PARTITION} clause, "" when absent
 */
public record AddPartitionRecord(
        long commitSeq,
        long dbId,
        long tableId,
        Partition partition,
        boolean tempPartition,
        boolean inMemory,
        boolean mutable,
        String sql)
        implements BinlogRecord {
    public AddPartitionRecord {
        Checks.id(commitSeq, "commitSeq");
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        requireNonNull(partition, "partition is null");
        Checks.text(sql, "sql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.ADD_PARTITION;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitAddPartition(this);
    }

    /**
     * The parts of the Doris {@code Partition} object the syncer needs; the rest is ignored.
     *
     * @param id the partition id
     * @param name the partition name
     * @param visibleVersion the visible version, -1 when absent
     * @param distributionInfo key {@code di} (new) or {@code distributionInfo} (old); empty when absent
     */
    public record Partition(long id, String name, long visibleVersion, Optional<DistributionInfo> distributionInfo) {
        public Partition {
            Checks.id(id, "id");
            Checks.text(name, "name");
            requireNonNull(distributionInfo, "distributionInfo is null");
        }
    }
}
