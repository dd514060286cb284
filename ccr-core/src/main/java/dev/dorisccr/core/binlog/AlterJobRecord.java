package dev.dorisccr.core.binlog;

import java.util.Map;

/**
 * The {@code ALTER_JOB} payload: Doris binlog.AlterJobRecord: a schema-change or rollup job
 * changed state.
 *
 * @param jobType key {@code type}: SCHEMA_CHANGE, ROLLUP...
 * @param dbId the database id
 * @param tableId the table id
 * @param tableName "" when absent
 * @param jobId the job id
 * @param jobState PENDING, WAITING_TXN, RUNNING, FINISHED or CANCELLED
 * @param rawSql "" when absent
 * @param shadowToOriginIndexIds key {@code iim}: shadow index id to origin index id; empty when
 *     absent
 * @param rollupIndexId rollup only, -1 when absent
 * @param rollupIndexName key {@code rollUpIndexName}, "" when absent
 * @param baseIndexId rollup only, -1 when absent
 * @param baseIndexName "" when absent
 */
public record AlterJobRecord(
        String jobType,
        long dbId,
        long tableId,
        String tableName,
        long jobId,
        String jobState,
        String rawSql,
        Map<Long, Long> shadowToOriginIndexIds,
        long rollupIndexId,
        String rollupIndexName,
        long baseIndexId,
        String baseIndexName)
        implements BinlogRecord {
    public AlterJobRecord {
        Checks.text(jobType, "jobType");
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.id(jobId, "jobId");
        Checks.text(jobState, "jobState");
        Checks.text(rawSql, "rawSql");
        shadowToOriginIndexIds = Checks.map(shadowToOriginIndexIds, "shadowToOriginIndexIds");
        Checks.id(rollupIndexId, "rollupIndexId");
        Checks.text(rollupIndexName, "rollupIndexName");
        Checks.id(baseIndexId, "baseIndexId");
        Checks.text(baseIndexName, "baseIndexName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.ALTER_JOB;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitAlterJob(this);
    }
}
