package dev.dorisccr.core.binlog;

import java.util.List;
import java.util.Map;

/**
 * The {@code UPSERT} payload: Doris binlog.UpsertRecord: the partitions whose versions one
 * committed load transaction made visible.
 *
 * @param commitSeq the commit sequence (key {@code commitSeq})
 * @param txnId the source transaction id
 * @param timeStamp the transaction finish time in ms (key {@code timeStamp}, capital S)
 * @param label the source load label, "" when absent
 * @param dbId the database id
 * @param tableRecords table id to the changes in that table
 * @param stids sub-transaction ids of a multi-statement transaction; empty when absent
 */
public record UpsertRecord(
        long commitSeq,
        long txnId,
        long timeStamp,
        String label,
        long dbId,
        Map<Long, TableRecord> tableRecords,
        List<Long> stids)
        implements BinlogRecord {
    public UpsertRecord {
        Checks.id(commitSeq, "commitSeq");
        Checks.id(txnId, "txnId");
        Checks.text(label, "label");
        Checks.id(dbId, "dbId");
        tableRecords = Checks.map(tableRecords, "tableRecords");
        stids = Checks.list(stids, "stids");
    }

    @Override
    public BinlogType type() {
        return BinlogType.UPSERT;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitUpsert(this);
    }

    /**
     * The changes one transaction made to one table.
     *
     * @param partitionRecords the partitions that got a new visible version
     * @param indexIds the materialized index ids the load touched
     */
    public record TableRecord(List<PartitionRecord> partitionRecords, List<Long> indexIds) {
        public TableRecord {
            partitionRecords = Checks.list(partitionRecords, "partitionRecords");
            indexIds = Checks.list(indexIds, "indexIds");
        }
    }

    /**
     * One partition's new version.
     *
     * @param partitionId the partition id
     * @param range the FE's textual form of the range or list item, used to map partitions
     * @param version the new visible version (the {@code binlog_version} to ingest)
     * @param tempPartition key {@code isTempPartition}
     * @param stid the sub-transaction id, -1 unless this is a sub-transaction
     */
    public record PartitionRecord(long partitionId, String range, long version, boolean tempPartition, long stid) {
        public PartitionRecord {
            Checks.id(partitionId, "partitionId");
            Checks.text(range, "range");
            Checks.id(stid, "stid");
        }
    }
}
