package dev.dorisccr.core.binlog;

import java.util.List;

/**
 * A Doris {@code DistributionInfo} (Gson discriminator {@code clazz}).
 *
 * @param kind HASH or RANDOM (key {@code type})
 * @param bucketNum the bucket number
 * @param autoBucket whether the table uses BUCKETS AUTO
 * @param distributionColumns HASH only: the column names; empty for RANDOM
 * @param hashType newest Doris only (CRC32 / IDENTITY); "" when absent
 */
public record DistributionInfo(
        String kind, long bucketNum, boolean autoBucket, List<String> distributionColumns, String hashType) {
    public DistributionInfo {
        Checks.text(kind, "kind");
        Checks.nonNegative(bucketNum, "bucketNum");
        distributionColumns = Checks.list(distributionColumns, "distributionColumns");
        Checks.text(hashType, "hashType");
    }
}
