package dev.dorisccr.core.binlog;

import java.util.Map;

/**
 * The {@code RENAME_COLUMN} payload: Doris persist.TableRenameColumnInfo: a column was renamed.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param colName the old column name
 * @param newColName the new column name
 * @param indexIdToSchemaVersion newer Doris only; empty when absent
 */
public record RenameColumnRecord(
        long dbId,
        long tableId,
        String colName,
        String newColName,
        Map<Long, Long> indexIdToSchemaVersion)
        implements BinlogRecord {
    public RenameColumnRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(colName, "colName");
        Checks.text(newColName, "newColName");
        indexIdToSchemaVersion = Checks.map(indexIdToSchemaVersion, "indexIdToSchemaVersion");
    }

    @Override
    public BinlogType type() {
        return BinlogType.RENAME_COLUMN;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitRenameColumn(this);
    }
}
