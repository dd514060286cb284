package dev.dorisccr.core.binlog;

/**
 * The decoded {@code data} payload of one binlog: one record class per {@link BinlogType} (except
 * {@link BinlogType#UNKNOWN}). Dispatch with {@link #accept(BinlogRecordVisitor)} or with an
 * exhaustive {@code switch} on {@link #type()}.
 */
public sealed interface BinlogRecord
        permits UpsertRecord,
                AddPartitionRecord,
                CreateTableRecord,
                DropPartitionRecord,
                DropTableRecord,
                AlterJobRecord,
                ModifyTableAddOrDropColumnsRecord,
                DummyRecord,
                AlterDatabasePropertyRecord,
                ModifyTablePropertyRecord,
                BarrierRecord,
                ModifyPartitionsRecord,
                ReplacePartitionsRecord,
                TruncateTableRecord,
                RenameTableRecord,
                RenameColumnRecord,
                ModifyCommentRecord,
                ModifyViewDefRecord,
                ReplaceTableRecord,
                ModifyTableAddOrDropInvertedIndicesRecord,
                IndexChangeJobRecord,
                RenameRollupRecord,
                RenamePartitionRecord,
                DropRollupRecord,
                RecoverInfoRecord,
                ModifyDistributionBucketNumRecord,
                ModifyDistributionTypeRecord {

    /** The binlog type this payload belongs to; never {@link BinlogType#UNKNOWN}. */
    BinlogType type();

    /** Calls the visitor method for this record's class. */
    <R> R accept(BinlogRecordVisitor<R> visitor);
}
