package dev.dorisccr.core.binlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readers for the payloads of types 0-13 and for the sub-objects several payloads share. Ids that
 * route a record are required; other keys are optional with the defaults documented on each
 * record, so that payloads of older Doris versions still decode.
 */
final class DataPayloads {
    private DataPayloads() {}

    static UpsertRecord upsert(JsonObject json) throws DecodeException {
        Map<Long, UpsertRecord.TableRecord> tables = new LinkedHashMap<>();
        for (Map.Entry<Long, JsonObject> entry : json.optObjectMap("tableRecords").entrySet()) {
            JsonObject table = entry.getValue();
            List<UpsertRecord.PartitionRecord> partitions = new ArrayList<>();
            for (JsonObject partition : table.optObjects("partitionRecords")) {
                partitions.add(new UpsertRecord.PartitionRecord(
                        partition.reqLong("partitionId"),
                        partition.optText("range"),
                        partition.reqLong("version"),
                        partition.optBool(false, "isTempPartition"),
                        partition.optLong(-1, "stid")));
            }
            tables.put(entry.getKey(), new UpsertRecord.TableRecord(partitions, table.optLongs("indexIds")));
        }
        return new UpsertRecord(
                json.reqLong("commitSeq"),
                json.reqLong("txnId"),
                json.optLong(-1, "timeStamp"),
                json.optText("label"),
                json.reqLong("dbId"),
                tables,
                json.optLongs("stids"));
    }

    static AddPartitionRecord addPartition(JsonObject json) throws DecodeException {
        JsonObject partition = json.reqObject("partition");
        Optional<DistributionInfo> distribution = Optional.empty();
        Optional<JsonObject> di = partition.optObject("di", "distributionInfo");
        if (di.isPresent()) {
            distribution = Optional.of(distribution(di.get()));
        }
        return new AddPartitionRecord(
                json.reqLong("commitSeq"),
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                new AddPartitionRecord.Partition(
                        partition.reqLong("id"),
                        partition.optText("name"),
                        partition.optLong(-1, "visibleVersion"),
                        distribution),
                json.optBool(false, "isTempPartition"),
                json.optBool(false, "isInMemory"),
                json.optBool(true, "isMutable"),
                json.optText("sql"));
    }

    static CreateTableRecord createTable(JsonObject json) throws DecodeException {
        return new CreateTableRecord(
                json.reqLong("commitSeq"),
                json.reqLong("dbId"),
                json.optText("dbName"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.optText("tableType"),
                json.optText("sql"));
    }

    static DropPartitionRecord dropPartition(JsonObject json) throws DecodeException {
        return new DropPartitionRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optLong(-1, "pid"),
                json.optText("partitionName"),
                json.optBool(false, "isTempPartition"),
                json.optBool(false, "forceDrop"),
                json.optLong(0, "recycleTime"),
                json.optText("sql"),
                json.optLong(0, "version"),
                json.optLong(0, "versionTime"));
    }

    static DropTableRecord dropTable(JsonObject json) throws DecodeException {
        return new DropTableRecord(
                json.reqLong("commitSeq"),
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.optText("rawSql"));
    }

    static AlterJobRecord alterJob(JsonObject json) throws DecodeException {
        return new AlterJobRecord(
                json.optText("type"),
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.reqLong("jobId"),
                json.optText("jobState"),
                json.optText("rawSql"),
                json.optLongMap("iim"),
                json.optLong(-1, "rollupIndexId"),
                json.optText("rollUpIndexName", "rollupIndexName"),
                json.optLong(-1, "baseIndexId"),
                json.optText("baseIndexName"));
    }

