package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BACKUP SNAPSHOT ... TO {@code __keep_on_local__}: the snapshot (data and the barrier commit
 * seq) is taken when the job is created; the job then moves PENDING -> SNAPSHOTING -> UPLOAD_INFO
 * -> FINISHED, one state per SHOW BACKUP poll; snapshot files stay on the source BEs. Only one
 * backup or restore job may run per database. Callers hold the state's monitor.
 */
final class Backups {
    static final String LOCAL_REPO = "__keep_on_local__";
    private final SimState s;
    final List<BackupJob> jobs = new ArrayList<>();
    long snapshotTtlMs = 3_600_000;
    /** A backup does not finish before it has run this long on the cluster's clock (0: one poll per state). */
    long minDurationMs;

    /** One table to back up, all partitions when {@code partitions} is empty. */
    record Target(String table, List<String> partitions) {}

    Backups(SimState s) {
        this.s = s;
    }

    BackupJob backup(SimDatabase db, String label, String repo, List<Target> targets, Restores restores) {
        if (!LOCAL_REPO.equals(repo)) {
            throw SimException.analysis("Repository " + repo + " does not exist");
        }
        checkIdle(db, restores);
        if (jobs.stream().anyMatch(j -> j.db == db && j.label.equals(label) && !j.state.equals("CANCELLED"))) {
            throw SimException.analysis("Snapshot with name '" + label + "' already exist in repo " + repo);
        }
        List<SimTable> tables = new ArrayList<>();
        Map<SimTable, List<SimPartition>> parts = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            tables.addAll(db.tables.values());
        } else {
            for (Target t : targets) {
                SimTable table = db.table(t.table()).orElseThrow(() -> SimException.analysis("Unknown table " + t.table()));
                tables.add(table);
                if (!t.partitions().isEmpty()) {
                    List<SimPartition> ps = new ArrayList<>();
                    for (String p : t.partitions()) {
                        ps.add(Optional.ofNullable(table.partitions.get(p)).orElseThrow(
                                () -> SimException.analysis("Unknown partition " + p + " in table " + t.table())));
                    }
                    parts.put(table, ps);
                }
            }
        }
        long commitSeq = s.nextJournalId(); // the backup's barrier: a journal id, not a binlog
        ArrayNode meta = Payloads.object().arrayNode();
        ObjectNode info = Payloads.object();
        info.put("name", label);
        info.put("database", db.name);
        info.put("id", db.id);
        info.put("backup_time", s.nowMs());
        info.put("content", "ALL");
        ObjectNode objects = info.putObject("backup_objects");
        ArrayNode views = info.putObject("new_backup_objects").putArray("views");
        ObjectNode beMap = Payloads.object();
        ObjectNode pathMap = Payloads.object();
        ObjectNode seqMap = Payloads.object();
        List<String> refs = new ArrayList<>();
        for (SimTable t : tables) {
            // Doris's TableRef.toString: the name with the db the statement set, then PartitionNames.toSql unspaced
            List<SimPartition> named = parts.get(t);
            refs.add("[" + db.name + "." + t.name + (named == null ? "" : "PARTITIONS ("
                    + String.join(", ", named.stream().map(p -> p.name).toList()) + ")") + "]");
            if (t.view) {
                views.addObject().put("name", t.name).put("id", t.id);
                meta.add(SnapshotMeta.table(t, List.of()));
                continue;
            }
            List<SimPartition> ps = parts.getOrDefault(t, new ArrayList<>(t.partitions.values()));
            meta.add(SnapshotMeta.table(t, ps));
            ObjectNode to = objects.putObject(t.name);
            to.put("id", t.id);
            ObjectNode po = to.putObject("partitions");
            for (SimPartition p : ps) {
                ObjectNode pn = po.putObject(p.name);
                pn.put("id", p.id);
                pn.put("version", p.visibleVersion);
                ObjectNode io = pn.putObject("indexes");
                for (SimIndex idx : t.indexes) {
                    ObjectNode in = io.putObject(idx.name());
                    in.put("id", idx.id());
                    in.put("schema_hash", 0);
                    ObjectNode tablets = in.putObject("tablets");
                    ArrayNode order = in.putArray("tablets_order");
                    for (SimTablet tablet : p.tablets.getOrDefault(idx.id(), List.of())) {
                        SimBackend be = healthyReplica(tablet, p.visibleVersion);
                        String path = "/snapshot/" + label + "/" + tablet.id();
                        List<Rowset> history = be.tablet(tablet.id()).orElseThrow().upTo(p.visibleVersion);
                        be.snapshotFiles.put(path, history);
                        tablets.putArray(Long.toString(tablet.id())).add(tablet.id() + ".dat");
                        order.add(tablet.id());
                        beMap.put(Long.toString(tablet.id()), be.id());
                        pathMap.put(Long.toString(tablet.id()), path);
                    }
                }
            }
            seqMap.put(Long.toString(t.id), commitSeq);
        }
        info.put("backup_result", "succeed");
        info.put("meta_version", 0);
        info.put("major_version", 3);
        info.put("minor_version", 0);
        info.put("patch_version", 4);
        info.set("tablet_be_map", beMap);
        info.set("tablet_snapshot_path_map", pathMap);
        info.set("table_commit_seq_map", seqMap);
        BackupJob job = new BackupJob(s.nextId(), label, db, s.nowMs(), commitSeq, meta, info, String.join(", ", refs));
        jobs.add(job);
        return job;
    }

    /** The backend of the first replica that is alive and has every version up to {@code version}. */
    private SimBackend healthyReplica(SimTablet tablet, long version) {
        for (SimTablet.Replica r : tablet.replicas()) {
            SimBackend be = s.backend(r.backendId()).orElse(null);
            if (be != null && be.alive() && be.tablet(tablet.id()).map(d -> d.maxVersion() >= version).orElse(false)) {
                return be;
            }
        }
        throw SimException.analysis("tablet " + tablet.id() + " has no healthy replica with version " + version);
    }

    void checkIdle(SimDatabase db, Restores restores) {
        boolean busy = jobs.stream().anyMatch(j -> j.db == db && j.running())
                || restores.jobs.stream().anyMatch(j -> j.db == db && j.running());
        if (busy) {
            throw SimException.analysis("Can only run one backup or restore job of a database at same time");
        }
    }

    /** One SHOW BACKUP poll moves each running job of the db one state on. */
    void advance(SimDatabase db) {
        for (BackupJob j : jobs) {
            if (j.db == db && j.running()) {
                if (j.step + 1 >= BackupJob.STATES.size() - 1 && s.nowMs() < j.createMs + minDurationMs) {
                    j.step = BackupJob.STATES.size() - 2;
                    j.state = BackupJob.STATES.get(j.step);
                    continue;
                }
                if (j.state.equals("SNAPSHOTING")) {
                    j.snapshotFinishMs = s.nowMs();
                }
                j.step++;
                j.state = BackupJob.STATES.get(Math.min(j.step, BackupJob.STATES.size() - 1));
                if (j.state.equals("FINISHED")) {
                    j.finishMs = s.nowMs();
                    j.expireMs = j.finishMs + snapshotTtlMs;
                }
            }
        }
    }

    void cancel(SimDatabase db) {
        for (BackupJob j : jobs) {
            if (j.db == db && j.running()) {
                j.state = "CANCELLED";
                j.finishMs = s.nowMs();
                j.status = "[COMMON_ERROR, msg: user cancelled]";
            }
        }
    }

    /** The finished job of a label, for getSnapshot. */
    BackupJob snapshot(SimDatabase db, String label) {
        BackupJob found = null;
        for (BackupJob j : jobs) {
            if (j.db == db && j.label.equals(label)) {
                found = j;
            }
        }
        if (found == null || !found.state.equals("FINISHED")) {
            throw new SimException("SNAPSHOT_NOT_EXIST", 1105, "snapshot " + label + " does not exist");
        }
        if (found.expireMs <= s.nowMs()) {
            throw new SimException("SNAPSHOT_EXPIRED", 1105, "snapshot " + label + " is expired");
        }
        return found;
    }
}
