package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dorisccr.testkit.schema.ColumnDef;
import dev.dorisccr.testkit.schema.RollupDef;
import dev.dorisccr.testkit.schema.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RESTORE from a snapshot taken on another cluster: PENDING -> SNAPSHOTING (schema check) ->
 * DOWNLOAD -> DOWNLOADING (the target BEs pull every tablet's snapshot files from the source BE
 * named by {@code tablet_be_map} at the address in {@code extra_info.be_network_map}, presenting
 * {@code extra_info.token}) -> COMMIT -> COMMITTING (tables built or replaced) -> FINISHED, one
 * state per SHOW RESTORE poll. Restored tables are marked {@code is_being_synced} and lose
 * storage_policy and colocate_with. Callers hold the state's monitor except around downloads.
 */
final class Restores {
    static final Set<String> KNOWN_PROPERTIES = Set.of("allow_load", "backup_timestamp", "meta_version",
            "reserve_replica", "reserve_dynamic_partition_enable", "clean_tables", "clean_partitions", "atomic_restore",
            "replication_num", "replication_allocation", "timeout", "force_replace", "reserve_colocate");
    private final SimState s;
    final List<RestoreJob> jobs = new ArrayList<>();
    /** A restore does not finish before it has run this long on the cluster's clock (0: one poll per state). */
    long minDurationMs;

    /** One snapshot file to download: source tablet, source BE address, path, token. */
    record Download(long srcTablet, String host, int port, String path, String token) {}

    Restores(SimState s) {
        this.s = s;
    }

    RestoreJob create(SimDatabase db, String label, List<SnapshotMeta.Table> tables, JsonNode jobInfo,
            Map<String, String> aliases, Map<String, String> props, boolean cleanTables, boolean cleanPartitions,
            boolean atomic, Backups backups) {
        for (String k : props.keySet()) {
            if (!KNOWN_PROPERTIES.contains(k)) {
                throw SimException.analysis("Unknown restore job properties: " + k);
            }
        }
        backups.checkIdle(db, this);
        if (jobs.stream().anyMatch(j -> j.db == db && j.label.equals(label) && j.state.equals("FINISHED"))) {
            throw SimException.analysis("Label " + label + " already used by a finished restore job");
        }
        List<SnapshotMeta.Table> chosen = new ArrayList<>();
        for (SnapshotMeta.Table t : tables) {
            if (aliases.isEmpty() || aliases.containsKey(t.name())) {
                chosen.add(t);
            }
        }
        if (!aliases.isEmpty() && chosen.size() != aliases.size()) {
            throw SimException.analysis("table refs name tables that are not in the snapshot: " + aliases.keySet());
        }
        Map<String, String> names = new LinkedHashMap<>();
        aliases.forEach((k, v) -> names.put(k, v.isEmpty() ? k : v));
        RestoreJob job = new RestoreJob(s.nextId(), label, db, s.nowMs(), chosen, jobInfo, names, props, cleanTables,
                cleanPartitions, atomic);
        jobs.add(job);
        return job;
    }

    void cancel(SimDatabase db) {
        for (RestoreJob j : jobs) {
            if (j.db == db && j.running()) {
                fail(j, "user cancelled, current state: " + j.state);
            }
        }
    }

    /** Ends the job CANCELLED with Doris's Status text ({@code [COMMON_ERROR, msg: ...]}). */
    void fail(RestoreJob j, String why) {
        j.state = "CANCELLED";
        j.finishMs = s.nowMs();
        j.status = "[COMMON_ERROR, msg: " + why + "]";
    }

    /** Advances a job that needs no download; answers the downloads when the job is at DOWNLOAD. */
    List<Download> advance(RestoreJob j) {
        switch (j.state) {
            case "PENDING" -> {
                j.metaPreparedMs = s.nowMs();
                j.state = "SNAPSHOTING";
            }
            case "SNAPSHOTING" -> {
                String bad = schemaConflict(j);
                if (bad != null) {
                    fail(j, bad);
                } else {
                    j.snapshotFinishMs = s.nowMs();
                    j.state = "DOWNLOAD";
                }
            }
            case "DOWNLOAD" -> {
                List<Download> files = downloads(j);
                if (files.isEmpty() && j.state.equals("DOWNLOAD")) {
                    j.state = "DOWNLOADING"; // nothing to pull (views only, or tables without partitions)
                }
                return files;
            }
            case "DOWNLOADING" -> {
                j.downloadFinishMs = s.nowMs();
                j.state = "COMMIT";
            }
            case "COMMIT" -> j.state = "COMMITTING";
            case "COMMITTING" -> {
                if (s.nowMs() < j.createMs + minDurationMs) {
                    return List.of();
                }
                try {
                    apply(j);
                    j.state = "FINISHED";
                    j.finishMs = s.nowMs();
                } catch (SimException e) {
                    fail(j, e.getMessage());
                }
            }
            default -> { }
        }
        return List.of();
    }

