package dev.dorisccr.core.binlog;

/**
 * The {@code RENAME_TABLE} payload: Doris persist.TableInfo for a table rename (short keys {@code db tb nT oT}).
 *
 * @param dbId key {@code db}
 * @param tableId key {@code tb}
 * @param newTableName key {@code nT}
 * @param oldTableName key {@code oT}
 */
public record RenameTableRecord(
        long dbId,
        long tableId,
        String newTableName,
        String oldTableName)
        implements BinlogRecord {
    public RenameTableRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(newTableName, "newTableName");
        Checks.text(oldTableName, "oldTableName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.RENAME_TABLE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitRenameTable(this);
    }
}
