package dev.dorisccr.thrift.fe;

import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.meta.IndexMeta;
import dev.dorisccr.core.meta.PartitionMeta;
import dev.dorisccr.core.meta.ReplicaMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.meta.TabletMeta;
import dev.dorisccr.thrift.gen.TBackend;
import dev.dorisccr.thrift.gen.TBinlog;
import dev.dorisccr.thrift.gen.TGetMetaDBMeta;
import dev.dorisccr.thrift.gen.TGetMetaIndexMeta;
import dev.dorisccr.thrift.gen.TGetMetaPartitionMeta;
import dev.dorisccr.thrift.gen.TGetMetaReplicaMeta;
import dev.dorisccr.thrift.gen.TGetMetaTableMeta;
import dev.dorisccr.thrift.gen.TGetMetaTabletMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Thrift values to core values. Unset fields become the documented defaults. */
final class FeConversions {
    private FeConversions() {}

    static RawBinlog binlog(TBinlog b) {
        return new RawBinlog(
                b.isSetCommitSeq() ? b.getCommitSeq() : -1,
                b.isSetTimestamp() ? b.getTimestamp() : -1,
                b.isSetType() && b.getType() != null ? b.getType().getValue() : -1,
                b.isSetDbId() ? b.getDbId() : -1,
                b.isSetTableIds() ? b.getTableIds() : List.of(),
                b.isSetData() ? b.getData() : null,
                b.isSetBelong() ? b.getBelong() : -1);
    }

    static BackendInfo backend(TBackend b) {
        return new BackendInfo(b.isSetId() ? b.getId() : -1, b.getHost() == null ? "" : b.getHost(), b.getBePort(),
                b.getHttpPort(), b.isSetBrpcPort() ? b.getBrpcPort() : -1, !b.isSetIsAlive() || b.isIsAlive());
    }

    static DbMeta db(TGetMetaDBMeta m) {
        List<TableMeta> tables = new ArrayList<>();
        for (TGetMetaTableMeta t : nonNull(m.getTables())) {
            tables.add(table(t));
        }
        Set<Long> droppedPartitions = new HashSet<>(nonNull(m.getDroppedPartitions()));
        Set<Long> droppedTables = new HashSet<>(nonNull(m.getDroppedTables()));
        Set<Long> droppedIndexes = new HashSet<>(nonNull(m.getDroppedIndexes()));
        if (m.isSetDroppedPartitionMap()) {
            droppedPartitions.addAll(m.getDroppedPartitionMap().keySet());
        }
        if (m.isSetDroppedTableMap()) {
            droppedTables.addAll(m.getDroppedTableMap().keySet());
        }
        if (m.isSetDroppedIndexMap()) {
            droppedIndexes.addAll(m.getDroppedIndexMap().keySet());
        }
        return new DbMeta(m.getId(), str(m.getName()), tables, droppedPartitions, droppedTables, droppedIndexes);
    }

    private static TableMeta table(TGetMetaTableMeta t) {
        List<PartitionMeta> parts = new ArrayList<>();
        for (TGetMetaPartitionMeta p : nonNull(t.getPartitions())) {
            List<IndexMeta> indexes = new ArrayList<>();
            for (TGetMetaIndexMeta i : nonNull(p.getIndexes())) {
                List<TabletMeta> tablets = new ArrayList<>();
                for (TGetMetaTabletMeta tb : nonNull(i.getTablets())) {
                    List<ReplicaMeta> replicas = new ArrayList<>();
                    for (TGetMetaReplicaMeta r : nonNull(tb.getReplicas())) {
                        replicas.add(new ReplicaMeta(r.getId(), r.getBackendId(), r.getVersion()));
                    }
                    tablets.add(new TabletMeta(tb.getId(), replicas));
                }
                indexes.add(new IndexMeta(i.getId(), str(i.getName()), tablets));
            }
            parts.add(new PartitionMeta(p.getId(), str(p.getName()), str(p.getKey()), str(p.getRange()),
                    p.getVisibleVersion(), p.isIsTemp(), indexes));
        }
        return new TableMeta(t.getId(), str(t.getName()), t.isInTrash(), str(t.getType()), parts);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
