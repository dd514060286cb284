package dev.dorisccr.core.binlog;

import java.util.Map;

/**
 * The {@code MODIFY_COMMENT} payload: Doris persist.ModifyCommentOperationLog: a table or column
 * comment changed.
 *
 * @param commentType key {@code type}: COLUMN or TABLE
 * @param dbId the database id
 * @param tableId key {@code tblId}
 * @param columnComments key {@code colToComment}; empty when absent
 * @param tableComment key {@code tblComment}; "" when absent
 */
public record ModifyCommentRecord(
        String commentType,
        long dbId,
        long tableId,
        Map<String, String> columnComments,
        String tableComment)
        implements BinlogRecord {
    public ModifyCommentRecord {
        Checks.text(commentType, "commentType");
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        columnComments = Checks.map(columnComments, "columnComments");
        Checks.text(tableComment, "tableComment");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_COMMENT;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyComment(this);
    }
}
