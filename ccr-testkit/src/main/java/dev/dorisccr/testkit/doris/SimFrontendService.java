package dev.dorisccr.testkit.doris;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.thrift.gen.FrontendService;
import dev.dorisccr.thrift.gen.TBeginTxnRequest;
import dev.dorisccr.thrift.gen.TBeginTxnResult;
import dev.dorisccr.thrift.gen.TBinlog;
import dev.dorisccr.thrift.gen.TBinlogType;
import dev.dorisccr.thrift.gen.TCommitTxnRequest;
import dev.dorisccr.thrift.gen.TCommitTxnResult;
import dev.dorisccr.thrift.gen.TGetBackendMetaRequest;
import dev.dorisccr.thrift.gen.TGetBackendMetaResult;
import dev.dorisccr.thrift.gen.TGetBinlogLagResult;
import dev.dorisccr.thrift.gen.TGetBinlogRequest;
import dev.dorisccr.thrift.gen.TGetBinlogResult;
import dev.dorisccr.thrift.gen.TGetMasterTokenRequest;
import dev.dorisccr.thrift.gen.TGetMasterTokenResult;
import dev.dorisccr.thrift.gen.TGetMetaRequest;
import dev.dorisccr.thrift.gen.TGetMetaResult;
import dev.dorisccr.thrift.gen.TGetSnapshotRequest;
import dev.dorisccr.thrift.gen.TGetSnapshotResult;
import dev.dorisccr.thrift.gen.TLockBinlogRequest;
import dev.dorisccr.thrift.gen.TLockBinlogResult;
import dev.dorisccr.thrift.gen.TNetworkAddress;
import dev.dorisccr.thrift.gen.TRestoreSnapshotRequest;
import dev.dorisccr.thrift.gen.TRestoreSnapshotResult;
import dev.dorisccr.thrift.gen.TRollbackTxnRequest;
import dev.dorisccr.thrift.gen.TRollbackTxnResult;
import dev.dorisccr.thrift.gen.TSnapshotType;
import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import dev.dorisccr.thrift.gen.TTableRef;
import dev.dorisccr.thrift.gen.TTabletCommitInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The FE's FrontendService (the CCR RPCs) over the simulated state, with Doris's checks and
 * status codes. A follower instance answers every RPC with NOT_MASTER and the master's address.
 */
final class SimFrontendService implements FrontendService.Iface {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClusterCore core;
    private final FakeDorisCluster cluster;
    private final java.util.function.BooleanSupplier isMaster;

    /** {@code isMaster} says whether this FE is the master now (it changes on a master switch). */
    SimFrontendService(FakeDorisCluster cluster, ClusterCore core, java.util.function.BooleanSupplier isMaster) {
        this.cluster = cluster;
        this.core = core;
        this.isMaster = isMaster;
    }

    private static TStatus ok() {
        return new TStatus(TStatusCode.OK);
    }

    private static TStatus status(TStatusCode code, String msg) {
        TStatus t = new TStatus(code);
        t.addToErrorMsgs(msg);
        return t;
    }

    private static TStatus of(SimException e) {
        TStatusCode code;
        try {
            code = TStatusCode.valueOf(e.status());
        } catch (IllegalArgumentException x) {
            code = TStatusCode.INTERNAL_ERROR;
        }
        return status(code, e.getMessage());
    }

    private TNetworkAddress masterAddress() {
        return new TNetworkAddress(cluster.host(), cluster.masterThriftPort());
    }

    /** Runs an RPC body: follower redirect, auth errors and simulated errors become statuses. */
    private TStatus guard(String method, Supplier<TStatus> body) {
        if (!isMaster.getAsBoolean()) {
            return status(TStatusCode.NOT_MASTER, "this node is not master");
        }
        try {
            return body.get();
        } catch (SimException e) {
            return of(e);
        } catch (RuntimeException e) {
            return status(TStatusCode.INTERNAL_ERROR, String.valueOf(e));
        }
    }

    private void auth(String user, String passwd, String token) {
        if (token != null && !token.isEmpty()) {
            return;
        }
        if (user == null) {
            throw SimException.analysis("user is not set");
        }
        if (passwd == null) {
            throw SimException.analysis("passwd is not set");
        }
        if (!cluster.checkPassword(user, passwd)) {
            throw SimException.analysis("Access denied for user '" + user + "'");
        }
    }