    /** Stores downloaded files (or the failure) and moves the job on. */
    void downloaded(RestoreJob j, Map<Long, List<Rowset>> files, String error) {
        if (!j.state.equals("DOWNLOAD")) {
            return;
        }
        if (error != null) {
            fail(j, "download failed: " + error);
            return;
        }
        j.downloaded.putAll(files);
        j.state = "DOWNLOADING";
    }

    private String schemaConflict(RestoreJob j) {
        if (j.atomic) {
            return null;
        }
        for (SnapshotMeta.Table t : j.tables) {
            SimTable existing = j.db.tables.get(j.targetName(t.name()));
            if (existing == null) {
                continue;
            }
            // RestoreJob compares a view's signature (its definition) and a table's schema
            if (existing.view != t.view() || (t.view() && !existing.viewQuery.equals(t.query()))
                    || (!t.view() && !sameColumns(existing.def, t.def()))) {
                return (t.view() ? "View " : "Table ") + j.targetName(t.name()) + " already exist but with different schema";
            }
        }
        return null;
    }

    private static boolean sameColumns(TableDef a, TableDef b) {
        if (a.columns().size() != b.columns().size() || a.keysType() != b.keysType()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            ColumnDef x = a.columns().get(i);
            ColumnDef y = b.columns().get(i);
            if (!x.name().equals(y.name()) || !x.type().equalsIgnoreCase(y.type())) {
                return false;
            }
        }
        return true;
    }

    private List<Download> downloads(RestoreJob j) {
        JsonNode info = j.jobInfo;
        JsonNode network = info.path("extra_info").path("be_network_map");
        String token = info.path("extra_info").path("token").asText("");
        List<Download> out = new ArrayList<>();
        for (SnapshotMeta.Table t : j.tables) {
            if (t.view()) {
                continue;
            }
            for (JsonNode p : info.path("backup_objects").path(t.name()).path("partitions")) {
                for (JsonNode idx : p.path("indexes")) {
                    for (JsonNode tablet : idx.path("tablets_order")) {
                        String id = tablet.asText();
                        String be = info.path("tablet_be_map").path(id).asText("");
                        JsonNode addr = network.path(be);
                        if (addr.isMissingNode() || !addr.has("ip")) {
                            fail(j, "no address for source backend " + be + " in extra_info.be_network_map");
                            return List.of();
                        }
                        out.add(new Download(tablet.asLong(), addr.path("ip").asText(), addr.path("port").asInt(),
                                info.path("tablet_snapshot_path_map").path(id).asText(), token));
                    }
                }
            }
        }
        return out;
    }

    private void apply(RestoreJob j) {
        SimDatabase db = j.db;
        Set<String> restored = new HashSet<>();
        for (SnapshotMeta.Table t : j.tables) {
            String name = j.targetName(t.name());
            restored.add(name);
            if (t.view()) {
                SimTable v = db.tables.get(name);
                if (v == null || !v.view) {
                    if (v != null) {
                        v.allPartitions().forEach(s::dropTablets);
                    }
                    v = new SimTable(s.nextId(), name, t.query());
                    db.tables.put(name, v);
                }
                v.viewQuery = t.query(); // an atomic restore replaces a view of another definition
                v.viewComment = t.viewComment();
                v.viewColumnComments.clear();
                v.viewColumnComments.putAll(t.viewColumnComments());
                continue;
            }
            SimTable existing = db.tables.get(name);
            if (existing != null && !j.atomic) {
                refill(j, db, existing, t);
            } else {
                SimTable fresh = build(j, db, t, name);
                if (existing != null) {
                    existing.allPartitions().forEach(s::dropTablets);
                }
                db.tables.put(name, fresh);
            }
        }
        if (j.cleanTables) {
            for (SimTable t : new ArrayList<>(db.tables.values())) {
                if (!restored.contains(t.name)) {
                    db.tables.remove(t.name);
                    t.allPartitions().forEach(s::dropTablets);
                }
            }
        }
    }

