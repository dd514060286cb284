package dev.dorisccr.core.binlog;

import java.util.Map;

/**
 * The {@code ALTER_DATABASE_PROPERTY} payload: Doris persist.AlterDatabasePropertyInfo: database
 * properties changed.
 *
 * @param dbId the database id
 * @param dbName "" when absent
 * @param properties the changed properties
 */
public record AlterDatabasePropertyRecord(
        long dbId,
        String dbName,
        Map<String, String> properties)
        implements BinlogRecord {
    public AlterDatabasePropertyRecord {
        Checks.id(dbId, "dbId");
        Checks.text(dbName, "dbName");
        properties = Checks.map(properties, "properties");
    }

    @Override
    public BinlogType type() {
        return BinlogType.ALTER_DATABASE_PROPERTY;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitAlterDatabaseProperty(this);
    }
}
