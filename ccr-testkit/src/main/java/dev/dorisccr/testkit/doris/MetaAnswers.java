package dev.dorisccr.testkit.doris;

import dev.dorisccr.thrift.gen.TBackend;
import dev.dorisccr.thrift.gen.TGetMetaDB;
import dev.dorisccr.thrift.gen.TGetMetaDBMeta;
import dev.dorisccr.thrift.gen.TGetMetaIndexMeta;
import dev.dorisccr.thrift.gen.TGetMetaPartitionMeta;
import dev.dorisccr.thrift.gen.TGetMetaReplicaMeta;
import dev.dorisccr.thrift.gen.TGetMetaTable;
import dev.dorisccr.thrift.gen.TGetMetaTableMeta;
import dev.dorisccr.thrift.gen.TGetMetaTabletMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** getMeta and getBackendMeta answers built from the simulated state (facts 3.10, 3.11). */
final class MetaAnswers {
    private MetaAnswers() {}

    static TGetMetaDBMeta dbMeta(SimState s, TGetMetaDB req) {
        TGetMetaDBMeta out = new TGetMetaDBMeta();
        if (req == null) {
            return out;
        }
        Optional<SimDatabase> found = req.isSetId() && req.getId() > 0 ? s.dbById(req.getId())
                : Optional.ofNullable(req.getName() == null ? null : s.databases.get(req.getName()));
        if (found.isEmpty()) {
            return out; // an unknown db answers OK and empty
        }
        SimDatabase db = found.get();
        out.setId(db.id).setName(db.name);
        List<SimTable> tables = new ArrayList<>();
        if (req.getTables() == null || req.getTables().isEmpty()) {
            db.tables.values().stream().filter(t -> !t.view).forEach(tables::add);
        } else {
            for (TGetMetaTable t : req.getTables()) {
                Optional<SimTable> x = t.isSetId() && t.getId() > 0 ? db.tableById(t.getId())
                        : Optional.ofNullable(t.getName() == null ? null : db.tables.get(t.getName()));
                x.filter(v -> !v.view).ifPresent(tables::add); // missing tables are skipped
            }
        }
        List<TGetMetaTableMeta> metas = new ArrayList<>();
        for (SimTable t : tables) {
            TGetMetaTableMeta tm = new TGetMetaTableMeta().setId(t.id).setName(t.name).setInTrash(false).setType("OLAP");
            if (!req.isOnlyTableNames()) {
                List<TGetMetaPartitionMeta> parts = new ArrayList<>();
                for (SimPartition p : t.allPartitions()) {
                    parts.add(partition(s, t, p));
                }
                tm.setPartitions(parts);
            }
            metas.add(tm);
        }
        out.setTables(metas);
        Map<Long, Long> dp = s.journal.droppedPartitions(db.id);
        Map<Long, Long> dt = s.journal.droppedTables(db.id);
        Map<Long, Long> di = s.journal.droppedIndexes(db.id);
        out.setDroppedPartitions(new ArrayList<>(dp.keySet())).setDroppedTables(new ArrayList<>(dt.keySet()))
                .setDroppedIndexes(new ArrayList<>(di.keySet())).setDroppedPartitionMap(new HashMap<>(dp))
                .setDroppedTableMap(new HashMap<>(dt)).setDroppedIndexMap(new HashMap<>(di));
        return out;
    }

    private static TGetMetaPartitionMeta partition(SimState s, SimTable t, SimPartition p) {
        TGetMetaPartitionMeta pm = new TGetMetaPartitionMeta().setId(p.id).setName(p.name)
                .setRange(SimState.rangeText(t, p.values)).setKey(SimState.rangeText(t, p.values))
                .setVisibleVersion(p.visibleVersion).setIsTemp(p.temp);
        List<TGetMetaIndexMeta> idx = new ArrayList<>();
        for (SimIndex i : t.indexes) {
            List<TGetMetaTabletMeta> tablets = new ArrayList<>();
            for (SimTablet tablet : p.tablets.getOrDefault(i.id(), List.of())) {
                List<TGetMetaReplicaMeta> reps = new ArrayList<>();
                for (SimTablet.Replica r : tablet.replicas()) {
                    long v = s.backend(r.backendId()).flatMap(b -> b.tablet(tablet.id())).map(TabletData::maxVersion)
                            .orElse(-1L);
                    reps.add(new TGetMetaReplicaMeta().setId(r.id()).setBackendId(r.backendId()).setVersion(v));
                }
                tablets.add(new TGetMetaTabletMeta().setId(tablet.id()).setReplicas(reps));
            }
            idx.add(new TGetMetaIndexMeta().setId(i.id()).setName(i.name()).setTablets(tablets));
        }
        return pm.setIndexes(idx);
    }

    static List<TBackend> backends(SimState s) {
        List<TBackend> out = new ArrayList<>();
        for (SimBackend b : s.backends) {
            out.add(new TBackend().setId(b.id()).setHost(b.host()).setBePort(b.bePort()).setHttpPort(b.httpPort())
                    .setBrpcPort(b.bePort() + 1).setIsAlive(b.alive()));
        }
        return out;
    }
}
