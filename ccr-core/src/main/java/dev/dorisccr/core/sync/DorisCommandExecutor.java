package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.DecodedBinlog;
import dev.dorisccr.core.binlog.UpsertRecord;
import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.ddl.render.Statements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobCommand;
import dev.dorisccr.core.machine.JobEvent;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.PartialSyncData;
import dev.dorisccr.core.machine.TxnState;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.snapshot.BackendAddress;
import dev.dorisccr.core.snapshot.JobInfo;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.RestoreRequest;
import dev.dorisccr.core.spi.SnapshotData;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.spi.TabletCommit;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the job machine's commands out over the FE/BE/SQL clients of the job's two clusters.
 * Every command is safe to repeat: backups and restores are looked up by label first, a begin
 * with a used label answers the existing txn, a rollback of a gone txn is not an error.
 *
 * <p>Non-upsert binlogs are replayed by {@link DdlReplay}.
 */
public final class DorisCommandExecutor implements CommandExecutor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DorisCommandExecutor.class);
    private final JobSpec spec;
    private final FeClient srcFe;
    private final FeClient destFe;
    private final ClusterIds src;
    private final ClusterIds dest;
    private final UpsertIngest ingest;
    private final Duration txnTimeout;
    private final BinlogDecoder decoder = new BinlogDecoder();
    /** Pipelined apply: the begins and ingests started before the machine asks for them. */
    private final Lookahead lookahead;
    /** The early outcome of the txn the machine began last, until its Ingest takes it. */
    private Lookahead.Outcome taken;
    private long takenTxnId = -1;
    /**
     * The txn the machine began and has not committed or rolled back yet (-1: none); volatile: a
     * stop may close the executor from another thread.
     */
    private volatile long openTxnId = -1;
    /** The label of {@link #openTxnId}'s upsert. */
    private String openLabel = "";
    /** A lookahead pool of this executor alone (the public constructors' case), closed with it; else null. */
    private final LookaheadPool ownLookahead;
    private final Map<String, SnapshotData> snapshots = new HashMap<>();
    private final SqlClient srcSql;
    private final SqlClient destSql;
    private final DdlReplay replay;
    /** How often a fetch checks that the source still writes the job's binlog. */
    static final Duration BINLOG_CHECK_INTERVAL = Duration.ofSeconds(30);
    private final InstantSource clock;
    private long binlogCheckedAtMs = Long.MIN_VALUE;
    /** The source cluster's shared binlog answers for table jobs, or null. */
    private final BinlogEnabledTables binlogTables;
    /** Table name -> source id as the last restored snapshot had them (tables dropped since included). */
    private Map<String, Long> snapshotTables = Map.of();

    /** As the {@link IngestLimits} constructor, with limits of this executor alone ({@code perBackendLimit} per BE). */
    public DorisCommandExecutor(JobSpec spec, ClusterConnector connector, FeClient srcFe, FeClient destFe,
            SqlClient srcSql, SqlClient destSql, ExecutorService ingestPool, int perBackendLimit, Duration txnTimeout,
            InstantSource clock) {
        this(spec, connector, srcFe, destFe, srcSql, destSql, ingestPool,
                new IngestLimits(perBackendLimit, IngestLimits.MAX), txnTimeout, clock);
    }

    /**
     * @param ingestLimits the ingest slots this executor's upserts take, usually shared by every
     *     job of the syncer
     */
    public DorisCommandExecutor(JobSpec spec, ClusterConnector connector, FeClient srcFe, FeClient destFe,
            SqlClient srcSql, SqlClient destSql, ExecutorService ingestPool, IngestLimits ingestLimits,
            Duration txnTimeout, InstantSource clock) {
        this(spec, connector, srcFe, destFe, srcSql, destSql, ingestPool, ingestLimits, txnTimeout, clock, null, null,
                null);
    }

    /**
     * As above, beginning upserts early on {@code lookahead}, usually shared by every job of the
     * syncer (the constructors without one give the executor a pool of its own).
     */
    public DorisCommandExecutor(JobSpec spec, ClusterConnector connector, FeClient srcFe, FeClient destFe,
            SqlClient srcSql, SqlClient destSql, ExecutorService ingestPool, IngestLimits ingestLimits,
            LookaheadPool lookahead, Duration txnTimeout, InstantSource clock) {
        this(spec, connector, srcFe, destFe, srcSql, destSql, ingestPool, ingestLimits, txnTimeout, clock, null,
                requireNonNull(lookahead, "lookahead is null"), null);
    }

    /**
     * As the public constructor, with the syncer's shared database ids ({@code null}: read alone),
     * lookahead pool ({@code null}: one of this executor's own) and source binlog answers ({@code
     * null}: each check asks the job's own table).
     */
    DorisCommandExecutor(JobSpec spec, ClusterConnector connector, FeClient srcFe, FeClient destFe,
            SqlClient srcSql, SqlClient destSql, ExecutorService ingestPool, IngestLimits ingestLimits,
            Duration txnTimeout, InstantSource clock, DatabaseIds databaseIds, LookaheadPool lookaheadPool,
            BinlogEnabledTables binlogTables) {
        this.binlogTables = binlogTables;
        this.clock = requireNonNull(clock, "clock is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.srcFe = requireNonNull(srcFe, "srcFe is null");
        this.destFe = requireNonNull(destFe, "destFe is null");
        this.src = new ClusterIds(srcSql, spec.source().database(), databaseIds,
                DatabaseIds.key(spec.source().cluster()));
        this.dest = new ClusterIds(destSql, spec.target().database(), databaseIds,
                DatabaseIds.key(spec.target().cluster()));
        this.ingest = new UpsertIngest(connector, spec.target().cluster(), srcFe, destFe, ingestPool, ingestLimits);
        this.txnTimeout = requireNonNull(txnTimeout, "txnTimeout is null");
        this.srcSql = requireNonNull(srcSql, "srcSql is null");
        this.destSql = requireNonNull(destSql, "destSql is null");
        this.replay = new DdlReplay(spec, destSql, src);
        this.ownLookahead = lookaheadPool == null ? new LookaheadPool(JobMachine.Config.MAX_PIPELINE_DEPTH) : null;
        this.lookahead = new Lookahead((lookaheadPool != null ? lookaheadPool : ownLookahead).lane(),
                txnId -> destFe.rollbackTxn(dest.database(), txnId, "pipelined txn not needed"));
    }

    @Override
    public JobEvent execute(JobCommand c) {
        try {
            return dispatch(c);
        } catch (CcrException e) {
            ingest.invalidate(); // a failed call: the next upsert reads the meta of both sides fresh
            return new JobEvent.StepFailed(e.code(), e.getMessage());
        }
    }

    private JobEvent dispatch(JobCommand c) {
        if (!(c instanceof JobCommand.BeginTxn || c instanceof JobCommand.Ingest || c instanceof JobCommand.CommitTxn)) {
            // the machine goes elsewhere (a rollback, a fetch, a DDL, a copy): no early txn is needed
            dropEarly(c.getClass().getSimpleName() + " came next");
        }
        if (c instanceof JobCommand.FetchBinlogs f) {
            return fetch(f);
        }
        if (c instanceof JobCommand.CreateSnapshot s) {
            return createSnapshot(s.label(), s.partial());
        }
        if (c instanceof JobCommand.PollBackup p) {
            return pollBackup(p.label());
        }
        if (c instanceof JobCommand.RestoreSnapshot r) {
            return restore(r);
        }
        if (c instanceof JobCommand.PollRestore p) {
            return pollRestore(p.restoreLabel());
        }
        if (c instanceof JobCommand.LoadTargetTables l) {
            ingest.invalidate(); // a copy replaced tables, partitions and tablets
            swapIn(l.swapFrom(), l.swapInto());
            return loadTargetTables();
        }
        if (c instanceof JobCommand.BeginTxn b) {
            return begin(b);
        }
        if (c instanceof JobCommand.Ingest i) {
            if (taken != null && takenTxnId == i.txnId()) {
                Lookahead.Outcome o = taken;
                taken = null;
                takenTxnId = -1;
                if (o.ingestError() != null) {
                    throw o.ingestError();
                }
                return new JobEvent.Ingested(o.commits());
            }
            UpsertRecord u = upsert(i.binlog());
            return new JobEvent.Ingested(ingest.ingest(i.txnId(), u, src, dest, tableMapping(u, i.tableNames())));
        }
        if (c instanceof JobCommand.CommitTxn ct) {
            destFe.commitTxn(dest.database(), ct.txnId(), ct.commits());
            if (ct.txnId() == openTxnId) {
                openTxnId = -1;
                lookahead.committed(openLabel); // a later upsert of its tables may now commit early
            }
            return new JobEvent.Committed();
        }
        if (c instanceof JobCommand.RollbackTxn r) {
            return rollback(r);
        }
        if (c instanceof JobCommand.ApplyBinlog a) {
            try {
                return replay.apply(a.binlog(), a.tableNames());
            } finally {
                // DDL may create, drop, rename or replace tables: no upsert may use a stale name -> id,
                // nor stale partitions, indexes or tablets
                dest.refresh();
                ingest.invalidate();
            }
        }
        throw new IllegalArgumentException("command not for the executor: " + c);
    }

    /**
     * Binlog turned off on the source records nothing, so the job would look healthy while every
     * change went missing: checked at most every {@link #BINLOG_CHECK_INTERVAL} (and every time
     * while it is off), a {@code BINLOG_DISABLED} failure that makes the job copy again once it is
     * back. A quick off-and-on between two checks is caught by the property binlog that turns it
     * back on (see DdlReplay). A table job takes "on" from the cluster's shared read ({@link
     * BinlogEnabledTables}) and counts its interval from when that read began, so its answers are
     * never further apart than with its own statement; anything but "on" asks the table itself.
     */
    private void checkSourceBinlog() {
        long now = clock.millis();
        if (binlogCheckedAtMs != Long.MIN_VALUE && now - binlogCheckedAtMs < BINLOG_CHECK_INTERVAL.toMillis()) {
            return;
        }
        if (binlogTables != null && spec.source().isTable()) {
            OptionalLong on = binlogTables.enabledSince(DatabaseIds.key(spec.source().cluster()), srcSql,
                    spec.source().database(), spec.source().table());
            if (on.isPresent()) {
                binlogCheckedAtMs = Math.min(now, on.getAsLong());
                return;
            }
        }
        SourceBinlog.require(srcSql, spec.source().database(), spec.source().table());
        binlogCheckedAtMs = now;
    }

    private JobEvent fetch(JobCommand.FetchBinlogs f) {
        checkSourceBinlog();
        BinlogScope scope = spec.source().isTable()
                ? new BinlogScope(spec.source().database(), spec.source().table(), src.tableId(spec.source().table()).orElse(-1L))
                : BinlogScope.database(spec.source().database());
        BinlogFetch r;
        try {
            r = srcFe.getBinlog(scope, f.prevCommitSeq(), f.max());
        } catch (CcrException e) {
            if (e.code() == ErrorCode.BINLOG_NOT_FOUND) {
                return new JobEvent.CaughtUp(); // no binlog written since binlog was enabled
            }
            throw e;
        }
        if (r instanceof BinlogFetch.Batch b) {
            return new JobEvent.BinlogsFetched(DecodedBinlog.all(b.binlogs(), decoder)); // decoded once, here
        }
        if (r instanceof BinlogFetch.TooOld t) {
            return new JobEvent.BinlogTooOld(t.dummy().commitSeq());
        }
        return new JobEvent.CaughtUp();
    }

    private Identifier srcDb() {
        return Identifier.of(spec.source().database());
    }

    private JobEvent createSnapshot(String label, Optional<PartialSyncData> partial) {
        if (!srcSql.query(ClusterStatements.showBackup(srcDb(), label)).isEmpty()) {
            return new JobEvent.SnapshotCreated();
        }
        // a copy taken while binlog is off would be followed by a stream with holes
        SourceBinlog.require(srcSql, spec.source().database(), spec.source().table());
        if (partial.isPresent()) {
            // by id: the table may have been renamed on the source since the binlog that asked for the copy
            PartialSyncData x = partial.get();
            src.refresh();
            String name = src.tableName(x.tableId()).orElse(x.table());
            srcSql.execute(ClusterStatements.backupPartitions(srcDb(), Identifier.of(label), Identifier.of(name),
                    x.partitions().stream().map(Identifier::of).toList()));
        } else {
            List<Identifier> tables = spec.source().isTable() ? List.of(Identifier.of(spec.source().table())) : List.of();
            srcSql.execute(ClusterStatements.backup(srcDb(), Identifier.of(label), tables));
        }
        return new JobEvent.SnapshotCreated();
    }

    private JobEvent pollBackup(String label) {
        List<Map<String, String>> rows = srcSql.query(ClusterStatements.showBackup(srcDb(), label));
        if (rows.isEmpty()) {
            throw new CcrException(ErrorCode.SNAPSHOT_NOT_FOUND, "backup " + label + " not found on the source");
        }
        Map<String, String> row = rows.get(rows.size() - 1);
        String state = row.getOrDefault("State", "");
        if ("FINISHED".equals(state)) {
            return new JobEvent.BackupDone();
        }
        if ("CANCELLED".equals(state)) {
            throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "backup " + label + " was cancelled: "
                    + row.getOrDefault("Status", "") + " " + row.getOrDefault("TaskErrMsg", ""));
        }
        return new JobEvent.BackupRunning(state);
    }

    private JobEvent restore(JobCommand.RestoreSnapshot r) {
        String snapshot = r.snapshot();
        String restoreLabel = r.restoreLabel();
        SnapshotData data = snapshots.get(snapshot);
        if (data == null) {
            data = srcFe.getSnapshot(spec.source().database(), spec.source().table(), snapshot, true);
            snapshots.clear();
            snapshots.put(snapshot, data);
        }
        JobInfo info = JobInfo.parse(data.jobInfo(), data.compressed());
        snapshotTables = info.tables();
        if (destSql.query(ClusterStatements.showRestore(Identifier.of(dest.database()), restoreLabel)).isEmpty()) {
            Map<Long, BackendAddress> backends = new TreeMap<>();
            for (BackendInfo b : srcFe.getBackends()) {
                backends.put(b.id(), new BackendAddress(b.host(), b.httpPort()));
            }
            JobInfo withExtra = info.withExtraInfo(backends, spec.source().cluster().hostMapping(), srcFe.getMasterToken());
            SnapshotData send = new SnapshotData(data.meta(), withExtra.toBytes(data.compressed()), data.compressed(),
                    data.commitSeq(), data.expiresAt());
            Map<String, String> aliases = spec.isTableAlias()
                    ? Map.of(spec.source().table(), spec.target().table()) : Map.of();
            if (r.partial().isPresent()) {
                aliases = Map.of(snapshotName(info, r.partial().get()), r.restoreAs());
            }
            Map<String, String> props = new TreeMap<>();
            props.put("reserve_replica", "true");
            if (spec.options().replicationNum() > 0) {
                props.remove("reserve_replica");
                props.put("replication_num", Integer.toString(spec.options().replicationNum()));
            }
            // a db job's target must lose the tables and partitions the source dropped since the last
            // copy (Go leaves clean_* off by default because its backups missed views; ours include them)
            // a partial sync restores one table over a target that keeps the others; a whole table
            // restored in place loses the partitions the source dropped since (their drops are older
            // than the copy, so they will not be replayed)
            boolean full = r.partial().isEmpty();
            boolean wholeTable = full || r.partial().get().isWholeTable();
            destFe.restoreSnapshot(new RestoreRequest(dest.database(), restoreLabel, aliases, send, props,
                    full && !spec.source().isTable(), wholeTable, full));
        }
        return new JobEvent.RestoreSubmitted(data.commitSeq(), info.tableCommitSeqMap());
    }

    private JobEvent pollRestore(String label) {
        List<Map<String, String>> rows = destSql.query(ClusterStatements.showRestore(Identifier.of(dest.database()), label));
        if (rows.isEmpty()) {
            throw new CcrException(ErrorCode.SNAPSHOT_NOT_FOUND, "restore " + label + " not found on the target");
        }
        Map<String, String> row = rows.get(rows.size() - 1);
        String state = row.getOrDefault("State", "");
        if ("FINISHED".equals(state)) {
            snapshots.clear();
            return new JobEvent.RestoreDone();
        }
        if ("CANCELLED".equals(state)) {
            throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "restore " + label + " was cancelled: "
                    + row.getOrDefault("Status", "") + " " + row.getOrDefault("TaskErrMsg", ""));
        }
        return new JobEvent.RestoreRunning(state);
    }

    private JobEvent loadTargetTables() {
        src.refresh();
        dest.refresh();
        Map<Long, Long> mapping = new TreeMap<>();
        Map<Long, String> names = new TreeMap<>();
        if (spec.source().isTable()) {
            long s = src.tableId(spec.source().table()).orElseThrow(() -> missing("source", spec.source().table()));
            long d = dest.tableId(spec.target().table()).orElseThrow(() -> missing("target", spec.target().table()));
            mapping.put(s, d);
            names.put(s, spec.source().table());
        } else {
            Map<String, Long> byName = new TreeMap<>(snapshotTables);
            byName.putAll(src.tables());
            byName.forEach((name, id) -> {
                names.put(id, name);
                dest.tableId(name).ifPresent(d -> mapping.put(id, d));
            });
        }
        return new JobEvent.TargetTablesLoaded(mapping, names);
    }

    /** The name the partial sync's table has in the snapshot (by id: it may differ from the binlog's). */
    private static String snapshotName(JobInfo info, PartialSyncData x) {
        for (Map.Entry<String, Long> e : info.tables().entrySet()) {
            if (e.getValue() == x.tableId()) {
                return e.getKey();
            }
        }
        return x.table();
    }

    /** Puts a table restored under a temporary alias in place of the target table; idempotent. */
    private void swapIn(String alias, String target) {
        if (alias.isEmpty()) {
            return;
        }
        dest.refresh();
        if (dest.tableId(alias).isEmpty()) {
            return; // swapped in before a restart
        }
        QualifiedName into = QualifiedName.of(dest.database(), target);
        if (dest.tableId(target).isPresent()) {
            log.info("job {}: table {} restored as {} replaces the target table", spec.name(), target, alias);
            destSql.execute(Statements.replaceTable(into, Identifier.of(alias), false));
        } else {
            log.info("job {}: table {} restored as {} is renamed into place", spec.name(), target, alias);
            destSql.execute(Statements.renameTable(QualifiedName.of(dest.database(), alias), Identifier.of(target)));
        }
    }

    private static CcrException missing(String side, String table) {
        return new CcrException(ErrorCode.META_MISMATCH, side + " table " + table + " not found");
    }

    /** The upsert of a binlog the fetch decoded; a payload that could not be decoded fails with its error. */
    private static UpsertRecord upsert(DecodedBinlog b) {
        if (b.recordOrThrow() instanceof UpsertRecord u) {
            return u;
        }
        throw new CcrException(ErrorCode.MALFORMED_BINLOG, "binlog " + b.commitSeq() + " is not an upsert");
    }

    /**
     * Source table id -> target table id for the tables of an upsert. The target name is the
     * job's (as of this binlog: a table created, loaded and renamed on the source is still under
     * its first name on the target until the rename is replayed); the live source name only for a
     * table the job does not know.
     */
    private Map<Long, Long> tableMapping(UpsertRecord u, Map<Long, String> names) {
        Map<Long, Long> m = new HashMap<>();
        for (long srcId : u.tableRecords().keySet()) {
            m.put(srcId, targetTable(srcId, names));
        }
        return m;
    }

    private long targetTable(long srcId, Map<Long, String> names) {
        String destName = spec.source().isTable() ? spec.target().table() : names.get(srcId);
        if (destName == null) {
            destName = src.tableName(srcId).orElseGet(() -> {
                src.refresh();
                return src.tableName(srcId).orElseThrow(() -> new CcrException(ErrorCode.META_MISMATCH,
                        "source table " + srcId + " not found"));
            });
        }
        return targetId(destName);
    }

    private long targetId(String destName) {
        return dest.tableId(destName).orElseGet(() -> {
            dest.refresh();
            return dest.tableId(destName).orElseThrow(() -> missing("target", destName));
        });
    }

    private JobEvent begin(JobCommand.BeginTxn b) {
        Set<String> keep = new HashSet<>();
        keep.add(b.label());
        b.ahead().forEach(x -> keep.add(x.label()));
        lookahead.discardExcept(keep, "the machine went past it");
        taken = null;
        takenTxnId = -1;
        Optional<Lookahead.Outcome> early = lookahead.take(b.label(), b.binlog(), b.tableNames());
        if (early.isPresent() && early.get().commitError() != null) {
            // an early commit failed, maybe after the target committed it: ask the target by the label
            early = Optional.empty();
        }
        JobEvent answer;
        if (early.isPresent() && early.get().committed()) {
            // committed early (parallel table commits): as a label a restart finds committed, counted done
            answer = new JobEvent.TxnLabelExists(((BeginTxnResult.Begun) early.get().begin()).txnId(),
                    TxnState.VISIBLE);
        } else if (early.isPresent()) {
            answer = answer(b.label(), early.get().begin());
            if (early.get().begin() instanceof BeginTxnResult.Begun begun) {
                taken = early.get();
                takenTxnId = begun.txnId();
            }
        } else {
            UpsertRecord u = upsert(b.binlog());
            List<Long> tables = new ArrayList<>(tableMapping(u, b.tableNames()).values());
            lookahead.inFlight(b.label(), b.binlog().commitSeq(), Set.copyOf(tables));
            answer = answer(b.label(), destFe.beginTxn(dest.database(), tables, b.label(), txnTimeout));
        }
        if (answer instanceof JobEvent.TxnBegun t) {
            openTxnId = t.txnId();
            openLabel = b.label();
        } else if (answer instanceof JobEvent.TxnLabelExists x && !x.state().isCommitted()) {
            openTxnId = x.txnId(); // the machine rolls it back next
            openLabel = b.label();
        } else {
            lookahead.committed(b.label()); // committed before: nothing waits for it
        }
        startAhead(b);
        return answer;
    }

    /**
     * Starts the begin and the ingest of the upserts the machine will ask for next (pipelined
     * apply); stops at one whose record or tables cannot be resolved now, which the machine then
     * meets in its turn with the error.
     */
    private void startAhead(JobCommand.BeginTxn b) {
        for (JobCommand.Upcoming x : b.ahead()) {
            if (lookahead.has(x.label())) {
                continue;
            }
            if (!(x.binlog().record().orElse(null) instanceof UpsertRecord u)) {
                return;
            }
            Map<Long, Long> mapping;
            try {
                mapping = tableMapping(u, b.tableNames());
            } catch (CcrException e) {
                log.debug("upsert {} is not begun early: {}", x.binlog().commitSeq(), e.getMessage());
                return;
            }
            List<Long> tables = new ArrayList<>(mapping.values());
            boolean started = lookahead.start(x.label(), x.binlog(), b.tableNames(), Set.copyOf(tables),
                    new Lookahead.Work() {
                @Override
                public BeginTxnResult begin() {
                    return destFe.beginTxn(dest.database(), tables, x.label(), txnTimeout);
                }

                @Override
                public List<TabletCommit> ingest(long txnId) {
                    return ingest.ingest(txnId, u, src, dest, mapping);
                }

                @Override
                public void commit(long txnId, List<TabletCommit> commits) {
                    destFe.commitTxn(dest.database(), txnId, commits);
                }
            });
            if (!started) {
                return; // no lookahead slot now: the machine begins this one and the next in their turn
            }
        }
    }

    /** Rolls back the early txns and forgets the taken one (its txn is the machine's to close). */
    private void dropEarly(String why) {
        taken = null;
        takenTxnId = -1;
        if (lookahead.holdsAnything()) {
            lookahead.discard(why); // rolls back early txns; a job waiting for a slot stops waiting
        }
    }

    private static JobEvent answer(String label, BeginTxnResult r) {
        if (r instanceof BeginTxnResult.Begun begun) {
            return new JobEvent.TxnBegun(begun.txnId());
        }
        BeginTxnResult.LabelExists x = (BeginTxnResult.LabelExists) r;
        if (x.finished()) {
            return new JobEvent.TxnLabelExists(x.txnId(), TxnState.VISIBLE);
        }
        if (x.txnId() < 0) {
            // retriable: the txn aborts at its timeout and frees the label; never skip over it
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "label " + label
                    + " is held by a running txn whose id the FE did not say; retrying until it times out")
                    .with("job_status", x.jobStatus());
        }
        return new JobEvent.TxnLabelExists(x.txnId(), TxnState.PREPARE);
    }

    /**
     * The job takes no step for now: its early txns and the txn of the binlog in flight are rolled
     * back at once (not left to time out). Safe in both cases: after a pause the job starts again
     * from its last checkpoint, before this binlog's begin; a job that failed until the operator
     * acts has had its progress put back before the binlog's begin by the machine (which rolls its
     * txn back itself before it halts), so on resume it fetches and begins that binlog again by its
     * label, which Doris lets an aborted txn's label do. A rollback that fails leaves the txn to its
     * timeout or to the next begin of its label.
     */
    @Override
    public void release(boolean fromCheckpoint) {
        String why = fromCheckpoint ? "the job is paused" : "the job waits for the operator";
        lookahead.discard(why);
        taken = null;
        takenTxnId = -1;
        rollbackOpen(why);
    }

    /** Rolls back the txn of the binlog in flight, if any; one that cannot be is left to its timeout or next begin. */
    private void rollbackOpen(String why) {
        long txn = openTxnId;
        if (txn < 0) {
            return;
        }
        openTxnId = -1;
        try {
            destFe.rollbackTxn(dest.database(), txn, why);
            log.debug("txn {} of the binlog in flight rolled back: {}", txn, why);
        } catch (CcrException e) {
            // committed meanwhile, or the FE is away: its next begin or its timeout aborts it
            log.info("txn {} of the binlog in flight not rolled back ({}): {}", txn, why, e.getMessage());
        }
    }

    /**
     * Closes the job's clients; its early txns and the txn of the binlog in flight are rolled back
     * first (a stop: delete, lease lost, shutdown). A commit running meanwhile on the job's thread
     * either wins (the rollback is refused) or fails; the job's next owner redoes the binlog by its
     * label either way.
     */
    @Override
    public void close() {
        taken = null;
        lookahead.close("the job stops here"); // a txn left open is aborted by the next begin of its label
        rollbackOpen("the job stops here");
        if (ownLookahead != null) {
            ownLookahead.close();
        }
        srcFe.close();
        destFe.close();
        srcSql.close();
        destSql.close();
    }

    private JobEvent rollback(JobCommand.RollbackTxn r) {
        try {
            destFe.rollbackTxn(dest.database(), r.txnId(), r.reason());
        } catch (CcrException e) {
            if (e.code() != ErrorCode.DORIS_ANALYSIS_ERROR && e.code() != ErrorCode.META_MISMATCH) {
                throw e; // an already aborted or unknown txn answers an analysis error: it is gone
            }
        }
        if (r.txnId() == openTxnId) {
            openTxnId = -1;
        }
        return new JobEvent.RolledBack();
    }

    /**
     * The ingest calls an {@link JobCommand.Ingest} would make (target tablet and BE each), planned
     * from the clusters' meta as the real ingest plans them, without calling a BE: the dry run's.
     */
    JobEvent planIngest(JobCommand.Ingest i) {
        UpsertRecord u = upsert(i.binlog());
        return new JobEvent.Ingested(ingest.planOnly(u, src, dest, tableMapping(u, i.tableNames())));
    }
}
