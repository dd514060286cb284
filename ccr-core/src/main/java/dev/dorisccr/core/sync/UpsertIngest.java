package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.UpsertRecord;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobLoggingContext;
import dev.dorisccr.core.spi.TabletCommit;
import dev.dorisccr.core.mapping.IngestPlanner;
import dev.dorisccr.core.mapping.IngestTask;
import dev.dorisccr.core.mapping.PartitionUpsert;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.IngestRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest step of an upsert: plans every (source tablet, target replica) pair with fresh meta
 * of both sides and makes the target BEs pull the rowsets, all tablets in parallel with at most
 * {@code perBackendLimit} calls in flight per target BE. Any failure fails the whole step (the
 * machine then rolls the txn back); nothing is skipped.
 */
final class UpsertIngest {
    private static final Logger log = LoggerFactory.getLogger(UpsertIngest.class);
    private final ClusterConnector connector;
    private final ClusterSpec target;
    private final FeClient srcFe;
    private final FeClient destFe;
    private final ExecutorService pool;
    private final int perBackendLimit;

    UpsertIngest(ClusterConnector connector, ClusterSpec target, FeClient srcFe, FeClient destFe, ExecutorService pool,
            int perBackendLimit) {
        this.connector = requireNonNull(connector, "connector is null");
        this.target = requireNonNull(target, "target is null");
        this.srcFe = requireNonNull(srcFe, "srcFe is null");
        this.destFe = requireNonNull(destFe, "destFe is null");
        this.pool = requireNonNull(pool, "pool is null");
        if (perBackendLimit < 1) {
            throw new IllegalArgumentException("perBackendLimit < 1");
        }
        this.perBackendLimit = perBackendLimit;
    }

    /**
     * @param tableMapping source table id -> target table id, for every table of the record
     */
    List<TabletCommit> ingest(long txnId, UpsertRecord record, ClusterIds src, ClusterIds dest,
            Map<Long, Long> tableMapping) {
        List<Long> srcTables = new ArrayList<>(record.tableRecords().keySet());
        DbMeta srcMeta = srcFe.getMeta(src.database(), src.dbId(), srcTables);
        List<Long> destTables = new ArrayList<>();
        srcTables.forEach(t -> destTables.add(tableMapping.get(t)));
        DbMeta destMeta = destFe.getMeta(dest.database(), dest.dbId(), destTables);
        List<IngestTask> tasks = new ArrayList<>();
        for (Map.Entry<Long, UpsertRecord.TableRecord> e : record.tableRecords().entrySet()) {
            long srcId = e.getKey();
            Optional<TableMeta> live = srcMeta.table(srcId).filter(t -> !t.inTrash());
            if (srcMeta.droppedTables().contains(srcId) && live.isEmpty()) {
                log.info("upsert {}: source table {} was dropped later, its DROP binlog follows; nothing to ingest",
                        record.commitSeq(), srcId);
                continue;
            }
            TableMeta s = live.orElseThrow(() -> new CcrException(ErrorCode.META_MISMATCH,
                    "source table " + srcId + " of the upsert is gone"));
            long destId = tableMapping.get(srcId);
            TableMeta d = destMeta.table(destId).orElseThrow(() -> new CcrException(ErrorCode.META_MISMATCH,
                    "target table " + destId + " (source " + srcId + ") not found"));
            for (UpsertRecord.PartitionRecord p : e.getValue().partitionRecords()) {
                // the FE lists a partition dropped, truncated or replaced later (its data is no longer
                // visible on the source either); one that is live again (recovered) is ingested
                if (srcMeta.droppedPartitions().contains(p.partitionId()) && s.partition(p.partitionId()).isEmpty()) {
                    log.info("upsert {}: partition {} of source table {} was dropped, truncated or replaced later;"
                            + " nothing to ingest from it", record.commitSeq(), p.partitionId(), srcId);
                    continue;
                }
                tasks.addAll(IngestPlanner.plan(s, d, new PartitionUpsert(p.partitionId(), p.range(), p.version(),
                        p.tempPartition(), e.getValue().indexIds()), srcMeta.droppedIndexes()));
            }
        }
        return run(txnId, tasks);
    }

    private List<TabletCommit> run(long txnId, List<IngestTask> tasks) {
        Map<Long, BackendInfo> srcBackends = byId(srcFe.getBackends());
        Map<Long, BackendInfo> destBackends = byId(destFe.getBackends());
        Map<Long, Semaphore> limits = new HashMap<>();
        List<CompletableFuture<TabletCommit>> futures = new ArrayList<>();
        for (IngestTask t : tasks) {
            BackendInfo from = backend(srcBackends, t.srcBackendId(), "source");
            BackendInfo to = backend(destBackends, t.destBackendId(), "target");
            Semaphore limit = limits.computeIfAbsent(t.destBackendId(), id -> new Semaphore(perBackendLimit));
            IngestRequest req = new IngestRequest(txnId, t.srcTabletId(), t.version(), from.host(), from.httpPort(),
                    t.destPartitionId(), t.destTabletId(), txnId, t.destReplicaId());
            futures.add(CompletableFuture.supplyAsync(JobLoggingContext.propagate(() -> {
                limit.acquireUninterruptibly();
                try (BeClient be = connector.be(target, to.host(), to.bePort())) {
                    be.ingestBinlog(req);
                    return new TabletCommit(t.destTabletId(), t.destBackendId());
                } finally {
                    limit.release();
                }
            }), pool));
        }
        List<TabletCommit> commits = new ArrayList<>(futures.size());
        for (CompletableFuture<TabletCommit> f : futures) {
            try {
                commits.add(f.join());
            } catch (CompletionException e) {
                futures.forEach(other -> other.cancel(false));
                if (e.getCause() instanceof CcrException ce) {
                    throw ce;
                }
                throw new CcrException(ErrorCode.INTERNAL_ERROR, "ingest failed: " + e.getCause(), e.getCause());
            }
        }
        return commits;
    }

    private static Map<Long, BackendInfo> byId(List<BackendInfo> backends) {
        Map<Long, BackendInfo> m = new HashMap<>();
        backends.forEach(b -> m.put(b.id(), b));
        return m;
    }

    private static BackendInfo backend(Map<Long, BackendInfo> all, long id, String side) {
        BackendInfo b = all.get(id);
        if (b == null) {
            throw new CcrException(ErrorCode.META_MISMATCH, side + " backend " + id + " not found");
        }
        return b;
    }
}
