package dev.dorisccr.core.binlog;

/**
 * The {@code BARRIER} payload: Doris persist.BarrierLog. A barrier that wraps another binlog
 * (Doris 2.x) is unwrapped by {@link BinlogDecoder}; this record then describes the wrapper.
 *
 * @param dbId the database id
 * @param dbName "" when absent
 * @param tableId the table id
 * @param tableName "" when absent
 * @param wrappedTypeCode key {@code binlogType}: the wrapped type number, -1 when absent
 * @param wrappedJson key {@code binlog}: the wrapped JSON, "" when nothing is wrapped
 */
public record BarrierRecord(
        long dbId,
        String dbName,
        long tableId,
        String tableName,
        int wrappedTypeCode,
        String wrappedJson)
        implements BinlogRecord {
    public BarrierRecord {
        Checks.id(dbId, "dbId");
        Checks.text(dbName, "dbName");
        Checks.id(tableId, "tableId");
        Checks.text(tableName, "tableName");
        Checks.text(wrappedJson, "wrappedJson");
    }

    @Override
    public BinlogType type() {
        return BinlogType.BARRIER;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitBarrier(this);
    }

    /** True when this barrier carries another binlog. */
    public boolean wraps() {
        return !wrappedJson.isEmpty();
    }
}
