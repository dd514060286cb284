package dev.dorisccr.core.binlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test-only: renders records the way Doris (Gson) writes them, in the old (long) or new (short)
 * key style. With {@code sparse}, optional keys whose value equals the decoder's default are left
 * out, as older Doris versions do.
 */
final class DorisJsonEncoder implements BinlogRecordVisitor<ObjectNode> {
    enum KeyStyle {
        OLD,
        NEW
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KeyStyle style;
    private final boolean sparse;

    DorisJsonEncoder(KeyStyle style, boolean sparse) {
        this.style = style;
        this.sparse = sparse;
    }

    String encode(BinlogRecord record) {
        return record.accept(this).toString();
    }

    private final class Obj {
        final ObjectNode node = NODES.objectNode();

        Obj req(String key, Object value) {
            node.set(key, value(value));
            return this;
        }

        Obj opt(String key, Object value, Object absent) {
            if (!(sparse && Objects.equals(value, absent))) {
                node.set(key, value(value));
            }
            return this;
        }

        Obj opt(String key, Object value) {
            boolean empty = value instanceof String s && s.isEmpty()
                    || value instanceof List<?> l && l.isEmpty()
                    || value instanceof Map<?, ?> m && m.isEmpty();
            if (!(sparse && empty)) {
                node.set(key, value(value));
            }
            return this;
        }
    }

    private static JsonNode value(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
            return object;
        }
        return CanonicalJson.toNode(value);
    }

    private String key(String oldKey, String newKey) {
        return style == KeyStyle.OLD ? oldKey : newKey;
    }

    private ArrayNode columns(List<Column> columns) {
        ArrayNode array = NODES.arrayNode();
        columns.forEach(c -> array.add(NODES.objectNode().put("name", c.name())));
        return array;
    }

    private ArrayNode indexes(List<IndexDef> indexes) {
        ArrayNode array = NODES.arrayNode();
        for (IndexDef index : indexes) {
            array.add(new Obj()
                    .opt(key("indexId", "i"), index.indexId(), -1L)
                    .opt(key("indexName", "in"), index.indexName())
                    .opt(key("columns", "c"), index.columns())
                    .opt(key("indexType", "it"), index.indexType())
                    .opt(key("properties", "pt"), index.properties())
                    .opt(key("comment", "ct"), index.comment())
                    .opt(key("columnUniqueIds", "cui"), index.columnUniqueIds())
                    .node);
        }
        return array;
    }

    @Override
    public ObjectNode visitUpsert(UpsertRecord r) {
        ObjectNode tables = NODES.objectNode();
        r.tableRecords().forEach((id, table) -> {
            ArrayNode partitions = NODES.arrayNode();
            for (UpsertRecord.PartitionRecord p : table.partitionRecords()) {
                partitions.add(new Obj()
                        .req("partitionId", p.partitionId())
                        .opt("range", p.range())
                        .req("version", p.version())
                        .opt("isTempPartition", p.tempPartition(), false)
                        .opt("stid", p.stid(), -1L)
                        .node);
            }
            tables.set(String.valueOf(id), new Obj()
                    .opt("partitionRecords", partitions.isEmpty() ? List.of() : partitions)
                    .opt("indexIds", table.indexIds())
                    .node);
        });
        return new Obj()
                .req("commitSeq", r.commitSeq())
                .req("txnId", r.txnId())
                .opt("timeStamp", r.timeStamp(), -1L)
                .opt("label", r.label())
                .req("dbId", r.dbId())
                .opt("tableRecords", tables.isEmpty() ? Map.of() : tables)
                .opt("stids", r.stids())
                .node;
    }

    @Override
    public ObjectNode visitAddPartition(AddPartitionRecord r) {
        Obj partition = new Obj()
                .req("id", r.partition().id())
                .opt("name", r.partition().name())
                .opt("visibleVersion", r.partition().visibleVersion(), -1L)
                .req("state", "NORMAL");
        r.partition().distributionInfo().ifPresent(d -> {
            Obj di = new Obj()
                    .req("clazz", d.kind().equals("RANDOM") ? "RandomDistributionInfo" : "HashDistributionInfo")
                    .opt("type", d.kind())
                    .opt("bucketNum", d.bucketNum(), 0L)
                    .opt("autoBucket", d.autoBucket(), false)
                    .opt("hashType", d.hashType());
            if (!d.distributionColumns().isEmpty() || !sparse) {
                di.req("distributionColumns", columns(d.distributionColumns().stream().map(Column::new).toList()));
            }
            partition.req(key("distributionInfo", "di"), di.node);
        });
        return new Obj()
                .req("commitSeq", r.commitSeq())
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .req("partition", partition.node)
                .opt("isTempPartition", r.tempPartition(), false)
                .opt("isInMemory", r.inMemory(), false)
                .opt("isMutable", r.mutable(), true)
                .opt("sql", r.sql())
                .node;
    }

    @Override
    public ObjectNode visitCreateTable(CreateTableRecord r) {
        return new Obj()
                .req("commitSeq", r.commitSeq())
                .req("dbId", r.dbId())
                .opt("dbName", r.dbName())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .opt("tableType", r.tableType())
                .opt("sql", r.sql())
                .node;
    }

