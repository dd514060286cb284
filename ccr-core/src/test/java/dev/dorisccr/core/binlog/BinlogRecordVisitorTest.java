package dev.dorisccr.core.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every record dispatches to its own visitor method, and every known type has a record. */
class BinlogRecordVisitorTest {
    @Test
    void acceptCallsTheMethodForTheRecordsType() {
        RandomRecords records = new RandomRecords(11);
        Set<BinlogType> seen = EnumSet.noneOf(BinlogType.class);
        for (BinlogType type : BinlogType.values()) {
            if (type == BinlogType.UNKNOWN) {
                continue;
            }
            BinlogRecord record = records.next(type);
            assertThat(record.type()).isEqualTo(type);
            assertThat(record.accept(new TypeOf())).isEqualTo(type);
            seen.add(type);
        }
        assertThat(seen).hasSize(BinlogType.values().length - 1);
        assertThat(BinlogRecord.class.getPermittedSubclasses()).hasSize(seen.size());
    }

    /** A fixed table from visitor method to type: catches a record that calls the wrong method. */
    private static final class TypeOf implements BinlogRecordVisitor<BinlogType> {
        @Override
        public BinlogType visitUpsert(UpsertRecord record) {
            return BinlogType.UPSERT;
        }

        @Override
        public BinlogType visitAddPartition(AddPartitionRecord record) {
            return BinlogType.ADD_PARTITION;
        }

        @Override
        public BinlogType visitCreateTable(CreateTableRecord record) {
            return BinlogType.CREATE_TABLE;
        }

        @Override
        public BinlogType visitDropPartition(DropPartitionRecord record) {
            return BinlogType.DROP_PARTITION;
        }

        @Override
        public BinlogType visitDropTable(DropTableRecord record) {
            return BinlogType.DROP_TABLE;
        }

        @Override
        public BinlogType visitAlterJob(AlterJobRecord record) {
            return BinlogType.ALTER_JOB;
        }

        @Override
        public BinlogType visitModifyTableAddOrDropColumns(ModifyTableAddOrDropColumnsRecord record) {
            return BinlogType.MODIFY_TABLE_ADD_OR_DROP_COLUMNS;
        }

        @Override
        public BinlogType visitDummy(DummyRecord record) {
            return BinlogType.DUMMY;
        }

        @Override
        public BinlogType visitAlterDatabaseProperty(AlterDatabasePropertyRecord record) {
            return BinlogType.ALTER_DATABASE_PROPERTY;
        }

        @Override
        public BinlogType visitModifyTableProperty(ModifyTablePropertyRecord record) {
            return BinlogType.MODIFY_TABLE_PROPERTY;
        }

        @Override
        public BinlogType visitBarrier(BarrierRecord record) {
            return BinlogType.BARRIER;
        }

        @Override
        public BinlogType visitModifyPartitions(ModifyPartitionsRecord record) {
            return BinlogType.MODIFY_PARTITIONS;
        }

        @Override
        public BinlogType visitReplacePartitions(ReplacePartitionsRecord record) {
            return BinlogType.REPLACE_PARTITIONS;
        }

        @Override
        public BinlogType visitTruncateTable(TruncateTableRecord record) {
            return BinlogType.TRUNCATE_TABLE;
        }

        @Override
        public BinlogType visitRenameTable(RenameTableRecord record) {
            return BinlogType.RENAME_TABLE;
        }

        @Override
        public BinlogType visitRenameColumn(RenameColumnRecord record) {
            return BinlogType.RENAME_COLUMN;
        }

        @Override
        public BinlogType visitModifyComment(ModifyCommentRecord record) {
            return BinlogType.MODIFY_COMMENT;
        }

        @Override
        public BinlogType visitModifyViewDef(ModifyViewDefRecord record) {
            return BinlogType.MODIFY_VIEW_DEF;
        }

        @Override
        public BinlogType visitReplaceTable(ReplaceTableRecord record) {
            return BinlogType.REPLACE_TABLE;
        }

        @Override
        public BinlogType visitModifyTableAddOrDropInvertedIndices(ModifyTableAddOrDropInvertedIndicesRecord record) {
            return BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES;
        }

        @Override
        public BinlogType visitIndexChangeJob(IndexChangeJobRecord record) {
            return BinlogType.INDEX_CHANGE_JOB;
        }

        @Override
        public BinlogType visitRenameRollup(RenameRollupRecord record) {
            return BinlogType.RENAME_ROLLUP;
        }

        @Override
        public BinlogType visitRenamePartition(RenamePartitionRecord record) {
            return BinlogType.RENAME_PARTITION;
        }

        @Override
        public BinlogType visitDropRollup(DropRollupRecord record) {
            return BinlogType.DROP_ROLLUP;
        }

        @Override
        public BinlogType visitRecoverInfo(RecoverInfoRecord record) {
            return BinlogType.RECOVER_INFO;
        }

        @Override
        public BinlogType visitModifyDistributionBucketNum(ModifyDistributionBucketNumRecord record) {
            return BinlogType.MODIFY_DISTRIBUTION_BUCKET_NUM;
        }

        @Override
        public BinlogType visitModifyDistributionType(ModifyDistributionTypeRecord record) {
            return BinlogType.MODIFY_DISTRIBUTION_TYPE;
        }
    }
}
