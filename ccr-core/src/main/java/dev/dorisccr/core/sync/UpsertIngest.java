package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.UpsertRecord;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.machine.JobLoggingContext;
import dev.dorisccr.core.mapping.IngestPlanner;
import dev.dorisccr.core.mapping.IngestTask;
import dev.dorisccr.core.mapping.PartitionUpsert;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.IngestRequest;
import dev.dorisccr.core.spi.TabletCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest step of an upsert: plans every (source tablet, target replica) pair from the meta of
 * both sides and makes the target BEs pull the rowsets, every tablet of the binlog in flight at
 * once, within the syncer's {@link IngestLimits} (per target BE and in all, shared by every job).
 * Any failure fails the whole step (the machine then rolls the txn back); nothing is skipped.
 *
 * <p>Meta and backends of both sides are cached between binlogs (Doris changes tablets only by
 * DDL, restores and rebalancing): {@link #invalidate()} drops the cache, which the executor does
 * after every replayed DDL, every copy and every failed step, and this class does when a planned
 * id is not in the cache (then plans once more with fresh meta, and a mismatch that remains fails
 * loudly) and when an ingest fails. A cached copy therefore never chooses a tablet by a stale id:
 * tablets are paired by id order within a partition named by the binlog, and an id the cluster no
 * longer has is answered by the BE or the commit with an error, after which fresh meta is used.
 * Thread-safe: a pipelined job ingests several upserts at once; they plan one at a time under
 * the cache's lock and share the per-backend limit.
 */
final class UpsertIngest {
    private static final Logger log = LoggerFactory.getLogger(UpsertIngest.class);
    private final ClusterConnector connector;
    private final ClusterSpec target;
    private final FeClient srcFe;
    private final FeClient destFe;
    private final ExecutorService pool;
    private final IngestLimits limits;
    /** Cached meta of the tables asked so far (null: none), and the backends of each side. */
    private DbMeta srcMeta;
    private DbMeta destMeta;
    private Map<Long, BackendInfo> srcBackends;
    private Map<Long, BackendInfo> destBackends;

    UpsertIngest(ClusterConnector connector, ClusterSpec target, FeClient srcFe, FeClient destFe, ExecutorService pool,
            IngestLimits limits) {
        this.connector = requireNonNull(connector, "connector is null");
        this.target = requireNonNull(target, "target is null");
        this.srcFe = requireNonNull(srcFe, "srcFe is null");
        this.destFe = requireNonNull(destFe, "destFe is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** Drops the cached meta and backends of both sides: the next upsert reads them fresh. */
    synchronized void invalidate() {
        srcMeta = null;
        destMeta = null;
        srcBackends = null;
        destBackends = null;
    }

    /**
     * @param tableMapping source table id -> target table id, for every table of the record
     */
    List<TabletCommit> ingest(long txnId, UpsertRecord record, ClusterIds src, ClusterIds dest,
            Map<Long, Long> tableMapping) {
        List<Planned> planned = plan(record, src, dest, tableMapping);
        try {
            return run(txnId, planned);
        } catch (RuntimeException e) {
            invalidate(); // an ingest failed: never trust the cache again for the retry
            throw e;
        }
    }

    /**
     * What {@link #ingest} would call, without calling anything on a BE: one tablet commit per
     * ingest (target tablet and BE). Reads the meta as an ingest does (a dry run's plan).
     */
    List<TabletCommit> planOnly(UpsertRecord record, ClusterIds src, ClusterIds dest, Map<Long, Long> tableMapping) {
        List<TabletCommit> out = new ArrayList<>();
        for (Planned p : plan(record, src, dest, tableMapping)) {
            out.add(new TabletCommit(p.task().destTabletId(), p.task().destBackendId()));
        }
        return out;
    }

    /** Plans under the cache's lock (pipelined upserts plan one at a time; their ingest calls overlap). */
    private synchronized List<Planned> plan(UpsertRecord record, ClusterIds src, ClusterIds dest,
            Map<Long, Long> tableMapping) {
        try {
            boolean fresh = load(record, src, dest, tableMapping);
            try {
                return plan(record, tableMapping, !fresh);
            } catch (CcrException e) {
                if (fresh || e.code() != ErrorCode.META_MISMATCH) {
                    throw e;
                }
                log.debug("upsert {}: cached meta does not fit ({}); planning again with fresh meta",
                        record.commitSeq(), e.getMessage());
                invalidate();
                load(record, src, dest, tableMapping);
                return plan(record, tableMapping, false);
            }
        } catch (RuntimeException e) {
            invalidate(); // a failed call or a mismatch: never trust the cache again for the retry
            throw e;
        }
    }

    /** Reads what the cache lacks for this record; true when it read anything (the cache is fresh). */
    private boolean load(UpsertRecord record, ClusterIds src, ClusterIds dest, Map<Long, Long> tableMapping) {
        List<Long> srcTables = new ArrayList<>(record.tableRecords().keySet());
        List<Long> destTables = new ArrayList<>();
        srcTables.forEach(t -> destTables.add(tableMapping.get(t)));
        boolean fresh = false;
        if (!covers(srcMeta, srcTables)) {
            srcMeta = srcFe.getMeta(src.database(), src.dbId(), union(srcMeta, srcTables));
            fresh = true;
        }
        if (!covers(destMeta, destTables)) {
            destMeta = destFe.getMeta(dest.database(), dest.dbId(), union(destMeta, destTables));
            fresh = true;
        }
        if (srcBackends == null) {
            srcBackends = byId(srcFe.getBackends());
            fresh = true;
        }
        if (destBackends == null) {
            destBackends = byId(destFe.getBackends());
            fresh = true;
        }
        return fresh;
    }

    private static boolean covers(DbMeta meta, List<Long> tables) {
        if (meta == null) {
            return false;
        }
        for (long t : tables) {
            if (meta.table(t).isEmpty() && !meta.droppedTables().contains(t)) {
                return false;
            }
        }
        return true;
    }

    /** The tables cached so far and these: a db job's upserts touch different tables in turn. */
    private static List<Long> union(DbMeta meta, List<Long> tables) {
        java.util.Set<Long> all = new java.util.TreeSet<>(tables);
        if (meta != null) {
            meta.tables().forEach(t -> all.add(t.id()));
        }
        return new ArrayList<>(all);
    }

    /** One ingest call with the backends it goes from and to. */
    private record Planned(IngestTask task, BackendInfo from, BackendInfo to) {}

    private List<Planned> plan(UpsertRecord record, Map<Long, Long> tableMapping, boolean cached) {
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
                if (cached && s.partition(p.partitionId()).isEmpty()) {
                    // a partition created after the cache was read (or gone since): only fresh meta can tell
                    throw new CcrException(ErrorCode.META_MISMATCH, "source partition " + p.partitionId()
                            + " is not in the cached meta");
                }
                tasks.addAll(IngestPlanner.plan(s, d, new PartitionUpsert(p.partitionId(), p.range(), p.version(),
                        p.tempPartition(), e.getValue().indexIds()), srcMeta.droppedIndexes(), cached));
            }
        }
        List<Planned> planned = new ArrayList<>(tasks.size());
        for (IngestTask t : tasks) {
            planned.add(new Planned(t, backend(srcBackends, t.srcBackendId(), "source"),
                    backend(destBackends, t.destBackendId(), "target")));
        }
        return planned;
    }

    private List<TabletCommit> run(long txnId, List<Planned> planned) {
        if (planned.size() == 1) {
            return List.of(runHere(txnId, planned.get(0)));
        }
        List<CompletableFuture<TabletCommit>> futures = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        for (Planned p : planned) {
            if (failed.get()) {
                break; // one call failed: the step fails, the rest need not wait for a slot
            }
            IngestTask t = p.task();
            BackendInfo from = p.from();
            BackendInfo to = p.to();
            IngestRequest req = new IngestRequest(txnId, t.srcTabletId(), t.version(), from.host(), from.httpPort(),
                    t.destPartitionId(), t.destTabletId(), txnId, t.destReplicaId());
            // the slot is taken here, before the task is queued: pool threads never wait for one
            IngestLimits.Permit permit = limits.acquire(to.host() + ":" + to.bePort());
            CompletableFuture<TabletCommit> f = new CompletableFuture<>();
            Supplier<TabletCommit> call = JobLoggingContext.propagate(() -> {
                try (BeClient be = connector.be(target, to.host(), to.bePort())) {
                    be.ingestBinlog(req);
                    return new TabletCommit(t.destTabletId(), t.destBackendId());
                }
            });
            try {
                pool.execute(() -> {
                    TabletCommit done;
                    // the slot is given back before the future completes: a finished step holds none
                    try (permit) {
                        if (f.isDone()) {
                            return; // cancelled by a failed sibling
                        }
                        done = call.get();
                    } catch (RuntimeException | Error e) {
                        failed.set(true);
                        f.completeExceptionally(e);
                        return;
                    }
                    f.complete(done);
                });
            } catch (RejectedExecutionException e) {
                permit.close();
                futures.forEach(other -> other.cancel(false));
                throw new CcrException(ErrorCode.ILLEGAL_STATE, "the ingest pool is shut down", e);
            }
            futures.add(f);
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

    /**
     * A binlog of one tablet: its ingest call on the calling thread, within the same per-BE limit
     * (the pool's hand-off and wake-up would only add latency: nothing else runs beside it).
     */
    private TabletCommit runHere(long txnId, Planned p) {
        IngestTask t = p.task();
        BackendInfo from = p.from();
        BackendInfo to = p.to();
        IngestRequest req = new IngestRequest(txnId, t.srcTabletId(), t.version(), from.host(), from.httpPort(),
                t.destPartitionId(), t.destTabletId(), txnId, t.destReplicaId());
        try (IngestLimits.Permit permit = limits.acquire(to.host() + ":" + to.bePort());
                BeClient be = connector.be(target, to.host(), to.bePort())) {
            be.ingestBinlog(req);
            return new TabletCommit(t.destTabletId(), t.destBackendId());
        } catch (CcrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CcrException(ErrorCode.INTERNAL_ERROR, "ingest failed: " + e, e);
        }
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
