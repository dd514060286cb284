package dev.dorisccr.core.binlog;

import java.util.List;

/**
 * The {@code MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES} payload: Doris
 * persist.TableAddOrDropInvertedIndicesInfo: inverted indexes were added or dropped.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param dropInvertedIndex key {@code isDropInvertedIndex}
 * @param rawSql "" when absent; may lack the ADD keyword (apache/doris#44392)
 * @param indexes empty when absent
 * @param alterInvertedIndexes empty when absent
 */
public record ModifyTableAddOrDropInvertedIndicesRecord(
        long dbId,
        long tableId,
        boolean dropInvertedIndex,
        String rawSql,
        List<IndexDef> indexes,
        List<IndexDef> alterInvertedIndexes)
        implements BinlogRecord {
    public ModifyTableAddOrDropInvertedIndicesRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(rawSql, "rawSql");
        indexes = Checks.list(indexes, "indexes");
        alterInvertedIndexes = Checks.list(alterInvertedIndexes, "alterInvertedIndexes");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyTableAddOrDropInvertedIndices(this);
    }
}
