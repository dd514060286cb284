package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.PartitionBy;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dynamic partition properties at CREATE TABLE, checked and completed as Doris's {@code
 * DynamicPartitionUtil} does (unknown keys, single-column RANGE only, required time_unit / prefix /
 * end, each value's rule and message, the same unit as an auto range partition, at most 500
 * partitions to create); the defaults Doris fills in are added so SHOW CREATE TABLE shows them. The
 * scheduler that creates and drops partitions is not modelled.
 */
final class DynamicPartitions {
    static final String PREFIX = "dynamic_partition.";
    /** Doris's DynamicPartitionProperty keys, in the order it prints them. */
    static final List<String> KEYS = List.of("enable", "time_unit", "time_zone", "start", "end", "prefix",
            "replication_allocation", "replication_num", "buckets", "create_history_partition", "history_partition_num",
            "hot_partition_num", "reserved_history_periods", "storage_policy", "storage_medium", "start_day_of_week",
            "start_day_of_month");
    private static final int MAX_DYNAMIC_PARTITION_NUM = 500;
    private static final Pattern PARTITION_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]*$");

    private DynamicPartitions() {}

    /** The table's properties with the dynamic partition ones checked and completed; throws Doris's error. */
    static TableDef check(TableDef def) {
        Map<String, String> p = def.properties();
        List<String> invalid = new ArrayList<>();
        boolean any = false;
        for (String k : p.keySet()) {
            if (k.startsWith(PREFIX)) {
                any = true;
                if (!KEYS.contains(k.substring(PREFIX.length()))) {
                    invalid.add(k);
                }
            }
        }
        if (!invalid.isEmpty()) {
            throw SimException.analysis("Invalid dynamic partition properties: " + String.join(", ", invalid));
        }
        if (!any) {
            return def;
        }
        PartitionBy pb = def.partitionBy();
        if (pb.kind() != PartitionBy.Kind.RANGE || pb.columns().size() != 1) {
            throw SimException.analysis("Dynamic partition only support single-column range partition");
        }
        Map<String, String> d = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                d.put(k.substring(PREFIX.length()), v);
            }
        });
        d.putIfAbsent("enable", "true");
        require(d, "time_unit");
        require(d, "prefix");
        d.putIfAbsent("start", String.valueOf(Integer.MIN_VALUE));
        require(d, "end");
        d.putIfAbsent("buckets", String.valueOf(def.distribution().buckets()));
        d.putIfAbsent("time_zone", "UTC");
        d.putIfAbsent("create_history_partition", "false");
        d.putIfAbsent("history_partition_num", "-1");
        d.putIfAbsent("hot_partition_num", "0");
        d.putIfAbsent("reserved_history_periods", "NULL");

        String unit = d.get("time_unit");
        if (!List.of("HOUR", "DAY", "WEEK", "MONTH", "YEAR").contains(unit.toUpperCase(Locale.ROOT))) {
            throw SimException.analysis("Unsupported time unit " + unit + ". Expect HOUR/DAY/WEEK/MONTH/YEAR.");
        }
        ColumnDef col = def.columns().stream().filter(c -> c.name().equalsIgnoreCase(pb.columns().get(0))).findFirst()
                .orElseThrow(() -> SimException.analysis("Partition column[" + pb.columns().get(0)
                        + "] does not exist in column list."));
        String type = SimState.rangeType(col);
        if (unit.equalsIgnoreCase("HOUR") && type.equals("DATEV2")) {
            throw SimException.analysis("dynamic_partition.time_unit could not be HOUR when type of partition column "
                    + col.name() + " is DATE or DATEV2");
        }
        if (unit.equalsIgnoreCase("HOUR") && List.of("TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT").contains(type)) {
            throw SimException.analysis("dynamic_partition.time_unit could not be HOUR when type of partition column "
                    + col.name() + " is Integer");
        }
        if (pb.auto() && !unit.equalsIgnoreCase(pb.timeUnit())) {
            throw SimException.analysis("If support auto partition and dynamic partition at same time, they must have the"
                    + " same interval unit.");
        }
        if (!PARTITION_NAME.matcher(d.get("prefix")).matches()) {
            throw SimException.analysis("Invalid dynamic partition prefix: " + d.get("prefix") + ".");
        }
        int buckets = integer(d.get("buckets"), "Invalid dynamic partition buckets " + d.get("buckets"));
        if (buckets <= 0) {
            throw SimException.analysis("Dynamic partition buckets must greater than 0");
        }
        String enable = d.get("enable");
        if (!enable.equalsIgnoreCase("true") && !enable.equalsIgnoreCase("false")) {
            throw SimException.analysis("Invalid dynamic partition enable: " + enable + ". Expected true or false");
        }
        int start = integer(d.get("start"), "Invalid dynamic partition start " + d.get("start"));
        if (start >= 0) {
            throw SimException.analysis("Dynamic partition start must less than 0");
        }
        int end = integer(d.get("end"), "Invalid dynamic partition end " + d.get("end"));
        if (end < 0 || end == 0 && !pb.auto()) {
            throw SimException.analysis("Dynamic partition end must greater than 0");
        }
        String history = d.get("create_history_partition");
        if (!history.equalsIgnoreCase("true") && !history.equalsIgnoreCase("false")) {
            throw SimException.analysis("Invalid dynamic partition create_history_partition: " + history
                    + ". Expected true or false");
        }
        int historyNum = integer(d.get("history_partition_num"), "Invalid properties: "
                + "dynamic_partition.history_partition_num");
        if (historyNum < 0 && historyNum != -1) {
            throw SimException.analysis("Dynamic history partition num must greater than 0");
        }
        long realStart = 0;
        if (history.equalsIgnoreCase("true")) {
            if (start == Integer.MIN_VALUE && historyNum == -1) {
                throw SimException.analysis("Provide start or history_partition_num property when"
                        + " create_history_partition=true. Otherwise set create_history_partition=false");
            }
            realStart = historyNum == -1 ? start : start == Integer.MIN_VALUE ? -historyNum : Math.max(start, -historyNum);
        }
        if (enable.equalsIgnoreCase("true") && (long) end - realStart > MAX_DYNAMIC_PARTITION_NUM) {
            throw SimException.analysis("Too many dynamic partitions: " + ((long) end - realStart) + ". Limit: "
                    + MAX_DYNAMIC_PARTITION_NUM);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                out.put(k, v);
            }
        });
        for (String k : KEYS) {
            if (d.containsKey(k)) {
                out.put(PREFIX + k, d.get(k));
            }
        }
        return def.withProperties(out);
    }

    private static void require(Map<String, String> d, String key) {
        if (d.get(key) == null || d.get(key).isEmpty()) {
            throw SimException.analysis("Must assign dynamic_partition." + key + " properties");
        }
    }

    private static int integer(String v, String message) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw SimException.analysis(message);
        }
    }
}