    @Override
    public ObjectNode visitDropPartition(DropPartitionRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("pid", r.partitionId(), -1L)
                .opt("partitionName", r.partitionName())
                .opt("isTempPartition", r.tempPartition(), false)
                .opt("forceDrop", r.forceDrop(), false)
                .opt("recycleTime", r.recycleTime(), 0L)
                .opt("sql", r.sql())
                .opt("version", r.version(), 0L)
                .opt("versionTime", r.versionTime(), 0L)
                .node;
    }

    @Override
    public ObjectNode visitDropTable(DropTableRecord r) {
        return new Obj()
                .req("commitSeq", r.commitSeq())
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .opt("rawSql", r.rawSql())
                .node;
    }

    @Override
    public ObjectNode visitAlterJob(AlterJobRecord r) {
        return new Obj()
                .opt("type", r.jobType())
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .req("jobId", r.jobId())
                .opt("jobState", r.jobState())
                .opt("rawSql", r.rawSql())
                .opt("iim", r.shadowToOriginIndexIds())
                .opt("rollupIndexId", r.rollupIndexId(), -1L)
                .opt("rollUpIndexName", r.rollupIndexName())
                .opt("baseIndexId", r.baseIndexId(), -1L)
                .opt("baseIndexName", r.baseIndexName())
                .node;
    }

    @Override
    public ObjectNode visitModifyTableAddOrDropColumns(ModifyTableAddOrDropColumnsRecord r) {
        ObjectNode schemas = NODES.objectNode();
        r.indexSchemaMap().forEach((id, cols) -> schemas.set(String.valueOf(id), columns(cols)));
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("jobId", r.jobId(), -1L)
                .opt("indexSchemaMap", schemas.isEmpty() ? Map.of() : schemas)
                .opt("indexes", r.indexes().isEmpty() ? List.of() : indexes(r.indexes()))
                .opt("rawSql", r.rawSql())
                .node;
    }

    @Override
    public ObjectNode visitDummy(DummyRecord r) {
        return NODES.objectNode();
    }

    @Override
    public ObjectNode visitAlterDatabaseProperty(AlterDatabasePropertyRecord r) {
        return new Obj().req("dbId", r.dbId()).opt("dbName", r.dbName()).opt("properties", r.properties()).node;
    }

    @Override
    public ObjectNode visitModifyTableProperty(ModifyTablePropertyRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("ctlName", r.ctlName())
                .opt("dbName", r.dbName())
                .opt("tableName", r.tableName())
                .opt("properties", r.properties())
                .opt("sql", r.sql())
                .node;
    }

    @Override
    public ObjectNode visitBarrier(BarrierRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .opt("dbName", r.dbName())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .opt("binlogType", r.wrappedTypeCode(), -1)
                .opt("binlog", r.wrappedJson())
                .node;
    }

    @Override
    public ObjectNode visitModifyPartitions(ModifyPartitionsRecord r) {
        ArrayNode infos = NODES.arrayNode();
        for (ModifyPartitionsRecord.PartitionChange c : r.infos()) {
            Obj info = new Obj()
                    .req("dbId", c.dbId())
                    .req("tableId", c.tableId())
                    .req("partitionId", c.partitionId())
                    .opt("partitionName", c.partitionName())
                    .opt("isTempPartition", c.tempPartition(), false)
                    .opt("isInMemory", c.inMemory(), false)
                    .opt("storagePolicy", c.storagePolicy())
                    .opt("tableProperties", c.tableProperties());
            c.dataProperty().ifPresent(dp -> info.req("dataProperty", new Obj()
                    .opt("storageMedium", dp.storageMedium())
                    .opt("cooldownTimeMs", dp.cooldownTimeMs(), -1L)
                    .opt("storagePolicy", dp.storagePolicy())
                    .opt("isMutable", dp.mutable(), true)
                    .node));
            infos.add(info.node);
        }
        return new Obj().opt("infos", infos.isEmpty() ? List.of() : infos).node;
    }

    @Override
    public ObjectNode visitReplacePartitions(ReplacePartitionsRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .opt("dbName", r.dbName())
                .req("tblId", r.tableId())
                .opt("tblName", r.tableName())
                .opt("partitions", r.partitions())
                .opt("tempPartitions", r.tempPartitions())
                .opt("strictRange", r.strictRange(), false)
                .opt("useTempPartitionName", r.useTempPartitionName(), false)
                .opt("version", r.version(), 0L)
                .opt("versionTime", r.versionTime(), 0L)
                .opt("force", r.force(), false)
                .node;
    }

    @Override
    public ObjectNode visitTruncateTable(TruncateTableRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .opt("db", r.dbName())
                .req("tblId", r.tableId())
                .opt("table", r.tableName())
                .opt("isEntireTable", r.entireTable(), false)
                .opt("rawSql", r.rawSql())
                .node;
    }