    private SimTable build(RestoreJob j, SimDatabase db, SnapshotMeta.Table t, String name) {
        TableDef d = t.def();
        TableDef def = d.withName(name);
        SimTable table = new SimTable(s.nextId(), name, def);
        table.columnIds.clear();
        table.columnIds.putAll(t.columnIds());
        table.nextColumnId = t.nextColumnId();
        table.properties.clear();
        table.properties.putAll(restoredProperties(j, d.properties()));
        table.indexes.add(new SimIndex(s.nextId(), name, CatalogOps.columnNames(def), true));
        for (RollupDef r : def.rollups()) {
            table.indexes.add(new SimIndex(s.nextId(), r.name(), r.columns(), false));
        }
        int replicas = s.replicationNum(table.properties);
        for (SnapshotMeta.Part p : t.partitions()) {
            SimPartition part = new SimPartition(s.nextId(), p.name(), p.values(), p.temp(), p.distribution());
            part.visibleVersion = p.version();
            (p.temp() ? table.tempPartitions : table.partitions).put(p.name(), part);
            fill(j, db, table, part, t.name(), replicas);
        }
        return table;
    }

    private void refill(RestoreJob j, SimDatabase db, SimTable table, SnapshotMeta.Table t) {
        int replicas = s.replicationNum(table.properties);
        Set<String> names = new HashSet<>();
        for (SnapshotMeta.Part p : t.partitions()) {
            names.add(p.name());
            SimPartition old = table.partitions.get(p.name());
            if (old != null) {
                s.dropTablets(old);
            }
            SimPartition part = new SimPartition(s.nextId(), p.name(), p.values(), p.temp(), p.distribution());
            part.visibleVersion = p.version();
            table.partitions.put(p.name(), part);
            fill(j, db, table, part, t.name(), replicas);
        }
        if (j.cleanPartitions) {
            for (SimPartition p : new ArrayList<>(table.partitions.values())) {
                if (!names.contains(p.name)) {
                    table.partitions.remove(p.name);
                    s.dropTablets(p);
                }
            }
        }
        table.properties.put("is_being_synced", "true");
        table.properties.remove("storage_policy");
        table.properties.remove("colocate_with");
    }

    /** Creates the partition's tablets and loads each with the matching source tablet's snapshot files. */
    private void fill(RestoreJob j, SimDatabase db, SimTable table, SimPartition part, String sourceTable, int replicas) {
        s.createTablets(db, table, part, replicas);
        JsonNode indexes = j.jobInfo.path("backup_objects").path(sourceTable).path("partitions").path(part.name)
                .path("indexes");
        for (SimIndex idx : table.indexes) {
            String srcIndexName = idx.base() ? sourceTable : idx.name();
            JsonNode order = indexes.path(srcIndexName).path("tablets_order");
            List<SimTablet> tablets = part.tablets.get(idx.id());
            if (order.size() != tablets.size()) {
                throw SimException.analysis("index " + idx.name() + " of partition " + part.name + " has "
                        + order.size() + " tablets in the snapshot and " + tablets.size() + " here");
            }
            for (int i = 0; i < tablets.size(); i++) {
                List<Rowset> files = j.downloaded.get(order.get(i).asLong());
                if (files == null) {
                    throw SimException.analysis("snapshot files of tablet " + order.get(i).asLong() + " were not downloaded");
                }
                for (SimTablet.Replica r : tablets.get(i).replicas()) {
                    TabletData data = s.backend(r.backendId()).orElseThrow().createTablet(tablets.get(i).id());
                    data.clear();
                    files.forEach(f -> data.visible.put(f.version(), f));
                    if (data.visible.isEmpty() || data.maxVersion() < part.visibleVersion) {
                        data.visible.put(part.visibleVersion, new Rowset("restored-" + tablets.get(i).id(),
                                part.visibleVersion, List.of(), List.of()));
                    }
                }
            }
        }
    }

    private static Map<String, String> restoredProperties(RestoreJob j, Map<String, String> source) {
        Map<String, String> p = new LinkedHashMap<>(source);
        p.put("is_being_synced", "true");
        p.remove("storage_policy");
        p.remove("colocate_with");
        p.remove("dynamic_partition.storage_policy");
        if (p.containsKey("dynamic_partition.enable")
                && !"true".equalsIgnoreCase(j.properties.get("reserve_dynamic_partition_enable"))) {
            p.put("dynamic_partition.enable", "false");
        }
        if (!"true".equalsIgnoreCase(j.properties.get("reserve_replica"))) {
            p.remove("replication_allocation");
            p.remove("replication_num");
            String n = j.properties.get("replication_num");
            if (n != null) {
                p.put("replication_num", n);
            }
        }
        return p;
    }
}
