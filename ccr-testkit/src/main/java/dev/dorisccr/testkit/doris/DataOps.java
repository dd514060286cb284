package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.schema.ColumnDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads and reads: INSERT routes rows to partitions and buckets and writes a rowset into every
 * tablet replica of the touched partitions in one txn; DELETE writes a delete-condition rowset
 * into every tablet; reads merge a replica's rowsets up to the partition's visible version.
 * Callers hold the state's monitor.
 */
final class DataOps {
    private final SimState s;
    private final Txns txns;
    private final CatalogOps catalog;
    private long loadSeq;
    private int roundRobin;

    DataOps(SimState s, Txns txns, CatalogOps catalog) {
        this.s = s;
        this.txns = txns;
        this.catalog = catalog;
    }

    /** INSERT INTO t VALUES ...: one txn; answers the number of rows. */
    int insert(SimDatabase db, SimTable t, List<Map<String, String>> rows) {
        return insert(db, t, rows, null, false);
    }

    /**
     * INSERT INTO t [TEMPORARY] PARTITION (names) VALUES ...: rows go only to the named
     * (temporary) partitions; a row that fits none of them is an error and nothing is written.
     */
    int insert(SimDatabase db, SimTable t, List<Map<String, String>> rows, List<String> partitions, boolean temp) {
        return load(db, t, rows, partitions, temp, false);
    }

    /**
     * DELETE on a unique table run as Doris runs it on merge-on-write tables (and as the fallback for
     * predicates a delete condition cannot hold): one load of the matched rows with the hidden
     * delete sign set; a key whose newest row carries the sign is gone. Answers the number of rows.
     */
    int deleteBySign(SimDatabase db, SimTable t, List<Map<String, String>> rows) {
        return load(db, t, rows, null, false, true);
    }

