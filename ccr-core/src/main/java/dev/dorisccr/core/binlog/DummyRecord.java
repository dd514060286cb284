package dev.dorisccr.core.binlog;

/**
 * The {@code DUMMY} payload: Doris A DUMMY binlog: no payload; it marks where a stream starts
 * after GC.
 *
 * @param belong -1 for the database dummy, else the table id
 */
public record DummyRecord(
        long belong)
        implements BinlogRecord {
    public DummyRecord {
        Checks.id(belong, "belong");
    }

    @Override
    public BinlogType type() {
        return BinlogType.DUMMY;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitDummy(this);
    }
}
