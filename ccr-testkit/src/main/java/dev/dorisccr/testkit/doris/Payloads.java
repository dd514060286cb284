package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.testkit.schema.DistributionDesc;
import dev.dorisccr.testkit.schema.IndexDef;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Builds binlog {@code data} JSON with Doris's key names (facts section 6). Long map keys are
 * strings, absent values are omitted. {@code oldKeys} selects Doris 2.x spellings
 * ({@code distributionInfo} instead of {@code di}).
 */
final class Payloads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean oldKeys;

    Payloads(boolean oldKeys) {
        this.oldKeys = oldKeys;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String text(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One partition of an upsert. */
    record PartitionRecord(long partitionId, String range, long version, boolean temp) {}

    String upsert(long commitSeq, long txnId, long finishMs, String label, long dbId,
            Map<Long, List<PartitionRecord>> partitions, Map<Long, List<Long>> indexIds) {
        ObjectNode n = object();
        n.put("commitSeq", commitSeq);
        n.put("txnId", txnId);
        n.put("timeStamp", finishMs);
        n.put("label", label);
        n.put("dbId", dbId);
        ObjectNode tables = n.putObject("tableRecords");
        partitions.forEach((tableId, parts) -> {
            ObjectNode t = tables.putObject(Long.toString(tableId));
            ArrayNode prs = t.putArray("partitionRecords");
            for (PartitionRecord p : parts) {
                ObjectNode pr = prs.addObject();
                pr.put("partitionId", p.partitionId());
                pr.put("range", p.range());
                pr.put("version", p.version());
                pr.put("isTempPartition", p.temp());
                pr.put("stid", -1);
            }
            ArrayNode idx = t.putArray("indexIds");
            indexIds.getOrDefault(tableId, List.of()).forEach(idx::add);
        });
        return text(n);
    }

    ObjectNode distribution(DistributionDesc d) {
        ObjectNode n = object();
        n.put("clazz", d.kind() == DistributionDesc.Kind.HASH ? "HashDistributionInfo" : "RandomDistributionInfo");
        n.put("type", d.kind().name());
        n.put("bucketNum", d.buckets());
        n.put("autoBucket", d.autoBucket());
        if (d.kind() == DistributionDesc.Kind.HASH) {
            ArrayNode cols = n.putArray("distributionColumns");
            d.columns().forEach(c -> cols.addObject().put("name", c));
        }
        return n;
    }

    String addPartition(long commitSeq, long dbId, long tableId, long partitionId, String partitionName, long version,
            DistributionDesc d, boolean temp, String sql) {
        ObjectNode n = object();
        n.put("commitSeq", commitSeq);
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        ObjectNode p = n.putObject("partition");
        p.put("id", partitionId);
        p.put("name", partitionName);
        p.put("state", "NORMAL");
        p.put("visibleVersion", version);
        p.set(oldKeys ? "distributionInfo" : "di", distribution(d));
        n.put("isInMemory", false);
        n.put("isTempPartition", temp);
        n.put("isMutable", true);
        n.put("sql", sql);
        return text(n);
    }

    String createTable(long commitSeq, long dbId, String dbName, long tableId, String tableName, String type, String sql) {
        ObjectNode n = object();
        n.put("commitSeq", commitSeq);
        n.put("dbId", dbId);
        n.put("dbName", dbName);
        n.put("tableId", tableId);
        n.put("tableName", tableName);
        n.put("tableType", type);
        n.put("sql", sql);
        return text(n);
    }

    String dropPartition(long dbId, long tableId, long pid, String name, boolean temp, boolean force, String sql) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("pid", pid);
        n.put("partitionName", name);
        n.put("isTempPartition", temp);
        n.put("forceDrop", force);
        n.put("recycleTime", 0);
        n.put("sql", sql);
        n.put("version", 0);
        n.put("versionTime", 0);
        return text(n);
    }

    String dropTable(long commitSeq, long dbId, long tableId, String tableName, boolean view, String rawSql) {
        ObjectNode n = object();
        n.put("commitSeq", commitSeq);
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("tableName", tableName);
        n.put("isView", view);
        n.put("rawSql", rawSql);
        return text(n);
    }

    /**
     * binlog.AlterJobRecord: {@code iim} for schema changes; {@code rollupIndexId},
     * {@code rollUpIndexName}, {@code baseIndexid} (sic) and {@code baseIndexName} for rollups.
     */
    String alterJob(AlterJob job) {
        ObjectNode n = object();
        n.put("type", job.type.name());
        n.put("dbId", job.db.id);
        n.put("tableId", job.table.id);
        n.put("tableName", job.table.name);
        n.put("jobId", job.id);
        n.put("jobState", job.state);
        n.put("rawSql", job.rawSql);
        if (job.type == AlterJob.Type.SCHEMA_CHANGE) {
            ObjectNode iim = n.putObject("iim");
            job.shadowToOrigin().forEach((k, v) -> iim.put(Long.toString(k), v));
        } else {
            n.put("rollupIndexId", job.rollup.id());
            n.put("rollUpIndexName", job.rollup.name());
            n.put("baseIndexid", job.table.baseIndex().id());
            n.put("baseIndexName", job.table.baseIndex().name());
        }
        return text(n);
    }

    String addOrDropColumns(long dbId, long tableId, long jobId, Map<Long, List<String>> indexColumns, String rawSql) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("jobId", jobId);
        ObjectNode m = n.putObject("indexSchemaMap");
        indexColumns.forEach((idx, cols) -> {
            ArrayNode a = m.putArray(Long.toString(idx));
            cols.forEach(c -> a.addObject().put("name", c));
        });
        n.putArray("indexes");
        n.put("rawSql", rawSql);
        return text(n);
    }

    String alterDatabaseProperty(long dbId, String dbName, Map<String, String> props) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("dbName", dbName);
        ObjectNode p = n.putObject("properties");
        props.forEach(p::put);
        return text(n);
    }

    String modifyTableProperty(long dbId, long tableId, String dbName, String tableName, Map<String, String> props) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("ctlName", "internal");
        n.put("dbName", dbName);
        n.put("tableName", tableName);
        ObjectNode p = n.putObject("properties");
        props.forEach(p::put);
        StringBuilder sql = new StringBuilder("SET (");
        props.forEach((k, v) -> sql.append(sql.length() > 5 ? "," : "").append(k).append('=').append(v));
        n.put("sql", sql.append(')').toString());
        return text(n);
    }

    String replacePartitions(long dbId, String dbName, long tableId, String tableName, List<String> partitions,
            List<String> tempPartitions, boolean strictRange, boolean useTempName, long version, long versionTime) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("dbName", dbName);
        n.put("tblId", tableId);
        n.put("tblName", tableName);
        partitions.forEach(n.putArray("partitions")::add);
        tempPartitions.forEach(n.putArray("tempPartitions")::add);
        n.put("strictRange", strictRange);
        n.put("useTempPartitionName", useTempName);
        n.put("version", version);
        n.put("versionTime", versionTime);
        n.put("force", false);
        return text(n);
    }

    String truncate(long dbId, String dbName, long tableId, String tableName, boolean entire, String rawSql) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("db", dbName);
        n.put("tblId", tableId);
        n.put("table", tableName);
        n.put("isEntireTable", entire);
        n.put("rawSql", rawSql);
        return text(n);
    }

    /** persist.TableInfo: table, rollup or partition rename (short keys). */
    String tableInfo(long dbId, long tableId, long indexId, long partitionId, String newTable, String oldTable,
            String newRollup, String oldRollup, String newPartition, String oldPartition) {
        ObjectNode n = object();
        n.put("db", dbId);
        n.put("tb", tableId);
        n.put("ind", indexId);
        n.put("p", partitionId);
        n.put("nT", newTable);
        n.put("oT", oldTable);
        n.put("nR", newRollup);
        n.put("oR", oldRollup);
        n.put("nP", newPartition);
        n.put("oP", oldPartition);
        return text(n);
    }

    String renameColumn(long dbId, long tableId, String oldName, String newName, Map<Long, Integer> schemaVersions) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("colName", oldName);
        n.put("newColName", newName);
        ObjectNode m = n.putObject("indexIdToSchemaVersion");
        schemaVersions.forEach((k, v) -> m.put(Long.toString(k), v));
        return text(n);
    }

    String modifyComment(String type, long dbId, long tableId, Map<String, String> columnComments, String tableComment) {
        ObjectNode n = object();
        n.put("type", type);
        n.put("dbId", dbId);
        n.put("tblId", tableId);
        ObjectNode c = n.putObject("colToComment");
        columnComments.forEach(c::put);
        n.put("tblComment", tableComment);
        return text(n);
    }

    String modifyViewDef(long dbId, long tableId, String inlineViewDef) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("inlineViewDef", inlineViewDef);
        n.put("sqlMode", 0);
        n.putArray("newFullSchema");
        return text(n);
    }

    String replaceTable(long dbId, long origId, String origName, long newId, String newName, boolean swap,
            boolean force) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("origTblId", origId);
        n.put("origTblName", origName);
        n.put("newTblName", newId);
        n.put("actualNewTblName", newName);
        n.put("swapTable", swap);
        n.put("isForce", force);
        return text(n);
    }

    String dropRollup(long dbId, long tableId, String tableName, long indexId, String indexName) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("tableName", tableName);
        n.put("indexId", indexId);
        n.put("indexName", indexName);
        n.put("forceDrop", false);
        return text(n);
    }

    String recoverInfo(long dbId, long tableId, String tableName, String newTableName, long partitionId,
            String partitionName, String newPartitionName) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("newDbName", "");
        n.put("tableId", tableId);
        n.put("tableName", tableName);
        n.put("newTableName", newTableName);
        n.put("partitionId", partitionId);
        n.put("partitionName", partitionName);
        n.put("newPartitionName", newPartitionName);
        return text(n);
    }

    String modifyBucketNum(long dbId, long tableId, DistributionDesc d) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("Type", d.kind().name());
        n.put("autoBucket", d.autoBucket());
        n.put("bucketNum", d.buckets());
        n.put("columnsName", String.join(",", d.columns()));
        return text(n);
    }

    String modifyPartitions(long dbId, long tableId, List<SimPartition> parts) {
        ObjectNode n = object();
        ArrayNode infos = n.putArray("infos");
        for (SimPartition p : parts) {
            ObjectNode i = infos.addObject();
            i.put("dbId", dbId);
            i.put("tableId", tableId);
            i.put("partitionId", p.id);
            ObjectNode dp = i.putObject("dataProperty");
            dp.put("storageMedium", p.properties.getOrDefault("storage_medium", "HDD").toUpperCase(java.util.Locale.ROOT));
            dp.put("cooldownTimeMs", 253402271999000L);
            dp.put("storagePolicy", p.properties.getOrDefault("storage_policy", ""));
            dp.put("isMutable", !"false".equalsIgnoreCase(p.properties.getOrDefault("is_mutable", "true")));
            i.put("replicationNum", (short) -1);
            i.put("isInMemory", "true".equalsIgnoreCase(p.properties.getOrDefault("in_memory", "false")));
            i.put("storagePolicy", p.properties.getOrDefault("storage_policy", ""));
            i.putObject("tableProperties");
            i.put("partitionName", p.name);
            i.put("isTempPartition", p.temp);
        }
        return text(n);
    }

    /** An inverted index as Doris 2.1+/3.x serialize {@code Index}: short keys. */
    private static void index(ObjectNode o, IndexDef i, Map<String, Integer> columnIds) {
        o.put("i", Math.floorMod(i.name().toLowerCase(java.util.Locale.ROOT).hashCode(), 1_000_000L));
        o.put("in", i.name());
        ArrayNode cols = o.putArray("c");
        i.columns().forEach(cols::add);
        o.put("it", i.type());
        ObjectNode props = o.putObject("pt");
        i.properties().forEach(props::put);
        o.put("ct", i.comment());
        ArrayNode ids = o.putArray("cui");
        for (String c : i.columns()) {
            columnIds.forEach((name, id) -> {
                if (name.equalsIgnoreCase(c)) {
                    ids.add(id);
                }
            });
        }
    }

    String invertedIndexes(long dbId, long tableId, boolean drop, String rawSql, List<IndexDef> all,
            List<IndexDef> changed, Map<String, Integer> columnIds) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("isDropInvertedIndex", drop);
        n.put("rawSql", rawSql);
        ArrayNode a = n.putArray("indexes");
        all.forEach(i -> index(a.addObject(), i, columnIds));
        ArrayNode c = n.putArray("alterInvertedIndexes");
        changed.forEach(i -> index(c.addObject(), i, columnIds));
        return text(n);
    }

    String indexChangeJob(long dbId, long tableId, String tableName, long partitionId, String partitionName, long jobId,
            String state, long originIndexId, long nowMs, List<IndexDef> indexes, Map<String, Integer> columnIds) {
        ObjectNode n = object();
        n.put("jobId", jobId);
        n.put("dbId", dbId);
        n.put("tableId", tableId);
        n.put("tableName", tableName);
        n.put("partitionId", partitionId);
        n.put("partitionName", partitionName);
        n.put("jobState", state);
        n.put("errMsg", "");
        n.put("createTimeMs", nowMs);
        n.put("finishedTimeMs", state.equals("FINISHED") ? nowMs : -1);
        n.put("isDropOp", false);
        n.put("originIndexId", originIndexId);
        n.put("timeoutMs", 1_800_000);
        ArrayNode a = n.putArray("alterInvertedIndexes");
        indexes.forEach(i -> index(a.addObject(), i, columnIds));
        return text(n);
    }

    /** Doris 2.x wraps newer types in a BARRIER carrying the real type and JSON. */
    String barrier(long dbId, String dbName, long tableId, String tableName, int innerType, String innerJson) {
        ObjectNode n = object();
        n.put("dbId", dbId);
        n.put("dbName", dbName);
        n.put("tableId", tableId);
        n.put("tableName", tableName);
        n.put("binlogType", innerType);
        n.put("binlog", innerJson);
        return text(n);
    }
}
