package dev.dorisccr.core.binlog;

/**
 * The {@code REPLACE_TABLE} payload: Doris persist.ReplaceTableOperationLog: {@code ALTER TABLE
 * ... REPLACE WITH TABLE}.
 *
 * @param dbId the database id
 * @param origTableId key {@code origTblId}
 * @param origTableName key {@code origTblName}
 * @param newTableId key {@code newTblName}, which holds the new table <em>id</em> (a Doris naming
 *     accident)
 * @param newTableName key {@code actualNewTblName}
 * @param swapTable false when absent
 * @param force key {@code isForce}, true when absent (old records)
 */
public record ReplaceTableRecord(
        long dbId,
        long origTableId,
        String origTableName,
        long newTableId,
        String newTableName,
        boolean swapTable,
        boolean force)
        implements BinlogRecord {
    public ReplaceTableRecord {
        Checks.id(dbId, "dbId");
        Checks.id(origTableId, "origTableId");
        Checks.text(origTableName, "origTableName");
        Checks.id(newTableId, "newTableId");
        Checks.text(newTableName, "newTableName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.REPLACE_TABLE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitReplaceTable(this);
    }
}
