package dev.dorisccr.core.binlog;

/**
 * The {@code DROP_ROLLUP} payload: Doris persist.DropInfo: a rollup was dropped.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param tableName "" when absent
 * @param indexId -1 when absent
 * @param indexName the rollup name
 * @param forceDrop false when absent
 */
public record DropRollupRecord(
        long dbId,
        long tableId,
        String tableName,
        long indexId,
        String indexName,
        boolean forceDrop)
        implements BinlogRecord {
    public DropRollupRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.id(indexId, "indexId");
        Checks.text(indexName, "indexName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.DROP_ROLLUP;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitDropRollup(this);
    }
}
