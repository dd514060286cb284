package dev.dorisccr.core.binlog;

/**
 * The {@code MODIFY_DISTRIBUTION_TYPE} payload: Doris persist.TableInfo for a distribution-type
 * change (only {@code db} and {@code tb} are set).
 *
 * @param dbId key {@code db}
 * @param tableId key {@code tb}
 */
public record ModifyDistributionTypeRecord(
        long dbId,
        long tableId)
        implements BinlogRecord {
    public ModifyDistributionTypeRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_DISTRIBUTION_TYPE;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyDistributionType(this);
    }
}
