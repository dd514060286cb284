package dev.dorisccr.core.binlog;

/**
 * Readers for the payloads of types 14-26 (the ones Doris 2.x wraps in a BARRIER). See {@link
 * DataPayloads} for the required-key policy.
 */
final class SchemaPayloads {
    private SchemaPayloads() {}

    static RenameTableRecord renameTable(JsonObject json) throws DecodeException {
        return new RenameTableRecord(
                json.reqLong("db"),
                json.reqLong("tb"),
                json.optLong(-1, "ind"),
                json.optLong(-1, "p"),
                json.optText("nT"),
                json.optText("oT"),
                json.optText("nR"),
                json.optText("oR"),
                json.optText("nP"),
                json.optText("oP"));
    }

    static RenameColumnRecord renameColumn(JsonObject json) throws DecodeException {
        return new RenameColumnRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.reqText("colName"),
                json.reqText("newColName"),
                json.optLongMap("indexIdToSchemaVersion"));
    }

    static ModifyCommentRecord modifyComment(JsonObject json) throws DecodeException {
        return new ModifyCommentRecord(
                json.optText("type"),
                json.reqLong("dbId"),
                json.reqLong("tblId"),
                json.optStringMap("colToComment"),
                json.optText("tblComment"));
    }

    static ModifyViewDefRecord modifyViewDef(JsonObject json) throws DecodeException {
        return new ModifyViewDefRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.reqText("inlineViewDef"),
                json.optLong(0, "sqlMode"),
                DataPayloads.columns(json.optObjects("newFullSchema")));
    }

    static ReplaceTableRecord replaceTable(JsonObject json) throws DecodeException {
        return new ReplaceTableRecord(
                json.reqLong("dbId"),
                json.reqLong("origTblId"),
                json.optText("origTblName"),
                json.reqLong("newTblName"),
                json.optText("actualNewTblName"),
                json.optBool(false, "swapTable"),
                json.optBool(true, "isForce"));
    }

    static ModifyTableAddOrDropInvertedIndicesRecord invertedIndices(JsonObject json) throws DecodeException {
        return new ModifyTableAddOrDropInvertedIndicesRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optBool(false, "isDropInvertedIndex"),
                json.optText("rawSql"),
                DataPayloads.indexes(json.optObjects("indexes")),
                DataPayloads.indexes(json.optObjects("alterInvertedIndexes")));
    }

    static IndexChangeJobRecord indexChangeJob(JsonObject json) throws DecodeException {
        return new IndexChangeJobRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.optLong(-1, "partitionId"),
                json.optText("partitionName"),
                json.optText("jobState"),
                json.optText("errMsg"),
                json.optLong(-1, "createTimeMs"),
                json.optLong(-1, "finishedTimeMs"),
                json.optBool(false, "isDropOp"),
                json.optLong(-1, "originIndexId"),
                json.optLong(-1, "timeoutMs"),
                DataPayloads.indexes(json.optObjects("alterInvertedIndexes")));
    }

    static RenameRollupRecord renameRollup(JsonObject json) throws DecodeException {
        return new RenameRollupRecord(
                json.reqLong("db"), json.reqLong("tb"), json.optLong(-1, "ind"), json.reqText("nR"), json.optText("oR"));
    }

    static RenamePartitionRecord renamePartition(JsonObject json) throws DecodeException {
        return new RenamePartitionRecord(
                json.reqLong("db"), json.reqLong("tb"), json.optLong(-1, "p"), json.reqText("nP"), json.optText("oP"));
    }

    static DropRollupRecord dropRollup(JsonObject json) throws DecodeException {
        return new DropRollupRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.optLong(-1, "indexId"),
                json.optText("indexName"),
                json.optBool(false, "forceDrop"));
    }

    static RecoverInfoRecord recoverInfo(JsonObject json) throws DecodeException {
        return new RecoverInfoRecord(
                json.reqLong("dbId"),
                json.optText("newDbName"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.optText("newTableName"),
                json.optLong(-1, "partitionId"),
                json.optText("partitionName"),
                json.optText("newPartitionName"));
    }

    static ModifyDistributionBucketNumRecord bucketNum(JsonObject json) throws DecodeException {
        return new ModifyDistributionBucketNumRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.reqLong("bucketNum"),
                json.optText("Type"),
                json.optBool(false, "autoBucket"),
                json.optText("columnsName"));
    }

    static ModifyDistributionTypeRecord distributionType(JsonObject json) throws DecodeException {
        return new ModifyDistributionTypeRecord(json.reqLong("db"), json.reqLong("tb"));
    }
}
