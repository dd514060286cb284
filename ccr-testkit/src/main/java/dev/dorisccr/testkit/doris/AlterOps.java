package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alter jobs: a schema change that rewrites data (MODIFY COLUMN type) and rollups. Doris runs them
 * in the background and logs an ALTER_JOB binlog at each persisted state; the simulator runs them
 * at once and logs PENDING then FINISHED (with {@code iim}, shadow index id -> origin index id),
 * recording the origin indexes as dropped. Callers hold the state's monitor.
 */
final class AlterOps {
    private final ClusterCore core;
    private final SimState s;

    AlterOps(ClusterCore core) {
        this.core = core;
        this.s = core.s;
    }

    /** Heavy schema change: every index gets a new id and new tablets holding the same rows. */
    void modifyColumn(SimDatabase db, SimTable t, ColumnDef changed, String rawSql) {
        ColumnDef old = t.column(changed.name()).orElseThrow(() -> CatalogOps.unknownColumn(changed.name(), t));
        List<ColumnDef> cols = new ArrayList<>();
        t.def.columns().forEach(c -> cols.add(c == old ? new ColumnDef(old.name(), changed.type(), changed.nullable(),
                old.key(), old.aggregation(), changed.defaultValue(), changed.defaultNull(),
                changed.comment().isEmpty() ? old.comment() : changed.comment()) : c));
        long jobId = s.nextId();
        Map<Long, Long> iim = new LinkedHashMap<>();
        List<SimIndex> shadows = new ArrayList<>();
        for (SimIndex idx : t.indexes) {
            SimIndex shadow = new SimIndex(s.nextId(), idx.name(), idx.columns(), idx.base());
            iim.put(shadow.id(), idx.id());
            shadows.add(shadow);
        }
        s.log(SimBinlog.ALTER_JOB, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.alterJob("SCHEMA_CHANGE", db.id, t.id, t.name, jobId, "PENDING", rawSql, iim));
        for (SimPartition p : t.allPartitions()) {
            for (int i = 0; i < t.indexes.size(); i++) {
                copyIndex(t, p, t.indexes.get(i), shadows.get(i));
            }
        }
        t.indexes.clear();
        t.indexes.addAll(shadows);
        t.def = CatalogOps.withColumns(t, cols, t.def.comment());
        long seq = s.log(SimBinlog.ALTER_JOB, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.alterJob("SCHEMA_CHANGE", db.id, t.id, t.name, jobId, "FINISHED", rawSql, iim));
        iim.values().forEach(origin -> s.journal.droppedIndex(db.id, origin, seq));
    }

    /** Moves an index's data to new tablets under {@code to}'s id (same bucket order). */
    private void copyIndex(SimTable t, SimPartition p, SimIndex from, SimIndex to) {
        List<SimTablet> olds = p.tablets.remove(from.id());
        List<SimTablet> news = new ArrayList<>();
        for (SimTablet old : olds) {
            long id = s.nextId();
            List<SimTablet.Replica> reps = new ArrayList<>();
            for (SimTablet.Replica r : old.replicas()) {
                SimBackend be = s.backend(r.backendId()).orElseThrow();
                TabletData src = be.tablet(old.id()).orElseThrow();
                TabletData dst = be.createTablet(id);
                dst.visible.putAll(src.visible);
                be.dropTablet(old.id());
                reps.add(new SimTablet.Replica(s.nextId(), be.id()));
            }
            SimState.TabletLocation loc = s.tabletIndex.remove(old.id());
            s.tabletIndex.put(id, new SimState.TabletLocation(loc.dbId(), t.id, p.id, to.id()));
            news.add(new SimTablet(id, to.id(), reps));
        }
        p.tablets.put(to.id(), news);
    }

    void addRollup(SimDatabase db, SimTable t, String name, List<String> cols, String rawSql) {
        if (t.index(name).isPresent()) {
            throw SimException.analysis("Rollup index[" + name + "] already exists");
        }
        for (String c : cols) {
            t.column(c).orElseThrow(() -> CatalogOps.unknownColumn(c, t));
        }
        long jobId = s.nextId();
        SimIndex r = new SimIndex(s.nextId(), name, cols, false);
        s.log(SimBinlog.ALTER_JOB, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.alterJob("ROLLUP", db.id, t.id, t.name, jobId, "PENDING", rawSql, Map.of()));
        t.indexes.add(r);
        for (SimPartition p : t.allPartitions()) {
            List<SimTablet> base = p.tablets.get(t.baseIndex().id());
            List<SimTablet> tablets = new ArrayList<>();
            for (SimTablet b : base) {
                long id = s.nextId();
                List<SimTablet.Replica> reps = new ArrayList<>();
                for (SimTablet.Replica rep : b.replicas()) {
                    SimBackend be = s.backend(rep.backendId()).orElseThrow();
                    be.createTablet(id).visible.putAll(be.tablet(b.id()).orElseThrow().visible);
                    reps.add(new SimTablet.Replica(s.nextId(), be.id()));
                }
                s.tabletIndex.put(id, new SimState.TabletLocation(db.id, t.id, p.id, r.id()));
                tablets.add(new SimTablet(id, r.id(), reps));
            }
            p.tablets.put(r.id(), tablets);
        }
        s.log(SimBinlog.ALTER_JOB, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.alterJob("ROLLUP", db.id, t.id, t.name, jobId, "FINISHED", rawSql, Map.of()));
    }

    void dropRollup(SimDatabase db, SimTable t, String name) {
        SimIndex r = t.index(name).filter(i -> !i.base())
                .orElseThrow(() -> SimException.analysis("Rollup index[" + name + "] does not exist in table[" + t.name + "]"));
        t.indexes.remove(r);
        for (SimPartition p : t.allPartitions()) {
            s.dropIndexTablets(p, r.id());
        }
        long seq = s.log(SimBinlog.DROP_ROLLUP, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.dropRollup(db.id, t.id, t.name, r.id(), name));
        s.journal.droppedIndex(db.id, r.id(), seq);
    }

    void renameRollup(SimDatabase db, SimTable t, String oldName, String newName) {
        SimIndex r = t.index(oldName).filter(i -> !i.base())
                .orElseThrow(() -> SimException.analysis("Rollup index[" + oldName + "] does not exist"));
        t.indexes.set(t.indexes.indexOf(r), r.withName(newName));
        s.log(SimBinlog.RENAME_ROLLUP, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.tableInfo(db.id, t.id, r.id(), -1, "", "", newName, oldName, "", ""));
    }
}
