package dev.dorisccr.core.binlog;

import java.util.List;
import java.util.Map;

/**
 * The {@code MODIFY_TABLE_ADD_OR_DROP_COLUMNS} payload: Doris persist.TableAddOrDropColumnsInfo: a
 * light schema change added or dropped columns.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param jobId -1 when absent
 * @param indexSchemaMap index id to its full new schema
 * @param indexes the table's indexes after the change
 * @param rawSql the ALTER statement (newer Doris only), "" when absent
 */
public record ModifyTableAddOrDropColumnsRecord(
        long dbId,
        long tableId,
        long jobId,
        Map<Long, List<Column>> indexSchemaMap,
        List<IndexDef> indexes,
        String rawSql)
        implements BinlogRecord {
    public ModifyTableAddOrDropColumnsRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.id(jobId, "jobId");
        indexSchemaMap = Checks.deepMap(indexSchemaMap, "indexSchemaMap");
        indexes = Checks.list(indexes, "indexes");
        Checks.text(rawSql, "rawSql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_TABLE_ADD_OR_DROP_COLUMNS;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyTableAddOrDropColumns(this);
    }
}