    @Override
    public ObjectNode visitRenameTable(RenameTableRecord r) {
        return new Obj()
                .req("db", r.dbId())
                .req("tb", r.tableId())
                .opt("ind", r.indexId(), -1L)
                .opt("p", r.partitionId(), -1L)
                .opt("nT", r.newTableName())
                .opt("oT", r.oldTableName())
                .opt("nR", r.newRollupName())
                .opt("oR", r.oldRollupName())
                .opt("nP", r.newPartitionName())
                .opt("oP", r.oldPartitionName())
                .node;
    }

    @Override
    public ObjectNode visitRenameColumn(RenameColumnRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .req("colName", r.colName())
                .req("newColName", r.newColName())
                .opt("indexIdToSchemaVersion", r.indexIdToSchemaVersion())
                .node;
    }

    @Override
    public ObjectNode visitModifyComment(ModifyCommentRecord r) {
        return new Obj()
                .opt("type", r.commentType())
                .req("dbId", r.dbId())
                .req("tblId", r.tableId())
                .opt("colToComment", r.columnComments())
                .opt("tblComment", r.tableComment())
                .node;
    }

    @Override
    public ObjectNode visitModifyViewDef(ModifyViewDefRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .req("inlineViewDef", r.inlineViewDef())
                .opt("sqlMode", r.sqlMode(), 0L)
                .opt("newFullSchema", r.newFullSchema().isEmpty() ? List.of() : columns(r.newFullSchema()))
                .node;
    }

    @Override
    public ObjectNode visitReplaceTable(ReplaceTableRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("origTblId", r.origTableId())
                .opt("origTblName", r.origTableName())
                .req("newTblName", r.newTableId())
                .opt("actualNewTblName", r.newTableName())
                .opt("swapTable", r.swapTable(), false)
                .opt("isForce", r.force(), true)
                .node;
    }

    @Override
    public ObjectNode visitModifyTableAddOrDropInvertedIndices(ModifyTableAddOrDropInvertedIndicesRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("isDropInvertedIndex", r.dropInvertedIndex(), false)
                .opt("rawSql", r.rawSql())
                .opt("indexes", r.indexes().isEmpty() ? List.of() : indexes(r.indexes()))
                .opt("alterInvertedIndexes",
                        r.alterInvertedIndexes().isEmpty() ? List.of() : indexes(r.alterInvertedIndexes()))
                .node;
    }

    @Override
    public ObjectNode visitIndexChangeJob(IndexChangeJobRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .opt("partitionId", r.partitionId(), -1L)
                .opt("partitionName", r.partitionName())
                .opt("jobState", r.jobState())
                .opt("errMsg", r.errMsg())
                .opt("createTimeMs", r.createTimeMs(), -1L)
                .opt("finishedTimeMs", r.finishedTimeMs(), -1L)
                .opt("isDropOp", r.dropOp(), false)
                .opt("originIndexId", r.originIndexId(), -1L)
                .opt("timeoutMs", r.timeoutMs(), -1L)
                .opt("alterInvertedIndexes",
                        r.alterInvertedIndexes().isEmpty() ? List.of() : indexes(r.alterInvertedIndexes()))
                .node;
    }

    @Override
    public ObjectNode visitRenameRollup(RenameRollupRecord r) {
        return new Obj()
                .req("db", r.dbId())
                .req("tb", r.tableId())
                .opt("ind", r.indexId(), -1L)
                .req("nR", r.newRollupName())
                .opt("oR", r.oldRollupName())
                .node;
    }

    @Override
    public ObjectNode visitRenamePartition(RenamePartitionRecord r) {
        return new Obj()
                .req("db", r.dbId())
                .req("tb", r.tableId())
                .opt("p", r.partitionId(), -1L)
                .req("nP", r.newPartitionName())
                .opt("oP", r.oldPartitionName())
                .node;
    }

    @Override
    public ObjectNode visitDropRollup(DropRollupRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .opt("indexId", r.indexId(), -1L)
                .opt("indexName", r.indexName())
                .opt("forceDrop", r.forceDrop(), false)
                .node;
    }

    @Override
    public ObjectNode visitRecoverInfo(RecoverInfoRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .opt("newDbName", r.newDbName())
                .req("tableId", r.tableId())
                .opt("tableName", r.tableName())
                .opt("newTableName", r.newTableName())
                .opt("partitionId", r.partitionId(), -1L)
                .opt("partitionName", r.partitionName())
                .opt("newPartitionName", r.newPartitionName())
                .node;
    }

    @Override
    public ObjectNode visitModifyDistributionBucketNum(ModifyDistributionBucketNumRecord r) {
        return new Obj()
                .req("dbId", r.dbId())
                .req("tableId", r.tableId())
                .req("bucketNum", r.bucketNum())
                .opt("Type", r.distributionType())
                .opt("autoBucket", r.autoBucket(), false)
                .opt("columnsName", r.columnsName())
                .node;
    }

    @Override
    public ObjectNode visitModifyDistributionType(ModifyDistributionTypeRecord r) {
        return new Obj().req("db", r.dbId()).req("tb", r.tableId()).node;
    }
}
