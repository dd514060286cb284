package dev.dorisccr.core.binlog;

import java.util.List;

/**
 * The {@code INDEX_CHANGE_JOB} payload: Doris alter.IndexChangeJob: a BUILD INDEX job changed
 * state.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param tableName "" when absent
 * @param partitionId -1 when absent
 * @param partitionName "" when absent
 * @param jobState RUNNING, FINISHED, CANCELLED or WATING_TXN (sic); "" when absent
 * @param errMsg "" when absent
 * @param createTimeMs -1 when absent
 * @param finishedTimeMs -1 when absent
 * @param dropOp key {@code isDropOp}
 * @param originIndexId -1 when absent
 * @param timeoutMs -1 when absent
 * @param alterInvertedIndexes empty when absent
 */
public record IndexChangeJobRecord(
        long dbId,
        long tableId,
        String tableName,
        long partitionId,
        String partitionName,
        String jobState,
        String errMsg,
        long createTimeMs,
        long finishedTimeMs,
        boolean dropOp,
        long originIndexId,
        long timeoutMs,
        List<IndexDef> alterInvertedIndexes)
        implements BinlogRecord {
    public IndexChangeJobRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.id(partitionId, "partitionId");
        Checks.text(partitionName, "partitionName");
        Checks.text(jobState, "jobState");
        Checks.text(errMsg, "errMsg");
        Checks.id(originIndexId, "originIndexId");
        alterInvertedIndexes = Checks.list(alterInvertedIndexes, "alterInvertedIndexes");
    }

    @Override
    public BinlogType type() {
        return BinlogType.INDEX_CHANGE_JOB;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitIndexChangeJob(this);
    }
}