    @Override
    public TGetMasterTokenResult getMasterToken(TGetMasterTokenRequest r) {
        TGetMasterTokenResult res = new TGetMasterTokenResult();
        res.setStatus(guard("getMasterToken", () -> {
            if (r.getUser() == null || r.getPassword() == null || !cluster.checkPassword(r.getUser(), r.getPassword())) {
                return status(TStatusCode.NOT_AUTHORIZED, "Access denied for user '" + r.getUser() + "'");
            }
            res.setToken(core.s.token);
            return ok();
        }));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    /** Resolves (db id, table id or -1) of a binlog request under the lock. */
    private long[] scope(TGetBinlogRequest r) {
        if (r.getDb() == null) {
            throw SimException.analysis("db is not set");
        }
        SimDatabase db = core.s.databases.get(r.getDb());
        if (db == null) {
            throw SimException.analysis("unknown database, database=" + r.getDb());
        }
        long tableId = -1;
        if (r.isSetTableId() && r.getTableId() > 0) {
            tableId = db.tableById(r.getTableId()).map(t -> t.id)
                    .orElseThrow(() -> SimException.analysis("table not found, table id=" + r.getTableId()));
        } else if (r.getTable() != null && !r.getTable().isEmpty()) {
            SimTable t = core.s.olapTable(db, r.getTable());
            tableId = t.id;
        }
        return new long[] {db.id, tableId};
    }

    @Override
    public TGetBinlogResult getBinlog(TGetBinlogRequest r) {
        TGetBinlogResult res = new TGetBinlogResult();
        res.setStatus(guard("getBinlog", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (!r.isSetPrevCommitSeq()) {
                throw SimException.analysis("prev_commit_seq is not set");
            }
            long[] sc = scope(r);
            int max = core.s.version.batches() ? (int) Math.max(1, Math.min(255, r.getNumAcquired())) : 1;
            BinlogJournal.Read read = core.s.journal.read(sc[0], sc[1], r.getPrevCommitSeq(), max);
            if (read instanceof BinlogJournal.Read.NoDb) {
                return status(TStatusCode.BINLOG_NOT_FOUND_DB, "binlog not found, db id " + sc[0]);
            }
            if (read instanceof BinlogJournal.Read.NoTable) {
                return status(TStatusCode.BINLOG_NOT_FOUND_TABLE, "binlog not found, table id " + sc[1]);
            }
            if (read instanceof BinlogJournal.Read.TooOld t) {
                res.addToBinlogs(toThrift(t.dummy()));
                return status(TStatusCode.BINLOG_TOO_OLD_COMMIT_SEQ, "too old commit seq");
            }
            if (read instanceof BinlogJournal.Read.TooNew) {
                return status(TStatusCode.BINLOG_TOO_NEW_COMMIT_SEQ, "too new commit seq");
            }
            ((BinlogJournal.Read.Batch) read).binlogs().forEach(b -> res.addToBinlogs(toThrift(b)));
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    static TBinlog toThrift(SimBinlog b) {
        TBinlog t = new TBinlog().setCommitSeq(b.commitSeq()).setTimestamp(b.timestamp())
                .setType(TBinlogType.findByValue(b.type())).setDbId(b.dbId());
        if (b.type() == SimBinlog.DUMMY) {
            t.setBelong(b.belong());
        } else {
            t.setData(b.data());
        }
        if (!b.tableIds().isEmpty()) {
            t.setTableIds(new ArrayList<>(b.tableIds()));
        }
        return t;
    }

    @Override
    public TGetBinlogLagResult getBinlogLag(TGetBinlogRequest r) {
        TGetBinlogLagResult res = new TGetBinlogLagResult();
        res.setStatus(guard("getBinlogLag", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (!r.isSetPrevCommitSeq()) {
                throw SimException.analysis("prev_commit_seq is not set");
            }
            long[] sc = scope(r);
            BinlogStream st = core.s.journal.stream(sc[0], sc[1]).orElse(null);
            if (st == null) {
                return sc[1] > 0 ? status(TStatusCode.BINLOG_NOT_FOUND_TABLE, "binlog not found")
                        : status(TStatusCode.BINLOG_NOT_FOUND_DB, "binlog not found");
            }
            long prev = r.getPrevCommitSeq();
            res.setFirstCommitSeq(st.dummySeq).setFirstBinlogTimestamp(st.dummyTimestamp);
            SimBinlog last = st.entries.isEmpty() ? null : st.entries.lastEntry().getValue();
            res.setLastCommitSeq(last == null ? st.dummySeq : last.commitSeq())
                    .setLastBinlogTimestamp(last == null ? st.dummyTimestamp : last.timestamp());
            if (prev < st.dummySeq) {
                res.setLag(st.entries.size() + 1L).setNextCommitSeq(st.dummySeq).setNextBinlogTimestamp(st.dummyTimestamp);
            } else {
                var tail = st.entries.tailMap(prev, false);
                res.setLag(tail.size());
                if (tail.isEmpty()) {
                    res.setNextCommitSeq(0).setNextBinlogTimestamp(0);
                } else {
                    res.setNextCommitSeq(tail.firstKey()).setNextBinlogTimestamp(tail.firstEntry().getValue().timestamp());
                }
            }
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TLockBinlogResult lockBinlog(TLockBinlogRequest r) {
        TLockBinlogResult res = new TLockBinlogResult();
        res.setStatus(guard("lockBinlog", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            TGetBinlogRequest asGet = new TGetBinlogRequest().setDb(r.getDb()).setTable(r.getTable());
            if (r.isSetTableId()) {
                asGet.setTableId(r.getTableId());
            }
            long[] sc = scope(asGet);
            BinlogStream st = core.s.journal.stream(sc[0], sc[1]).orElse(null);
            if (st == null) {
                return status(sc[1] > 0 ? TStatusCode.BINLOG_NOT_FOUND_TABLE : TStatusCode.BINLOG_NOT_FOUND_DB,
                        "binlog not found");
            }
            long locked = core.s.journal.lock(st, String.valueOf(r.getJobUniqueId()),
                    r.isSetLockCommitSeq() ? r.getLockCommitSeq() : -1);
            res.setLockedCommitSeq(locked);
            return locked < 0 ? status(TStatusCode.BINLOG_TOO_NEW_COMMIT_SEQ, "lock commit seq is too new") : ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TBeginTxnResult beginTxn(TBeginTxnRequest r) {
        TBeginTxnResult res = new TBeginTxnResult();
        res.setStatus(guard("beginTxn", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (r.getDb() == null) {
                throw SimException.analysis("db is not set");
            }
            if (r.getTableIds() == null) {
                throw SimException.analysis("table ids is not set");
            }
            SimDatabase db = core.s.db(r.getDb());
            Txns.Begin b = core.txns.begin(db, r.getTableIds(), r.getLabel(), true);
            res.setDbId(db.id);
            if (b.labelExisted()) {
                res.setJobStatus(b.txn().jobStatus());
                return status(TStatusCode.LABEL_ALREADY_EXISTS, "Label [" + r.getLabel()
                        + "] has already been used, relate to txn [" + b.txn().id + "], status ["
                        + b.txn().state + "].");
            }
            res.setTxnId(b.txn().id);
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TCommitTxnResult commitTxn(TCommitTxnRequest r) {
        TCommitTxnResult res = new TCommitTxnResult();
        res.setStatus(guard("commitTxn", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (!r.isSetTxnId()) {
                throw SimException.analysis("txn_id is not set");
            }
            if (r.getCommitInfos() == null) {
                throw SimException.analysis("commit_infos is not set");
            }
            SimDatabase db = r.isSetDbId() && r.getDbId() > 0
                    ? core.s.dbById(r.getDbId()).orElseThrow(() -> SimException.analysis("unknown database id " + r.getDbId()))
                    : core.s.db(r.getDb());
            SimTxn t = core.txns.txn(r.getTxnId());
            if (t.dbId != db.id) {
                throw SimException.analysis("transaction [" + r.getTxnId() + "] not found in database " + db.name);
            }
            List<long[]> infos = new ArrayList<>();
            for (TTabletCommitInfo i : r.getCommitInfos()) {
                infos.add(new long[] {i.getTabletId(), i.getBackendId()});
            }
            boolean visible = core.txns.commit(r.getTxnId(), infos);
            return visible ? ok() : status(TStatusCode.PUBLISH_TIMEOUT,
                    "transaction commit successfully, BUT data will be visible later");
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TRollbackTxnResult rollbackTxn(TRollbackTxnRequest r) {
        TRollbackTxnResult res = new TRollbackTxnResult();
        res.setStatus(guard("rollbackTxn", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (!r.isSetTxnId()) {
                throw SimException.analysis("txn_id is not set");
            }
            core.txns.rollback(r.getTxnId(), r.getReason() == null ? "system cancel" : r.getReason());
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TGetSnapshotResult getSnapshot(TGetSnapshotRequest r) {
        TGetSnapshotResult res = new TGetSnapshotResult();
        res.setStatus(guard("getSnapshot", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (r.getDb() == null || r.getLabelName() == null || r.getSnapshotName() == null) {
                throw SimException.analysis("db, label_name and snapshot_name must be set");
            }
            if (r.getSnapshotType() != TSnapshotType.LOCAL) {
                throw SimException.analysis("snapshot_type is not LOCAL");
            }
            BackupJob job = core.backups.snapshot(core.s.db(r.getDb()), r.getLabelName());
            byte[] meta = job.meta.toString().getBytes(StandardCharsets.UTF_8);
            byte[] info = job.jobInfo.toString().getBytes(StandardCharsets.UTF_8);
            if (r.isEnableCompress()) {
                res.setMeta(gzip(meta)).setJobInfo(gzip(info)).setCompressed(true);
            } else {
                res.setMeta(meta).setJobInfo(info);
            }
            res.setCommitSeq(job.commitSeq).setExpiredAt(job.expireMs);
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TRestoreSnapshotResult restoreSnapshot(TRestoreSnapshotRequest r) {
        TRestoreSnapshotResult res = new TRestoreSnapshotResult();
        res.setStatus(guard("restoreSnapshot", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            if (r.getDb() == null || r.getLabelName() == null || r.getRepoName() == null || r.getMeta() == null
                    || r.getJobInfo() == null) {
                throw SimException.analysis("db, label_name, repo_name, meta and job_info must be set");
            }
            if (!Backups.LOCAL_REPO.equals(r.getRepoName())) {
                throw SimException.analysis("Repository " + r.getRepoName() + " does not exist");
            }
            byte[] meta = r.isCompressed() ? gunzip(r.getMeta()) : r.getMeta();
            byte[] info = r.isCompressed() ? gunzip(r.getJobInfo()) : r.getJobInfo();
            List<SnapshotMeta.Table> tables = new ArrayList<>();
            JsonNode infoJson;
            try {
                for (JsonNode t : JSON.readTree(meta)) {
                    tables.add(SnapshotMeta.parse(t));
                }
                infoJson = JSON.readTree(info);
            } catch (IOException | RuntimeException e) {
                throw SimException.analysis("invalid snapshot meta or job_info: " + e.getMessage());
            }
            Map<String, String> aliases = new LinkedHashMap<>();
            if (r.getTableRefs() != null) {
                for (TTableRef ref : r.getTableRefs()) {
                    aliases.put(ref.getTable(), ref.getAliasName() == null ? ref.getTable() : ref.getAliasName());
                }
            }
            Map<String, String> props = r.getProperties() == null ? Map.of() : r.getProperties();
            core.restores.create(core.s.db(r.getDb()), r.getLabelName(), tables, infoJson, aliases, props,
                    r.isCleanTables(), r.isCleanPartitions(), r.isAtomicRestore(), core.backups);
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TGetMetaResult getMeta(TGetMetaRequest r) {
        TGetMetaResult res = new TGetMetaResult(ok());
        res.setStatus(guard("getMeta", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), r.getToken());
            res.setDbMeta(MetaAnswers.dbMeta(core.s, r.getDb()));
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    @Override
    public TGetBackendMetaResult getBackendMeta(TGetBackendMetaRequest r) {
        TGetBackendMetaResult res = new TGetBackendMetaResult(ok());
        res.setStatus(guard("getBackendMeta", () -> core.locked(() -> {
            auth(r.getUser(), r.getPasswd(), null);
            res.setBackends(MetaAnswers.backends(core.s));
            return ok();
        })));
        return isMaster.getAsBoolean() ? res : res.setMasterAddress(masterAddress());
    }

    static byte[] gzip(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] in) {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(in))) {
            return z.readAllBytes();
        } catch (IOException e) {
            throw SimException.analysis("payload is not gzip: " + e.getMessage());
        }
    }
}
