package dev.dorisccr.testkit.doris;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The FE transaction manager: labels unique per database (an aborted txn frees its label),
 * commit with tablet commit infos (every info must name a known tablet whose replica on that
 * backend holds a rowset of the txn; every tablet of a touched partition needs a quorum), publish
 * (partition versions move, pending rowsets become visible, an UPSERT binlog is logged), an
 * optional publish delay that answers PUBLISH_TIMEOUT and publishes later on the clock, and
 * rollback. Callers hold the state's monitor.
 */
final class Txns {
    private final SimState s;
    final Map<Long, SimTxn> txns = new LinkedHashMap<>();
    private final Map<Long, Map<String, Long>> labels = new HashMap<>();
    private long nextTxnId = 1000;

    /** Takes a txn id without a txn (an alter job's watershed, as Doris's getNextTransactionId). */
    long takeTxnId() {
        return nextTxnId++;
    }
    long publishDelayMs;

    Txns(SimState s) {
        this.s = s;
    }

    /** Begin's outcome: a new txn, or the txn that holds the label. */
    record Begin(SimTxn txn, boolean labelExisted) {}

    Begin begin(SimDatabase db, List<Long> tableIds, String label, boolean fromSyncer) {
        if (label == null || label.isEmpty()) {
            throw SimException.analysis("label is not set");
        }
        for (long t : tableIds) {
            if (db.tableById(t).isEmpty()) {
                throw SimException.analysis("can't find table id: " + t);
            }
        }
        Long existing = labels.computeIfAbsent(db.id, k -> new HashMap<>()).get(label);
        if (existing != null) {
            SimTxn x = txns.get(existing);
            if (x.state != SimTxn.State.ABORTED) {
                return new Begin(x, true);
            }
        }
        SimTxn t = new SimTxn(nextTxnId++, db.id, label, tableIds, fromSyncer, s.nowMs());
        txns.put(t.id, t);
        labels.get(db.id).put(label, t.id);
        s.nextJournalId();
        return new Begin(t, false);
    }

    SimTxn txn(long txnId) {
        SimTxn t = txns.get(txnId);
        if (t == null) {
            throw SimException.analysis("transaction [" + txnId + "] not found");
        }
        return t;
    }

    /**
     * Commits with commit infos (tablet id, backend id). Answers true when visible now, false
     * when committed and publishing later (PUBLISH_TIMEOUT).
     */
    boolean commit(long txnId, List<long[]> infos) {
        SimTxn t = txn(txnId);
        switch (t.state) {
            case VISIBLE, COMMITTED -> throw SimException.analysis("transaction [" + txnId + "] is already "
                    + (t.state == SimTxn.State.VISIBLE ? "visible" : "COMMITTED"));
            case ABORTED -> throw SimException.analysis("transaction [" + txnId + "] is already aborted, abort reason: "
                    + t.reason);
            default -> { }
        }
        SimDatabase db = s.dbById(t.dbId).orElseThrow(() -> SimException.analysis("database of txn " + txnId + " is gone"));
        Map<Long, List<Long>> okReplicas = new HashMap<>();
        for (long[] info : infos) {
            SimState.TabletLocation loc = s.tabletIndex.get(info[0]);
            if (loc == null) {
                throw SimException.analysis("tablet " + info[0] + " in the commit infos of txn " + txnId + " does not exist");
            }
            if (!t.tableIds.contains(loc.tableId())) {
                throw SimException.analysis("tablet " + info[0] + " belongs to table " + loc.tableId()
                        + ", which is not in txn " + txnId);
            }
            SimBackend be = s.backend(info[1]).orElseThrow(() -> SimException.analysis("backend " + info[1] + " not found"));
            TabletData d = be.tablet(info[0]).orElseThrow(() -> SimException.analysis("tablet " + info[0]
                    + " has no replica on backend " + info[1]));
            if (!d.pending.containsKey(txnId)) {
                throw SimException.analysis("tablet " + info[0] + " on backend " + info[1] + " has no data of txn " + txnId);
            }
            okReplicas.computeIfAbsent(info[0], k -> new ArrayList<>()).add(info[1]);
        }
        Map<SimPartition, SimTable> touched = new LinkedHashMap<>();
        for (long tabletId : okReplicas.keySet()) {
            SimState.TabletLocation loc = s.tabletIndex.get(tabletId);
            SimTable table = db.tableById(loc.tableId()).orElseThrow(() -> SimException.analysis(
                    "table " + loc.tableId() + " of txn " + txnId + " is gone"));
            touched.put(table.partitionById(loc.partitionId()).orElseThrow(), table);
        }
        for (Map.Entry<SimPartition, SimTable> e : touched.entrySet()) {
            for (SimTablet tablet : e.getKey().allTablets()) {
                int quorum = tablet.replicas().size() / 2 + 1;
                int ok = okReplicas.getOrDefault(tablet.id(), List.of()).size();
                if (ok < quorum) {
                    throw SimException.analysis("Failed to commit txn " + txnId + ". Tablet [" + tablet.id()
                            + "] success replica num " + ok + " is less than quorum replica num " + quorum);
                }
            }
        }
        okReplicas.forEach((tablet, bes) -> bes.forEach(be -> t.commitInfos.add(new long[] {tablet, be})));
        t.state = SimTxn.State.COMMITTED;
        t.commitOrder = s.nextJournalId();
        if (publishDelayMs > 0) {
            t.publishDueMs = s.nowMs() + publishDelayMs;
            return false;
        }
        publish(t);
        return true;
    }

