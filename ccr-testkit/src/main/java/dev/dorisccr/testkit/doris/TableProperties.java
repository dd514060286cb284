package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.KeysType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The PROPERTIES of SHOW CREATE TABLE in the order and with the always-printed entries of Doris's
 * {@code Env.addOlapTablePropertyInfo}: replication_allocation (replication_num is shown as it),
 * min_load_replica_num, bloom_filter_columns, is_being_synced (true in the text for sync),
 * colocate_with, dynamic partition, in_memory, storage_medium, storage_format,
 * inverted_index_storage_format, compression, merge-on-write for unique tables, light_schema_change,
 * storage_policy, the sequence column, the row store, compaction, disable_auto_compaction, binlog,
 * single replica compaction, group commit, enable_mow_light_delete; properties the simulator keeps
 * that Doris has no place for come last.
 */
final class TableProperties {
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("replication_num", "replication_allocation");

    private TableProperties() {}

    static Map<String, String> ordered(SimTable t, boolean forSync) {
        Map<String, String> p = t.properties;
        Map<String, String> out = new LinkedHashMap<>();
        out.put("replication_allocation", p.containsKey("replication_allocation") ? p.get("replication_allocation")
                : "tag.location.default: " + p.getOrDefault("replication_num", "1").trim());
        out.put("min_load_replica_num", p.getOrDefault("min_load_replica_num", "-1"));
        copy(p, out, "bloom_filter_columns");
        out.put("is_being_synced", String.valueOf(t.beingSynced() || forSync));
        if (forSync && t.def.distribution().autoBucket()) {
            out.put("auto_bucket", "true");
        }
        copy(p, out, "colocate_with");
        for (String k : DynamicPartitions.KEYS) {
            copy(p, out, DynamicPartitions.PREFIX + k);
        }
        if ("true".equalsIgnoreCase(p.get("in_memory"))) {
            out.put("in_memory", "true");
        }
        out.put("storage_medium", p.getOrDefault("storage_medium", "hdd").toLowerCase(java.util.Locale.ROOT));
        out.put("storage_format", "V2");
        out.put("inverted_index_storage_format", p.getOrDefault("inverted_index_storage_format", "V2"));
        copy(p, out, "compression");
        copy(p, out, "estimate_partition_size");
        if (t.def.keysType() == KeysType.UNIQUE_KEYS) {
            out.put("enable_unique_key_merge_on_write", String.valueOf(t.mergeOnWrite()));
        }
        if (!"false".equalsIgnoreCase(p.get("light_schema_change"))) {
            out.put("light_schema_change", "true");
        }
        copy(p, out, "storage_policy");
        copy(p, out, SequenceColumns.SEQUENCE_COL);
        copy(p, out, SequenceColumns.SEQUENCE_TYPE);
        if ("true".equalsIgnoreCase(p.get("store_row_column")) || p.containsKey("row_store_columns")) {
            if (p.containsKey("row_store_columns")) {
                out.put("row_store_columns", p.get("row_store_columns"));
            } else {
                out.put("store_row_column", "true");
            }
            out.put("row_store_page_size", p.getOrDefault("row_store_page_size", "16384"));
        }
        copy(p, out, "storage_page_size");
        copy(p, out, "compaction_policy");
        for (String k : p.keySet()) {
            if (k.startsWith("time_series_compaction_")) {
                out.put(k, p.get(k));
            }
        }
        out.put("disable_auto_compaction", p.getOrDefault("disable_auto_compaction", "false"));
        out.put("binlog.enable", p.getOrDefault("binlog.enable", "false"));
        out.put("binlog.ttl_seconds", p.getOrDefault("binlog.ttl_seconds", "86400"));
        out.put("binlog.max_bytes", p.getOrDefault("binlog.max_bytes", String.valueOf(Long.MAX_VALUE)));
        out.put("binlog.max_history_nums", p.getOrDefault("binlog.max_history_nums", String.valueOf(Long.MAX_VALUE)));
        out.put("enable_single_replica_compaction", p.getOrDefault("enable_single_replica_compaction", "false"));
        out.put("group_commit_interval_ms", p.getOrDefault("group_commit_interval_ms", "10000"));
        out.put("group_commit_data_bytes", p.getOrDefault("group_commit_data_bytes", "134217728"));
        if (t.mergeOnWrite()) {
            out.put("enable_mow_light_delete", p.getOrDefault("enable_mow_light_delete", "false"));
        }
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (!out.containsKey(e.getKey()) && !SHOWN_ELSEWHERE.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String key) {
        if (from.containsKey(key)) {
            to.put(key, from.get(key));
        }
    }
}
