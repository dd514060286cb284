package dev.dorisccr.core.binlog;

/**
 * One method per {@link BinlogRecord} class (Java 17 has no pattern matching for switch). Call
 * it with {@code record.accept(visitor)}.
 *
 * @param <R> the result type; use {@link Void} and return null for side effects only
 */
public interface BinlogRecordVisitor<R> {
    R visitUpsert(UpsertRecord record);

    R visitAddPartition(AddPartitionRecord record);

    R visitCreateTable(CreateTableRecord record);

    R visitDropPartition(DropPartitionRecord record);

    R visitDropTable(DropTableRecord record);

    R visitAlterJob(AlterJobRecord record);

    R visitModifyTableAddOrDropColumns(ModifyTableAddOrDropColumnsRecord record);

    R visitDummy(DummyRecord record);

    R visitAlterDatabaseProperty(AlterDatabasePropertyRecord record);

    R visitModifyTableProperty(ModifyTablePropertyRecord record);

    R visitBarrier(BarrierRecord record);

    R visitModifyPartitions(ModifyPartitionsRecord record);

    R visitReplacePartitions(ReplacePartitionsRecord record);

    R visitTruncateTable(TruncateTableRecord record);

    R visitRenameTable(RenameTableRecord record);

    R visitRenameColumn(RenameColumnRecord record);

    R visitModifyComment(ModifyCommentRecord record);

    R visitModifyViewDef(ModifyViewDefRecord record);

    R visitReplaceTable(ReplaceTableRecord record);

    R visitModifyTableAddOrDropInvertedIndices(ModifyTableAddOrDropInvertedIndicesRecord record);

    R visitIndexChangeJob(IndexChangeJobRecord record);

    R visitRenameRollup(RenameRollupRecord record);

    R visitRenamePartition(RenamePartitionRecord record);

    R visitDropRollup(DropRollupRecord record);

    R visitRecoverInfo(RecoverInfoRecord record);

    R visitModifyDistributionBucketNum(ModifyDistributionBucketNumRecord record);

    R visitModifyDistributionType(ModifyDistributionTypeRecord record);
}