    private int load(SimDatabase db, SimTable t, List<Map<String, String>> rows, List<String> partitions,
            boolean temp, boolean deleteSign) {
        if (t.view) {
            throw SimException.analysis("'" + db.name + "." + t.name + "' is not TABLE");
        }
        List<SimPartition> targets = null;
        if (partitions != null) {
            targets = new ArrayList<>();
            for (String name : partitions) {
                SimPartition p = (temp ? t.tempPartitions : t.partitions).get(name);
                if (p == null) {
                    throw SimException.analysis((temp ? "Temporary partition " : "Partition ") + name
                            + " does not exist in table " + t.name);
                }
                targets.add(p);
            }
        }
        if (targets == null && t.def.partitionBy().auto()) {
            createAutoPartitions(db, t, rows);
        }
        Map<SimPartition, Map<Integer, List<Map<Integer, String>>>> routed = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            SimPartition p = targets == null ? Rows.partitionOf(t, row) : Rows.partitionAmong(t, targets, row);
            int bucket = Rows.bucketOf(p, row, roundRobin++);
            boolean signed = "1".equals(row.get(Rows.DELETE_SIGN));
            if (row.containsKey(Rows.DELETE_SIGN)) {
                row = new LinkedHashMap<>(row);
                row.remove(Rows.DELETE_SIGN);
            }
            Map<Integer, String> stored = Rows.toStored(t, row);
            if (deleteSign || signed) {
                stored.put(Rows.DELETE_SIGN_ID, "1");
            }
            routed.computeIfAbsent(p, k -> new HashMap<>()).computeIfAbsent(bucket, k -> new ArrayList<>())
                    .add(stored);
        }
        if (routed.isEmpty()) {
            return 0;
        }
        String label = (deleteSign ? "delete_" : "insert_") + s.clusterName + "_" + (++loadSeq);
        SimTxn txn = txns.begin(db, List.of(t.id), label, false).txn();
        List<long[]> infos = new ArrayList<>();
        routed.forEach((p, buckets) -> write(p, txn, b -> buckets.getOrDefault(b, List.of()), List.of(), infos));
        txns.commit(txn.id, infos);
        return rows.size();
    }

    /**
     * Before a load into an auto partitioned table: checks every row, then creates the partitions
     * rows need that no partition holds (each one ADD_PARTITION binlog, before the load's txn), as
     * Doris's sink asks the FE to through {@code createPartition}.
     */
    private void createAutoPartitions(SimDatabase db, SimTable t, List<Map<String, String>> rows) {
        Map<String, dev.dorisccr.testkit.schema.PartitionDef> missing = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            Rows.toStored(t, row);
            if (Rows.partitionIfAny(t, t.partitions.values(), row) == null) {
                dev.dorisccr.testkit.schema.PartitionDef pd = AutoPartitions.partitionFor(t, row);
                missing.putIfAbsent(pd.name(), pd);
            }
        }
        for (dev.dorisccr.testkit.schema.PartitionDef pd : missing.values()) {
            if (t.partitions.containsKey(pd.name())) {
                continue; // Doris answers the existing partition; the row then fits none and the load fails
            }
            catalog.addAutoPartition(db, t, pd);
        }
    }

    /** DELETE FROM t WHERE col op value [AND ...]: a delete-condition rowset in every tablet. */
    void delete(SimDatabase db, SimTable t, List<String[]> conditions) {
        delete(db, t, conditions, t.partitions.values());
    }

    /** DELETE FROM t PARTITION (...) WHERE ...: a delete-condition rowset in every tablet of those partitions. */
    void delete(SimDatabase db, SimTable t, List<String[]> conditions, java.util.Collection<SimPartition> parts) {
        List<Rowset.DeleteCondition> conds = new ArrayList<>();
        for (String[] c : conditions) {
            ColumnDef col = t.column(c[0]).orElseThrow(() -> CatalogOps.unknownColumn(c[0], t));
            conds.add(new Rowset.DeleteCondition(t.columnIds.get(col.name()), c[1], c[2]));
        }
        SimTxn txn = txns.begin(db, List.of(t.id), "delete_" + s.clusterName + "_" + (++loadSeq), false).txn();
        List<long[]> infos = new ArrayList<>();
        for (SimPartition p : parts) {
            write(p, txn, b -> List.of(), conds, infos);
        }
        txns.commit(txn.id, infos);
    }

    private interface BucketRows {
        List<Map<Integer, String>> rows(int bucket);
    }

    private void write(SimPartition p, SimTxn txn, BucketRows rows, List<Rowset.DeleteCondition> deletes,
            List<long[]> infos) {
        for (List<SimTablet> tablets : p.tablets.values()) {
            for (SimTablet tablet : tablets) {
                long alive = tablet.replicas().stream()
                        .filter(rep -> s.backend(rep.backendId()).map(SimBackend::alive).orElse(false)).count();
                if (alive < tablet.replicas().size() / 2 + 1) {
                    txns.rollback(txn.id, "tablet " + tablet.id() + " has " + alive + " alive replicas");
                    throw new SimException("INTERNAL_ERROR", 1105, "errCode = 2, detailMessage = tablet " + tablet.id()
                            + " has few replicas alive: " + alive + " of " + tablet.replicas().size()
                            + " (backend down)");
                }
            }
            for (int b = 0; b < tablets.size(); b++) {
                SimTablet tablet = tablets.get(b);
                Rowset r = new Rowset("rs-" + txn.id + "-" + tablet.id(), 0, rows.rows(b), deletes);
                for (SimTablet.Replica rep : tablet.replicas()) {
                    SimBackend be = s.backend(rep.backendId()).orElseThrow();
                    if (!be.alive()) {
                        continue;
                    }
                    be.createTablet(tablet.id()).pending.put(txn.id, r);
                    infos.add(new long[] {tablet.id(), be.id()});
                }
            }
        }
    }

    /** The table's visible rows in column order. */
    List<List<String>> rows(SimTable t) {
        return rows(t, t.partitions.values());
    }

    /** The visible rows of some of the table's (possibly temporary) partitions, in column order. */
    List<List<String>> rows(SimTable t, java.util.Collection<SimPartition> parts) {
        if (t.view) {
            throw SimException.analysis("'" + t.name + "' is a view");
        }
        List<Map<Integer, String>> all = new ArrayList<>();
        for (SimPartition p : parts) {
            List<SimTablet> tablets = p.tablets.get(t.baseIndex().id());
            if (tablets == null) {
                continue;
            }
            for (SimTablet tablet : tablets) {
                all.addAll(Rows.merge(t, replicaHistory(tablet, p.visibleVersion)));
            }
        }
        return Rows.present(t, all);
    }

    /** The rowsets of the first replica that has every version up to {@code version}. */
    List<Rowset> replicaHistory(SimTablet tablet, long version) {
        for (SimTablet.Replica r : tablet.replicas()) {
            SimBackend be = s.backend(r.backendId()).orElse(null);
            if (be == null) {
                continue;
            }
            TabletData d = be.tablet(tablet.id()).orElse(null);
            if (d != null && d.maxVersion() >= version) {
                return d.upTo(version);
            }
        }
        throw new SimException("INTERNAL_ERROR", 1105, "no replica of tablet " + tablet.id() + " has version " + version);
    }
}
