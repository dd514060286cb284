package dev.dorisccr.core.binlog;

import java.util.List;

/**
 * The {@code MODIFY_VIEW_DEF} payload: Doris persist.AlterViewInfo: a view definition changed.
 *
 * @param dbId the database id
 * @param tableId the view id
 * @param inlineViewDef the new view SQL
 * @param sqlMode 0 when absent
 * @param newFullSchema empty when absent
 */
public record ModifyViewDefRecord(
        long dbId,
        long tableId,
        String inlineViewDef,
        long sqlMode,
        List<Column> newFullSchema)
        implements BinlogRecord {
    public ModifyViewDefRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(inlineViewDef, "inlineViewDef");
        newFullSchema = Checks.list(newFullSchema, "newFullSchema");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_VIEW_DEF;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyViewDef(this);
    }
}
