package dev.dorisccr.core.mapping;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.meta.IndexMeta;
import dev.dorisccr.core.meta.PartitionMeta;
import dev.dorisccr.core.meta.ReplicaMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.meta.TabletMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Pairs source and target tablets for an UPSERT, as Doris's restore lays them out: partitions by
 * range text, indexes by name (the base index is named after its table, so a renamed target table
 * maps its own name), tablets by position in ascending id order, and each target replica fed by a
 * source replica that has the version, round-robin. Anything that does not line up is a {@code
 * META_MISMATCH}: the caller resolves it by a partial or full sync, never by skipping data.
 */
public final class IngestPlanner {
    private IngestPlanner() {}

    /**
     * The ingest calls for one partition of an upsert.
     *
     * @param src the source table (fresh meta)
     * @param dest the target table (fresh meta)
     * @param upsert what the binlog says about the partition
     * @param skipIndexIds source indexes not to ingest (dropped, or shadow indexes of a pending schema change)
     */
    public static List<IngestTask> plan(TableMeta src, TableMeta dest, PartitionUpsert upsert, Set<Long> skipIndexIds) {
        return plan(src, dest, upsert, skipIndexIds, false);
    }

    /**
     * As above; with {@code srcVersionsMayLag} the source meta is a cached copy older than the
     * binlog, so its replica versions are lower bounds: when no replica of a tablet shows the
     * version yet, the replicas that were the most up to date feed the target (the source BE
     * refuses a version it does not have, which fails the ingest; the caller then plans again
     * with fresh meta and the strict check). Tablets are paired by id as always.
     */
    public static List<IngestTask> plan(TableMeta src, TableMeta dest, PartitionUpsert upsert, Set<Long> skipIndexIds,
            boolean srcVersionsMayLag) {
        requireNonNull(src, "src is null");
        requireNonNull(dest, "dest is null");
        requireNonNull(upsert, "upsert is null");
        requireNonNull(skipIndexIds, "skipIndexIds is null");
        if (upsert.temp()) {
            return List.of();
        }
        if (upsert.indexIds().isEmpty()) {
            throw mismatch("upsert of partition " + upsert.partitionId() + " names no index", src, dest);
        }
        PartitionMeta srcPart = src.partition(upsert.partitionId())
                .or(() -> src.partitionByRange(upsert.range()))
                .orElseThrow(() -> mismatch("source partition " + upsert.partitionId() + " not found", src, dest));
        PartitionMeta destPart = dest.partitionByRange(srcPart.range())
                .orElseThrow(() -> mismatch("no target partition with range " + srcPart.range(), src, dest));
        List<IngestTask> tasks = new ArrayList<>();
        for (long indexId : upsert.indexIds()) {
            if (skipIndexIds.contains(indexId)) {
                continue;
            }
            IndexMeta srcIndex = srcPart.index(indexId)
                    .orElseThrow(() -> mismatch("source index " + indexId + " not found", src, dest));
            String destName = srcIndex.name().equals(src.name()) ? dest.name() : srcIndex.name();
            IndexMeta destIndex = destPart.indexNamed(destName)
                    .orElseThrow(() -> mismatch("no target index named " + destName, src, dest));
            pairTablets(srcIndex, destIndex, destPart.id(), upsert.version(), srcVersionsMayLag, tasks, src, dest);
        }
        return tasks;
    }

    private static void pairTablets(IndexMeta srcIndex, IndexMeta destIndex, long destPartitionId, long version,
            boolean versionsMayLag, List<IngestTask> out, TableMeta src, TableMeta dest) {
        List<TabletMeta> s = sortedTablets(srcIndex);
        List<TabletMeta> d = sortedTablets(destIndex);
        if (s.size() != d.size()) {
            throw mismatch("index " + srcIndex.name() + " has " + s.size() + " source tablets and " + d.size()
                    + " target tablets", src, dest);
        }
        for (int i = 0; i < s.size(); i++) {
            TabletMeta st = s.get(i);
            TabletMeta dt = d.get(i);
            List<ReplicaMeta> ready = st.replicas().stream()
                    .filter(r -> r.version() >= version)
                    .sorted(Comparator.comparingLong(ReplicaMeta::id))
                    .toList();
            if (ready.isEmpty() && versionsMayLag && !st.replicas().isEmpty()) {
                long newest = st.replicas().stream().mapToLong(ReplicaMeta::version).max().getAsLong();
                ready = st.replicas().stream()
                        .filter(r -> r.version() == newest)
                        .sorted(Comparator.comparingLong(ReplicaMeta::id))
                        .toList();
            }
            if (ready.isEmpty()) {
                throw mismatch("no source replica of tablet " + st.id() + " has version " + version, src, dest);
            }
            List<ReplicaMeta> targets = dt.replicas().stream().sorted(Comparator.comparingLong(ReplicaMeta::id)).toList();
            if (targets.isEmpty()) {
                throw mismatch("target tablet " + dt.id() + " has no replica", src, dest);
            }
            for (int r = 0; r < targets.size(); r++) {
                ReplicaMeta from = ready.get(r % ready.size());
                ReplicaMeta to = targets.get(r);
                out.add(new IngestTask(st.id(), from.backendId(), destPartitionId, dt.id(), to.id(), to.backendId(),
                        version));
            }
        }
    }

    private static List<TabletMeta> sortedTablets(IndexMeta index) {
        return index.tablets().stream().sorted(Comparator.comparingLong(TabletMeta::id)).toList();
    }

    private static CcrException mismatch(String message, TableMeta src, TableMeta dest) {
        return new CcrException(ErrorCode.META_MISMATCH, message)
                .with("src_table", src.name() + "#" + src.id())
                .with("dest_table", dest.name() + "#" + dest.id());
    }
}
