package dev.dorisccr.core.binlog;

/**
 * The {@code RENAME_ROLLUP} payload: Doris persist.TableInfo for a rollup rename (short keys
 * {@code db tb ind nR oR}).
 *
 * @param dbId key {@code db}
 * @param tableId key {@code tb}
 * @param indexId key {@code ind}
 * @param newRollupName key {@code nR}
 * @param oldRollupName key {@code oR}
 */
public record RenameRollupRecord(
        long dbId,
        long tableId,
        long indexId,
        String newRollupName,
        String oldRollupName)
        implements BinlogRecord {
    public RenameRollupRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.id(indexId, "indexId");
        Checks.text(newRollupName, "newRollupName");
        Checks.text(oldRollupName, "oldRollupName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.RENAME_ROLLUP;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitRenameRollup(this);
    }
}