    /** Publishes every committed txn whose delay is over. */
    void publishDue() {
        for (SimTxn t : new ArrayList<>(txns.values())) {
            if (t.state == SimTxn.State.COMMITTED && t.publishDueMs <= s.nowMs()) {
                publish(t);
            }
        }
    }

    private void publish(SimTxn t) {
        SimDatabase db = s.dbById(t.dbId).orElseThrow();
        Map<Long, TreeMap<Long, SimPartition>> byTable = new TreeMap<>();
        Map<Long, SimTable> tables = new HashMap<>();
        for (long[] info : t.commitInfos) {
            SimState.TabletLocation loc = s.tabletIndex.get(info[0]);
            if (loc == null) {
                continue; // dropped meanwhile
            }
            db.tableById(loc.tableId()).ifPresent(table -> {
                tables.put(table.id, table);
                table.partitionById(loc.partitionId()).ifPresent(p -> byTable
                        .computeIfAbsent(table.id, k -> new TreeMap<>()).put(p.id, p));
            });
        }
        Map<Long, Long> newVersions = new HashMap<>();
        byTable.values().forEach(ps -> ps.values().forEach(p -> {
            p.visibleVersion++;
            p.visibleVersionTime = s.nowMs();
            newVersions.put(p.id, p.visibleVersion);
        }));
        for (long[] info : t.commitInfos) {
            SimState.TabletLocation loc = s.tabletIndex.get(info[0]);
            if (loc == null || !newVersions.containsKey(loc.partitionId())) {
                continue;
            }
            long v = newVersions.get(loc.partitionId());
            s.backend(info[1]).flatMap(be -> be.tablet(info[0])).ifPresent(d -> {
                Rowset r = d.pending.remove(t.id);
                if (r != null) {
                    d.visible.put(v, r.atVersion(v));
                }
            });
        }
        // replicas that did not take part keep their pending data out of sight
        for (SimBackend be : s.backends) {
            for (long[] info : t.commitInfos) {
                be.tablet(info[0]).ifPresent(d -> d.pending.remove(t.id));
            }
        }
        t.state = SimTxn.State.VISIBLE;
        t.finishMs = s.nowMs();
        Map<Long, List<Payloads.PartitionRecord>> parts = new TreeMap<>();
        Map<Long, List<Long>> indexIds = new TreeMap<>();
        byTable.forEach((tableId, ps) -> {
            SimTable table = tables.get(tableId);
            List<Payloads.PartitionRecord> prs = new ArrayList<>();
            ps.values().forEach(p -> prs.add(new Payloads.PartitionRecord(p.id, SimState.rangeText(table, p.values),
                    p.visibleVersion, p.temp)));
            parts.put(tableId, prs);
            List<Long> idx = new ArrayList<>();
            table.indexes.forEach(i -> idx.add(i.id()));
            indexIds.put(tableId, idx);
        });
        List<SimTable> involved = new ArrayList<>(tables.values());
        s.log(SimBinlog.UPSERT, db, involved, t.finishMs,
                seq -> s.payloads.upsert(seq, t.id, t.finishMs, t.label, db.id, parts, indexIds));
    }

    void rollback(long txnId, String reason) {
        SimTxn t = txn(txnId);
        switch (t.state) {
            case ABORTED -> throw SimException.analysis("transaction [" + txnId + "] is already aborted");
            case COMMITTED, VISIBLE -> throw SimException.analysis("transaction [" + txnId + "] is already COMMITTED, could not abort");
            default -> { }
        }
        t.state = SimTxn.State.ABORTED;
        t.reason = reason;
        t.finishMs = s.nowMs();
        for (SimBackend be : s.backends) {
            for (long tabletId : new ArrayList<>(s.tabletIndex.keySet())) {
                be.tablet(tabletId).ifPresent(d -> d.pending.remove(txnId));
            }
        }
        s.nextJournalId();
    }
}
