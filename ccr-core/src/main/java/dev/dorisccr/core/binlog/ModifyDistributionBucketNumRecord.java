package dev.dorisccr.core.binlog;

/**
 * The {@code MODIFY_DISTRIBUTION_BUCKET_NUM} payload: Doris
 * persist.ModifyTableDefaultDistributionBucketNumOperationLog: the default bucket number changed.
 *
 * @param dbId the database id
 * @param tableId the table id
 * @param bucketNum the new bucket number
 * @param distributionType key {@code Type} (capital T): HASH or RANDOM; "" when absent
 * @param autoBucket false when absent
 * @param columnsName the hash columns as Doris joins them; "" when absent
 */
public record ModifyDistributionBucketNumRecord(
        long dbId,
        long tableId,
        long bucketNum,
        String distributionType,
        boolean autoBucket,
        String columnsName)
        implements BinlogRecord {
    public ModifyDistributionBucketNumRecord {
        Checks.id(dbId, "dbId");
        Checks.id(tableId, "tableId");
        Checks.text(distributionType, "distributionType");
        Checks.text(columnsName, "columnsName");
    }

    @Override
    public BinlogType type() {
        return BinlogType.MODIFY_DISTRIBUTION_BUCKET_NUM;
    }

    @Override
    public <R> R accept(BinlogRecordVisitor<R> visitor) {
        return visitor.visitModifyDistributionBucketNum(this);
    }
}
