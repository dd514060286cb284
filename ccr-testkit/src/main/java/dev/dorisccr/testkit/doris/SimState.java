package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.PartitionValues;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The whole state of one simulated cluster's FE (catalog, binlogs, ids) plus its backends' data.
 * Every access holds this object's monitor; code that talks to another cluster (HTTP downloads)
 * must not hold it.
 */
final class SimState {
    final String clusterName;
    final DorisVersion version;
    final InstantSource clock;
    final Payloads payloads;
    final BinlogJournal journal = new BinlogJournal();
    final Map<String, SimDatabase> databases = new LinkedHashMap<>();
    final List<SimBackend> backends = new ArrayList<>();
    final Map<Long, TabletLocation> tabletIndex = new HashMap<>();
    final String token;
    boolean enableFeatureBinlog = true;
    /** The SQL user holds ADMIN (every SHOW PROC needs it); see {@link FakeDorisCluster#setAdminPrivilege}. */
    boolean adminPrivilege = true;
    /** SHOW PROC '/binlog' statements answered so far. */
    long binlogProcReads;
    /** SHOW CREATE TABLE statements answered so far (tables, not views). */
    long showCreateTableReads;
    /** Statements that read information_schema.table_properties so far (answered or not). */
    long tablePropertiesReads;
    /**
     * Whether information_schema has {@code table_properties} (Doris 3.0, and 2.1 from the backport
     * of apache/doris#38746); false imitates an older FE, where reading it is an unknown table.
     */
    boolean tablePropertiesSchema = true;
    /** The global {@code enable_unicode_name_support} (Doris's default: false), see {@link DorisNames}. */
    volatile boolean unicodeNameSupport;
    private long nextId = 10000;
    private long nextJournalId = 100;
    private int placement;

    /** Where a tablet lives in the catalog. */
    record TabletLocation(long dbId, long tableId, long partitionId, long indexId) {}

    SimState(String clusterName, DorisVersion version, InstantSource clock, String token) {
        this.clusterName = clusterName;
        this.version = version;
        this.clock = clock;
        this.payloads = new Payloads(version.oldKeys());
        this.token = token;
    }

    long nextId() {
        return nextId++;
    }

    /** A journal id: every logged operation takes one, whether or not it becomes a binlog. */
    long nextJournalId() {
        return nextJournalId++;
    }

    long nowMs() {
        return clock.millis();
    }

    // ---- lookups -------------------------------------------------------------------------

    SimDatabase db(String name) {
        SimDatabase db = databases.get(name);
        if (db == null) {
            throw new SimException("ANALYSIS_ERROR", 1049, "Unknown database '" + name + "'");
        }
        return db;
    }

    Optional<SimDatabase> dbById(long id) {
        return databases.values().stream().filter(d -> d.id == id).findFirst();
    }

    SimTable table(SimDatabase db, String name) {
        return db.table(name).orElseThrow(() -> new SimException("ANALYSIS_ERROR", 1146,
                "Table '" + db.name + "." + name + "' doesn't exist"));
    }

    SimTable olapTable(SimDatabase db, String name) {
        SimTable t = table(db, name);
        if (t.view) {
            throw SimException.analysis("'" + db.name + "." + name + "' is not TABLE");
        }
        return t;
    }

    Optional<SimBackend> backend(long id) {
        return backends.stream().filter(b -> b.id() == id).findFirst();
    }

    // ---- binlogs ---------------------------------------------------------------------------

    /** Whether an operation on these tables of {@code db} is recorded as a binlog. */
    boolean recordable(SimDatabase db, List<SimTable> tables) {
        if (!enableFeatureBinlog) {
            return false;
        }
        if (db.binlogEnabled()) {
            return true;
        }
        return tables.stream().anyMatch(SimTable::binlogEnabled);
    }

    /**
     * Logs one operation: takes a journal id and, when binlog is on, records a binlog whose data
     * {@code data} builds from the seq. Types 14-23 are BARRIER-wrapped on Doris 2.x.
     */
    long log(int type, SimDatabase db, List<SimTable> tables, long timestamp, LongFunction<String> data) {
        long seq = nextJournalId();
        if (!recordable(db, tables)) {
            return seq;
        }
        List<Long> ids = new ArrayList<>();
        tables.forEach(t -> ids.add(t.id));
        String json = data.apply(seq);
        int wireType = type;
        if (version.wrapsInBarrier() && type >= SimBinlog.RENAME_TABLE && type <= SimBinlog.DROP_ROLLUP) {
            SimTable t = tables.isEmpty() ? null : tables.get(0);
            json = payloads.barrier(db.id, db.name, t == null ? 0 : t.id, t == null ? "" : t.name, type, json);
            wireType = SimBinlog.BARRIER;
        }
        journal.record(new SimBinlog(seq, timestamp, wireType, db.id, ids, json, -1), nowMs());
        return seq;
    }

    /** A DDL binlog's timestamp: wall clock on 3.x, -1 on 2.x. */
    long ddlTimestamp() {
        return version == DorisVersion.V2_1 ? -1 : nowMs();
    }

    // ---- tablets ---------------------------------------------------------------------------

