package dev.dorisccr.testkit.doris;

import java.util.List;

/**
 * Rollups and sync materialized views: ADD ROLLUP and CREATE MATERIALIZED VIEW are ROLLUP alter
 * jobs ({@link AlterJobs}: ALTER_JOB PENDING, WAITING_TXN, FINISHED with the rollup and base
 * index ids and names); DROP ROLLUP / DROP MATERIALIZED VIEW log DROP_ROLLUP; RENAME ROLLUP logs
 * RENAME_ROLLUP. Callers hold the state's monitor.
 */
final class AlterOps {
    private final ClusterCore core;
    private final SimState s;

    AlterOps(ClusterCore core) {
        this.core = core;
        this.s = core.s;
    }

    void addRollup(SimDatabase db, SimTable t, String name, List<String> cols, String rawSql) {
        AlterJobs.checkNormal(t);
        if (t.index(name).isPresent()) {
            throw SimException.analysis("Rollup index[" + name + "] already exists");
        }
        build(db, t, name, cols, rawSql);
    }

    /** CREATE MATERIALIZED VIEW name AS SELECT ...: a rollup-like index over the columns the query reads. */
    void createMaterializedView(SimDatabase db, SimTable t, String name, List<String> cols, String query, String rawSql) {
        AlterJobs.checkNormal(t);
        if (t.index(name).isPresent()) {
            throw SimException.analysis("Materialized view[" + name + "] already exists");
        }
        build(db, t, name, cols, rawSql);
        t.materializedViews.put(name, query);
    }

    private void build(SimDatabase db, SimTable t, String name, List<String> cols, String rawSql) {
        for (String c : cols) {
            t.column(c).orElseThrow(() -> CatalogOps.unknownColumn(c, t));
        }
        List<String> names = cols.stream().map(c -> t.column(c).orElseThrow().name()).toList();
        SimIndex r = new SimIndex(s.nextId(), name, names, false);
        core.alterJobs.submit(new AlterJob(s.nextId(), AlterJob.Type.ROLLUP, db, t, rawSql, s.nowMs(), List.of(), r,
                () -> {
                    t.indexes.add(r);
                    for (SimPartition p : t.allPartitions()) {
                        IndexCopy.fill(s, t, p, r);
                    }
                }));
    }

    void dropRollup(SimDatabase db, SimTable t, String name) {
        SimIndex r = t.index(name).filter(i -> !i.base() && !t.materializedViews.containsKey(i.name()))
                .orElseThrow(() -> SimException.analysis("Rollup index[" + name + "] does not exist in table[" + t.name + "]"));
        drop(db, t, r);
    }

    void dropMaterializedView(SimDatabase db, SimTable t, String name, boolean ifExists) {
        if (!t.materializedViews.containsKey(name)) {
            if (ifExists) {
                return;
            }
            throw SimException.analysis("Materialized view [" + name + "] does not exist in table [" + t.name + "]");
        }
        drop(db, t, t.index(name).orElseThrow());
        t.materializedViews.remove(name);
    }

    private void drop(SimDatabase db, SimTable t, SimIndex r) {
        AlterJobs.checkNormal(t);
        t.indexes.remove(r);
        for (SimPartition p : t.allPartitions()) {
            s.dropIndexTablets(p, r.id());
        }
        long seq = s.log(SimBinlog.DROP_ROLLUP, db, List.of(t), s.ddlTimestamp(),
                q -> s.payloads.dropRollup(db.id, t.id, t.name, r.id(), r.name()));
        s.journal.droppedIndex(db.id, r.id(), seq);
    }

    void renameRollup(SimDatabase db, SimTable t, String oldName, String newName) {
        SimIndex r = t.index(oldName).filter(i -> !i.base())
                .orElseThrow(() -> SimException.analysis("Rollup index[" + oldName + "] does not exist"));
        t.indexes.set(t.indexes.indexOf(r), r.withName(newName));
        String mv = t.materializedViews.remove(oldName);
        if (mv != null) {
            t.materializedViews.put(newName, mv);
        }
        s.log(SimBinlog.RENAME_ROLLUP, db, List.of(t), s.ddlTimestamp(),
                seq -> s.payloads.tableInfo(db.id, t.id, r.id(), -1, "", "", newName, oldName, "", ""));
    }
}
