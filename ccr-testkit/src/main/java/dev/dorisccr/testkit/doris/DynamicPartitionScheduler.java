package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.PartitionDef;
import dev.dorisccr.testkit.schema.PartitionValues;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pass of Doris's {@code DynamicPartitionScheduler} at the cluster clock's now, run when a test
 * asks ({@link FakeDorisCluster#runDynamicPartitionScheduler()}): for each table with {@code
 * dynamic_partition.enable = true} that is not being synced, the partitions of offsets {@code 0..end}
 * units from now (from {@code start} with {@code create_history_partition}) that are missing are
 * added, named prefix + {@code yyyyMMdd} (DAY), {@code yyyyMMddHH} (HOUR), {@code yyyyMM} (MONTH) or
 * {@code yyyy} (YEAR), with {@code dynamic_partition.buckets} buckets, skipping a range that overlaps
 * an existing partition; partitions wholly before offset {@code start} are dropped with FORCE. Each
 * change is one ADD_PARTITION / DROP_PARTITION binlog, as the scheduler's ALTERs write them.
 */
final class DynamicPartitionScheduler {
    private final SimState s;
    private final CatalogOps catalog;

    DynamicPartitionScheduler(SimState s, CatalogOps catalog) {
        this.s = s;
        this.catalog = catalog;
    }

    /** Runs one pass; answers the partitions added and dropped as {@code +db.t.p} / {@code -db.t.p}. */
    List<String> run() {
        List<String> changes = new ArrayList<>();
        for (SimDatabase db : new ArrayList<>(s.databases.values())) {
            for (SimTable t : new ArrayList<>(db.tables.values())) {
                if (t.view || t.beingSynced()
                        || !"true".equalsIgnoreCase(t.properties.get("dynamic_partition.enable"))) {
                    continue;
                }
                String why = unsupported(t);
                if (why != null) {
                    throw SimException.analysis(why);
                }
                runTable(db, t, changes);
            }
        }
        return changes;
    }

    /**
     * The first run Doris makes right after CREATE TABLE of an enabled, not synced table ({@code
     * executeDynamicPartitionFirstTime}); a form the simulator does not schedule is left alone.
     */
    void firstRun(SimDatabase db, SimTable t) {
        if (!t.beingSynced() && "true".equalsIgnoreCase(t.properties.get("dynamic_partition.enable"))
                && unsupported(t) == null) {
            runTable(db, t, new ArrayList<>());
        }
    }

    /** Why the simulator cannot schedule this table, or null. */
    private static String unsupported(SimTable t) {
        if (t.properties.get("dynamic_partition.time_unit").equalsIgnoreCase("WEEK")) {
            return "the simulator's dynamic partition scheduler does not model time_unit WEEK (table " + t.name + ")";
        }
        String type = SimState.rangeType(t.column(t.def.partitionBy().columns().get(0)).orElseThrow());
        if (!type.equals("DATEV2") && !type.equals("DATETIMEV2")) {
            return "the simulator's dynamic partition scheduler models DATE / DATETIME partition columns only (table "
                    + t.name + ")";
        }
        return null;
    }

    private void runTable(SimDatabase db, SimTable t, List<String> changes) {
        Map<String, String> p = t.properties;
        String unit = p.get("dynamic_partition.time_unit").toUpperCase(Locale.ROOT);
        String type = SimState.rangeType(t.column(t.def.partitionBy().columns().get(0)).orElseThrow());
        ZoneId zone = ZoneId.of(p.getOrDefault("dynamic_partition.time_zone", "UTC"));
        LocalDateTime base = trunc(LocalDateTime.ofInstant(Instant.ofEpochMilli(s.nowMs()), zone), unit);
        int start = Integer.parseInt(p.get("dynamic_partition.start"));
        int end = Integer.parseInt(p.get("dynamic_partition.end"));
        int first = 0;
        if ("true".equalsIgnoreCase(p.get("dynamic_partition.create_history_partition"))) {
            int history = Integer.parseInt(p.getOrDefault("dynamic_partition.history_partition_num", "-1"));
            first = history == -1 ? start : start == Integer.MIN_VALUE ? -history : Math.max(start, -history);
        }
        String prefix = p.get("dynamic_partition.prefix");
        int buckets = Integer.parseInt(p.getOrDefault("dynamic_partition.buckets",
                String.valueOf(t.def.distribution().buckets())));
        boolean date = type.equals("DATEV2");
        for (int i = first; i <= end; i++) {
            LocalDateTime lo = plus(base, unit, i);
            LocalDateTime hi = plus(base, unit, i + 1);
            List<String> lower = List.of(text(lo, date));
            List<String> upper = List.of(text(hi, date));
            String name = prefix + DateTimeFormatter.ofPattern(pattern(unit), Locale.ROOT).format(lo);
            boolean overlaps = t.partitions.containsKey(name) || t.partitions.values().stream().anyMatch(x ->
                    x.values instanceof PartitionValues.Fixed f && Rows.compareKeys(t, f.lower(), upper) < 0
                            && Rows.compareKeys(t, lower, f.upper()) < 0);
            if (overlaps) {
                continue;
            }
            catalog.addDynamicPartition(db, t, new PartitionDef(name, new PartitionValues.Fixed(lower, upper), false,
                    Map.of()), t.def.distribution().withBuckets(buckets));
            changes.add("+" + db.name + "." + t.name + "." + name);
        }
        if (start != Integer.MIN_VALUE) {
            List<String> keep = List.of(text(plus(base, unit, start), date));
            for (SimPartition part : new ArrayList<>(t.partitions.values())) {
                if (part.values instanceof PartitionValues.Fixed f && !f.upper().contains("MAXVALUE")
                        && Rows.compareKeys(t, f.upper(), keep) <= 0) {
                    catalog.dropPartition(db, t, part.name, false, false, true);
                    changes.add("-" + db.name + "." + t.name + "." + part.name);
                }
            }
        }
    }

    private static String pattern(String unit) {
        return switch (unit) {
            case "HOUR" -> "yyyyMMddHH";
            case "MONTH" -> "yyyyMM";
            case "YEAR" -> "yyyy";
            default -> "yyyyMMdd";
        };
    }

    private static String text(LocalDateTime v, boolean date) {
        return DateTimeFormatter.ofPattern(date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", Locale.ROOT).format(v);
    }

    private static LocalDateTime trunc(LocalDateTime v, String unit) {
        return switch (unit) {
            case "HOUR" -> v.withMinute(0).withSecond(0).withNano(0);
            case "MONTH" -> v.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "YEAR" -> v.toLocalDate().withDayOfYear(1).atStartOfDay();
            default -> v.toLocalDate().atStartOfDay();
        };
    }

    private static LocalDateTime plus(LocalDateTime v, String unit, int n) {
        return switch (unit) {
            case "HOUR" -> v.plusHours(n);
            case "MONTH" -> v.plusMonths(n);
            case "YEAR" -> v.plusYears(n);
            default -> v.plusDays(n);
        };
    }
}