    int replicationNum(Map<String, String> props) {
        String n = props.get("replication_num");
        if (n == null) {
            String alloc = props.get("replication_allocation");
            if (alloc != null && alloc.contains(":")) {
                n = alloc.substring(alloc.lastIndexOf(':') + 1).trim();
            }
        }
        int r;
        try {
            r = n == null ? 1 : Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
            throw SimException.analysis("Invalid replication number: " + n);
        }
        long alive = backends.stream().filter(SimBackend::alive).count();
        if (r < 1 || r > alive) {
            throw SimException.analysis("Failed to find enough backend, please check the replication num,"
                    + " replication tag and storage medium and avail capacity of backends or maybe all be on"
                    + " decommission state. Create failed replications: need " + r + ", alive backends " + alive);
        }
        return r;
    }

    /** Creates the tablets of every index of a new partition, spread over the alive backends. */
    void createTablets(SimDatabase db, SimTable t, SimPartition p, int replicas) {
        List<SimBackend> alive = backends.stream().filter(SimBackend::alive).toList();
        for (SimIndex idx : t.indexes) {
            List<SimTablet> tablets = new ArrayList<>();
            for (int b = 0; b < p.distribution.buckets(); b++) {
                long tabletId = nextId();
                List<SimTablet.Replica> rs = new ArrayList<>();
                for (int r = 0; r < replicas; r++) {
                    SimBackend be = alive.get((placement + r) % alive.size());
                    rs.add(new SimTablet.Replica(nextId(), be.id()));
                    TabletData data = be.createTablet(tabletId);
                    data.visible.put(p.visibleVersion, new Rowset("init-" + tabletId, p.visibleVersion, List.of(),
                            List.of()));
                }
                placement++;
                tablets.add(new SimTablet(tabletId, idx.id(), rs));
                tabletIndex.put(tabletId, new TabletLocation(db.id, t.id, p.id, idx.id()));
            }
            p.tablets.put(idx.id(), tablets);
        }
    }

    void dropTablets(SimPartition p) {
        for (SimTablet tablet : p.allTablets()) {
            for (SimTablet.Replica r : tablet.replicas()) {
                backend(r.backendId()).ifPresent(b -> b.dropTablet(tablet.id()));
            }
            tabletIndex.remove(tablet.id());
        }
        p.tablets.clear();
    }

    /** A dropped partition goes to the recycle bin: its tablets keep their data but take no loads. */
    void parkTablets(SimPartition p) {
        for (SimTablet tablet : p.allTablets()) {
            tabletIndex.remove(tablet.id());
        }
    }

    /** A recovered partition's tablets take loads again. */
    void unparkTablets(SimDatabase db, SimTable t, SimPartition p) {
        p.tablets.forEach((indexId, tablets) -> tablets.forEach(
                tablet -> tabletIndex.put(tablet.id(), new TabletLocation(db.id, t.id, p.id, indexId))));
    }

    void dropIndexTablets(SimPartition p, long indexId) {
        List<SimTablet> tablets = p.tablets.remove(indexId);
        if (tablets == null) {
            return;
        }
        for (SimTablet tablet : tablets) {
            for (SimTablet.Replica r : tablet.replicas()) {
                backend(r.backendId()).ifPresent(b -> b.dropTablet(tablet.id()));
            }
            tabletIndex.remove(tablet.id());
        }
    }

    // ---- partitions ------------------------------------------------------------------------

    /** The partition value type of column {@code c} in Doris's range text (DATEV2, INT...). */
    static String rangeType(ColumnDef c) {
        String t = c.type().toUpperCase(java.util.Locale.ROOT);
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : t.substring(0, paren);
        return switch (base) {
            case "DATE", "DATEV2" -> "DATEV2";
            case "DATETIME", "DATETIMEV2" -> "DATETIMEV2";
            case "VARCHAR", "CHAR", "STRING" -> "VARCHAR";
            default -> base;
        };
    }

    /** The smallest value of a partition column type, as Doris prints it in a range's lower bound. */
    static String minValue(ColumnDef c) {
        return switch (rangeType(c)) {
            case "TINYINT" -> "-128";
            case "SMALLINT" -> "-32768";
            case "INT" -> "-2147483648";
            case "BIGINT" -> "-9223372036854775808";
            case "LARGEINT" -> "-170141183460469231731687303715884105728";
            case "DATEV2" -> "0000-01-01";
            case "DATETIMEV2" -> "0000-01-01 00:00:00";
            default -> "";
        };
    }

    /** Doris's textual form of a partition's range or list items (the UPSERT {@code range}). */
    static String rangeText(SimTable t, PartitionValues v) {
        List<String> types = new ArrayList<>();
        for (String col : t.def.partitionBy().columns()) {
            types.add(t.column(col).map(SimState::rangeType).orElse("VARCHAR"));
        }
        if (v instanceof PartitionValues.Fixed f) {
            return "[" + key(types, f.lower()) + ".." + key(types, f.upper()) + ")";
        }
        if (v instanceof PartitionValues.In in) {
            StringBuilder sb = new StringBuilder("(");
            for (List<String> item : in.items()) {
                sb.append(sb.length() > 1 ? ", " : "").append(key(types, item));
            }
            return sb.append(')').toString();
        }
        return "";
    }

    private static String key(List<String> types, List<String> values) {
        StringBuilder sb = new StringBuilder("types: [");
        sb.append(String.join(", ", types.subList(0, Math.min(types.size(), values.size()))));
        sb.append("]; keys: [");
        sb.append(String.join(", ", values));
        return sb.append("]; ").toString();
    }
}
