package dev.dorisccr.core.binlog;

import java.util.Map;

/**
 * The {@code MODIFY_TABLE_PROPERTY} payload: Doris persist.ModifyTablePropertyOperationLog: table
 * properties changed.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param ctlName "" when absent
 * @param dbName "" when absent
 * @param tableName "" when absent
 * @param properties the changed properties
 * @param sql {@code SET (k=v,...)}, unquoted; "" when absent
 */
public record ModifyTablePropertyRecord(
        long dbId,
        long tableId,
        String ctlName,
        String dbName,
        String tableName,
        Map<String, String> properties,
        String sql)
        implements BinlogRecord {
    public ModifyTablePropertyRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(ctlName, "ctlName");
        Checks.text(dbName, "dbName");
        Checks.text(tableName, "tableName");
        properties = Checks.map(properties, "properties");
        Checks.text(sql, "sql");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_TABLE_PROPERTY;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyTableProperty(this);
    }
}
