package dev.dorisccr.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link SyncProgress} as the Go syncer's {@code progresses.progress} JSON (same keys, maps with
 * string keys, optional parts omitted when empty), so operators' tooling that reads {@code
 * /job_progress} keeps working. Reading is strict about types and lenient about unknown keys.
 */
public final class SyncProgressJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SyncProgressJson() {}

    public static String write(SyncProgress p) {
        return node(p, true).toString();
    }

    /** The stored form: the progress plus the runner's observed status under {@code observed}. */
    public static String write(SyncProgress p, ObservedStatus status) {
        ObjectNode n = node(p, true);
        n.set("observed", ObservedStatusJson.node(status));
        return n.toString();
    }

    /** The observed status kept with a stored progress (STARTING when it has none). */
    public static ObservedStatus readStatus(String json, long nowMs) {
        JsonNode n = JobSpecJson.readObject(json, ErrorCode.CORRUPT_METADATA);
        return ObservedStatusJson.read(n.get("observed"), nowMs);
    }

    /** The JSON object; {@code withData=false} blanks {@code data} as the newer {@code /job_progress} does. */
    public static ObjectNode node(SyncProgress p, boolean withData) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("job_name", p.jobName());
        n.put("sync_state", p.syncState().code());
        ObjectNode sub = n.putObject("sub_sync_state");
        sub.put("state", p.subSyncState().state());
        sub.put("binlog_type", p.subSyncState().binlogType());
        n.put("prev_commit_seq", p.prevCommitSeq());
        n.put("commit_seq", p.commitSeq());
        putMap(n, "table_mapping", p.tableMapping(), false);
        putMap(n, "table_commit_seq_map", p.tableCommitSeqMap(), false);
        n.put("data", withData ? p.data() : "");
        p.partialSyncData().ifPresent(d -> {
            ObjectNode pd = n.putObject("partial_sync_data");
            pd.put("table_id", d.tableId());
            pd.put("table", d.table());
            ArrayNode ids = pd.putArray("partition_ids");
            d.partitionIds().forEach(ids::add);
            ArrayNode names = pd.putArray("partitions");
            d.partitions().forEach(names::add);
        });
        putMap(n, "table_aliases", p.tableAliases(), true);
        putMap(n, "shadow_index_map", p.shadowIndexMap(), true);
        putMap(n, "table_name_mapping", p.tableNameMapping(), true);
        n.put("job_sync_id", p.jobSyncId());
        if (!p.fullSyncReason().isEmpty()) {
            n.put("full_sync_reason", p.fullSyncReason());
        }
        putTime(n, "created_at", p.createdAt());
        putTime(n, "full_sync_start_at", p.fullSyncStartAt());
        putTime(n, "incremental_sync_start_at", p.incrementalSyncStartAt());
        putTime(n, "ingest_binlog_at", p.ingestBinlogAt());
        if (p.incarnation() > 0) {
            n.put("incarnation", p.incarnation());
        }
        return n;
    }

    /** Reads a stored progress; anything damaged is {@code CORRUPT_METADATA} naming the key. */
    public static SyncProgress read(String json) {
        JsonNode n = JobSpecJson.readObject(json, ErrorCode.CORRUPT_METADATA);
        JsonNode sub = n.get("sub_sync_state");
        if (sub == null || !sub.isObject()) {
            throw corrupt("sub_sync_state is missing or not an object");
        }
        Optional<PartialSyncData> partial = Optional.empty();
        JsonNode pd = n.get("partial_sync_data");
        if (pd != null && !pd.isNull()) {
            if (!pd.isObject()) {
                throw corrupt("partial_sync_data is not an object");
            }
            partial = Optional.of(new PartialSyncData(longOf(pd, "table_id", -1), textOf(pd, "table", ""),
                    list(pd, "partition_ids", JsonNode::isIntegralNumber, JsonNode::asLong),
                    list(pd, "partitions", JsonNode::isTextual, JsonNode::asText)));
        }
        String name = textOf(n, "job_name", null);
        return new SyncProgress(
                name,
                syncState(intOf(n, "sync_state")),
                new SubSyncState(intOf(sub, "state"), intOf(sub, "binlog_type")),
                longOf(n, "prev_commit_seq", 0),
                longOf(n, "commit_seq", 0),
                map(n, "table_mapping", Long::valueOf, JsonNode::isIntegralNumber, JsonNode::asLong),
                map(n, "table_commit_seq_map", Long::valueOf, JsonNode::isIntegralNumber, JsonNode::asLong),
                textOf(n, "data", ""),
                partial,
                map(n, "table_aliases", k -> k, JsonNode::isTextual, JsonNode::asText),
                map(n, "shadow_index_map", Long::valueOf, JsonNode::isIntegralNumber, JsonNode::asLong),
                map(n, "table_name_mapping", Long::valueOf, JsonNode::isTextual, JsonNode::asText),
                longOf(n, "job_sync_id", 0),
                textOf(n, "full_sync_reason", ""),
                longOf(n, "created_at", 0),
                longOf(n, "full_sync_start_at", 0),
                longOf(n, "incremental_sync_start_at", 0),
                longOf(n, "ingest_binlog_at", 0),
                longOf(n, "incarnation", 0));
    }

    private static SyncState syncState(int code) {
        for (SyncState s : SyncState.values()) {
            if (s.code() == code) {
                return s;
            }
        }
        throw corrupt("unknown sync_state " + code);
    }

    private static void putMap(ObjectNode n, String key, Map<?, ?> m, boolean omitEmpty) {
        if (omitEmpty && m.isEmpty()) {
            return;
        }
        ObjectNode o = n.putObject(key);
        m.forEach((k, v) -> {
            if (v instanceof Long l) {
                o.put(k.toString(), l);
            } else {
                o.put(k.toString(), v.toString());
            }
        });
    }

    private static void putTime(ObjectNode n, String key, long v) {
        if (v != 0) {
            n.put(key, v);
        }
    }

    private static <K, V> Map<K, V> map(JsonNode n, String key, Function<String, K> keyParser,
            java.util.function.Predicate<JsonNode> valueCheck, Function<JsonNode, V> valueReader) {
        JsonNode m = n.get(key);
        Map<K, V> out = new TreeMap<>();
        if (m == null || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            throw corrupt(key + " is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            K k;
            try {
                k = keyParser.apply(e.getKey());
            } catch (NumberFormatException ex) {
                throw corrupt(key + " has a non-numeric key \"" + e.getKey() + "\"");
            }
            if (!valueCheck.test(e.getValue())) {
                throw corrupt(key + "." + e.getKey() + " has the wrong type");
            }
            out.put(k, valueReader.apply(e.getValue()));
        }
        return out;
    }

    private static <T> List<T> list(JsonNode n, String key, java.util.function.Predicate<JsonNode> check,
            Function<JsonNode, T> reader) {
        JsonNode a = n.get(key);
        List<T> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            throw corrupt(key + " is not an array");
        }
        for (JsonNode e : a) {
            if (!check.test(e)) {
                throw corrupt(key + " has an element of the wrong type");
            }
            out.add(reader.apply(e));
        }
        return out;
    }

    private static int intOf(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw corrupt(key + " is missing or not an integer");
        }
        return v.asInt();
    }

    private static long longOf(JsonNode n, String key, long absent) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw corrupt(key + " is not an integer");
        }
        return v.asLong();
    }

    private static String textOf(JsonNode n, String key, String absent) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (absent == null) {
                throw corrupt(key + " is missing");
            }
            return absent;
        }
        if (!v.isTextual()) {
            throw corrupt(key + " is not a string");
        }
        return v.asText();
    }

    private static CcrException corrupt(String message) {
        return new CcrException(ErrorCode.CORRUPT_METADATA, "stored progress is invalid: " + message);
    }
}