    static ModifyTableAddOrDropColumnsRecord modifyColumns(JsonObject json) throws DecodeException {
        Map<Long, List<Column>> schemas = new LinkedHashMap<>();
        for (Map.Entry<Long, List<JsonObject>> entry : json.optObjectListMap("indexSchemaMap").entrySet()) {
            schemas.put(entry.getKey(), columns(entry.getValue()));
        }
        return new ModifyTableAddOrDropColumnsRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optLong(-1, "jobId"),
                schemas,
                indexes(json.optObjects("indexes")),
                json.optText("rawSql"));
    }

    static AlterDatabasePropertyRecord alterDatabaseProperty(JsonObject json) throws DecodeException {
        return new AlterDatabasePropertyRecord(
                json.reqLong("dbId"), json.optText("dbName"), json.optStringMap("properties"));
    }

    static ModifyTablePropertyRecord modifyTableProperty(JsonObject json) throws DecodeException {
        return new ModifyTablePropertyRecord(
                json.reqLong("dbId"),
                json.reqLong("tableId"),
                json.optText("ctlName"),
                json.optText("dbName"),
                json.optText("tableName"),
                json.optStringMap("properties"),
                json.optText("sql"));
    }

    static BarrierRecord barrier(JsonObject json) throws DecodeException {
        return new BarrierRecord(
                json.reqLong("dbId"),
                json.optText("dbName"),
                json.reqLong("tableId"),
                json.optText("tableName"),
                json.optInt(-1, "binlogType"),
                json.optText("binlog"));
    }

    static ModifyPartitionsRecord modifyPartitions(JsonObject json) throws DecodeException {
        List<ModifyPartitionsRecord.PartitionChange> changes = new ArrayList<>();
        for (JsonObject info : json.optObjects("infos")) {
            Optional<ModifyPartitionsRecord.DataProperty> dataProperty = Optional.empty();
            Optional<JsonObject> dp = info.optObject("dataProperty");
            if (dp.isPresent()) {
                dataProperty = Optional.of(new ModifyPartitionsRecord.DataProperty(
                        dp.get().optText("storageMedium"),
                        dp.get().optLong(-1, "cooldownTimeMs"),
                        dp.get().optText("storagePolicy"),
                        dp.get().optBool(true, "isMutable")));
            }
            changes.add(new ModifyPartitionsRecord.PartitionChange(
                    info.reqLong("dbId"),
                    info.reqLong("tableId"),
                    info.reqLong("partitionId"),
                    info.optText("partitionName"),
                    info.optBool(false, "isTempPartition"),
                    info.optBool(false, "isInMemory"),
                    dataProperty,
                    info.optText("storagePolicy"),
                    info.optStringMap("tableProperties")));
        }
        return new ModifyPartitionsRecord(changes);
    }

    static ReplacePartitionsRecord replacePartitions(JsonObject json) throws DecodeException {
        return new ReplacePartitionsRecord(
                json.reqLong("dbId"),
                json.optText("dbName"),
                json.reqLong("tblId"),
                json.optText("tblName"),
                json.optTexts("partitions"),
                json.optTexts("tempPartitions"),
                json.optBool(false, "strictRange"),
                json.optBool(false, "useTempPartitionName"),
                json.optLong(0, "version"),
                json.optLong(0, "versionTime"),
                json.optBool(false, "force"));
    }

    static TruncateTableRecord truncateTable(JsonObject json) throws DecodeException {
        return new TruncateTableRecord(
                json.reqLong("dbId"),
                json.optText("db"),
                json.reqLong("tblId"),
                json.optText("table"),
                json.optBool(false, "isEntireTable"),
                json.optText("rawSql"));
    }

    /** A DistributionInfo; {@code type} may be absent when {@code clazz} says which kind it is. */
    static DistributionInfo distribution(JsonObject json) throws DecodeException {
        String kind = json.optText("type");
        if (kind.isEmpty()) {
            String clazz = json.optText("clazz");
            if (clazz.equals("HashDistributionInfo")) {
                kind = "HASH";
            } else if (clazz.equals("RandomDistributionInfo")) {
                kind = "RANDOM";
            }
        }
        List<String> columns = new ArrayList<>();
        for (Column column : columns(json.optObjects("distributionColumns"))) {
            columns.add(column.name());
        }
        return new DistributionInfo(
                kind, json.optLong(0, "bucketNum"), json.optBool(false, "autoBucket"), columns, json.optText("hashType"));
    }

    static List<Column> columns(List<JsonObject> items) throws DecodeException {
        List<Column> columns = new ArrayList<>();
        for (JsonObject item : items) {
            columns.add(new Column(item.reqText("name")));
        }
        return columns;
    }

    /** Index objects in either key style: short (Doris 2.1+/3.x) first, then the long names. */
    static List<IndexDef> indexes(List<JsonObject> items) throws DecodeException {
        List<IndexDef> indexes = new ArrayList<>();
        for (JsonObject item : items) {
            indexes.add(new IndexDef(
                    item.optLong(-1, "i", "indexId"),
                    item.optText("in", "indexName"),
                    item.optTexts("c", "columns"),
                    item.optText("it", "indexType"),
                    item.optStringMap("pt", "properties"),
                    item.optText("ct", "comment"),
                    item.optLongs("cui", "columnUniqueIds")));
        }
        return indexes;
    }
}
