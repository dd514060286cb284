package dev.dorisccr.thrift.fe;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.TabletCommit;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogLagInfo;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.RestoreRequest;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.SnapshotData;
import dev.dorisccr.thrift.rpc.DorisStatus;
import dev.dorisccr.thrift.rpc.ThriftConnections;
import dev.dorisccr.thrift.gen.FrontendService;
import dev.dorisccr.thrift.gen.TBeginTxnRequest;
import dev.dorisccr.thrift.gen.TBeginTxnResult;
import dev.dorisccr.thrift.gen.TBinlog;
import dev.dorisccr.thrift.gen.TCommitTxnRequest;
import dev.dorisccr.thrift.gen.TCommitTxnResult;
import dev.dorisccr.thrift.gen.TGetBackendMetaRequest;
import dev.dorisccr.thrift.gen.TGetBackendMetaResult;
import dev.dorisccr.thrift.gen.TGetBinlogLagResult;
import dev.dorisccr.thrift.gen.TGetBinlogRequest;
import dev.dorisccr.thrift.gen.TGetBinlogResult;
import dev.dorisccr.thrift.gen.TGetMasterTokenRequest;
import dev.dorisccr.thrift.gen.TGetMasterTokenResult;
import dev.dorisccr.thrift.gen.TGetMetaDB;
import dev.dorisccr.thrift.gen.TGetMetaRequest;
import dev.dorisccr.thrift.gen.TGetMetaResult;
import dev.dorisccr.thrift.gen.TGetMetaTable;
import dev.dorisccr.thrift.gen.TGetSnapshotRequest;
import dev.dorisccr.thrift.gen.TGetSnapshotResult;
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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FeClient} over Doris's FrontendService (binary protocol, unframed socket). Calls go to
 * the last known master; a NOT_MASTER answer with a master address (host-mapped) moves there and
 * retries, up to {@link #MAX_REDIRECTS} times. Passwords go on the wire only.
 */
public final class ThriftFeClient implements FeClient {
    private static final Logger log = LoggerFactory.getLogger(ThriftFeClient.class);
    static final int MAX_REDIRECTS = 3;
    private static final Pattern TXN_IN_MESSAGE = Pattern.compile("txn \\[(\\d+)\\]");

    private final ClusterSpec cluster;
    private final ThriftConnections connections;
    private final boolean ownsConnections;
    private volatile String host;
    private volatile int port;

    public ThriftFeClient(ClusterSpec cluster, ThriftConnections connections) {
        this(cluster, connections, false);
    }

    /** A client with its own pool (closed with the client). */
    public static ThriftFeClient open(ClusterSpec cluster, Duration connectTimeout, Duration rpcTimeout) {
        return new ThriftFeClient(cluster, new ThriftConnections(connectTimeout, rpcTimeout, 4), true);
    }

    private ThriftFeClient(ClusterSpec cluster, ThriftConnections connections, boolean owns) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.ownsConnections = owns;
        this.host = cluster.hostMapping().map(cluster.host());
        this.port = cluster.thriftPort();
    }

    /** The address calls go to now ({@code host:port}, mapped). */
    public String currentAddress() {
        return host + ":" + port;
    }

    @FunctionalInterface
    private interface Rpc<R> {
        R call(FrontendService.Client client) throws TException;
    }

    /** Calls on the master, following NOT_MASTER. Returns the result whatever its status. */
    private <R> R onMaster(String rpc, Rpc<R> call, Function<R, TStatus> status, Function<R, TNetworkAddress> master) {
        for (int attempt = 0; ; attempt++) {
            String h = host;
            int p = port;
            R r = connections.call(h, p, rpc, protocol -> call.call(new FrontendService.Client(protocol)));
            TStatus s = status.apply(r);
            if (s == null || s.getStatusCode() != TStatusCode.NOT_MASTER) {
                return r;
            }
            TNetworkAddress m = master.apply(r);
            if (m == null || m.getHostname() == null || m.getHostname().isEmpty() || m.getPort() <= 0) {
                throw new CcrException(ErrorCode.DORIS_NOT_MASTER, rpc + ": " + h + ":" + p
                        + " is not the master and does not know who is").with("rpc", rpc);
            }
            if (attempt >= MAX_REDIRECTS) {
                throw new CcrException(ErrorCode.DORIS_NOT_MASTER, rpc + ": still not the master after "
                        + MAX_REDIRECTS + " redirects").with("rpc", rpc);
            }
            String next = cluster.hostMapping().map(m.getHostname());
            log.info("{}: {}:{} is not the master, following it to {}:{}", rpc, h, p, next, m.getPort());
            host = next;
            port = m.getPort();
        }
    }

    private static void requireOk(String rpc, TStatus s) {
        if (s == null) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, rpc + " answered without a status").with("rpc", rpc);
        }
        if (s.getStatusCode() != TStatusCode.OK) {
            throw DorisStatus.toException(rpc, s);
        }
    }

    @Override
    public Secret getMasterToken() {
        TGetMasterTokenRequest req = new TGetMasterTokenRequest().setCluster(cluster.cluster())
                .setUser(cluster.user()).setPassword(cluster.password().reveal());
        TGetMasterTokenResult r = onMaster("getMasterToken", c -> c.getMasterToken(req),
                TGetMasterTokenResult::getStatus, TGetMasterTokenResult::getMasterAddress);
        requireOk("getMasterToken", r.getStatus());
        return Secret.of(r.getToken() == null ? "" : r.getToken());
    }

    private TGetBinlogRequest binlogRequest(BinlogScope scope, long prevCommitSeq) {
        TGetBinlogRequest req = new TGetBinlogRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal()).setDb(scope.database()).setPrevCommitSeq(prevCommitSeq);
        if (!scope.table().isEmpty()) {
            req.setTable(scope.table());
        }
        if (scope.tableId() > 0) {
            req.setTableId(scope.tableId());
        }
        return req;
    }

    @Override
    public BinlogFetch getBinlog(BinlogScope scope, long prevCommitSeq, int numAcquired) {
        TGetBinlogRequest req = binlogRequest(scope, prevCommitSeq).setNumAcquired(numAcquired);
        TGetBinlogResult r = onMaster("getBinlog", c -> c.getBinlog(req), TGetBinlogResult::getStatus,
                TGetBinlogResult::getMasterAddress);
        TStatus s = r.getStatus();
        List<TBinlog> binlogs = r.getBinlogs() == null ? List.of() : r.getBinlogs();
        if (s != null && s.getStatusCode() == TStatusCode.BINLOG_TOO_NEW_COMMIT_SEQ) {
            return new BinlogFetch.CaughtUp();
        }
        if (s != null && s.getStatusCode() == TStatusCode.BINLOG_TOO_OLD_COMMIT_SEQ) {
            if (binlogs.isEmpty()) {
                throw new CcrException(ErrorCode.BINLOG_TOO_OLD, "getBinlog: binlogs after " + prevCommitSeq
                        + " were collected (no first binlog returned)");
            }
            return new BinlogFetch.TooOld(FeConversions.binlog(binlogs.get(0)));
        }
        requireOk("getBinlog", s);
        List<dev.dorisccr.core.binlog.RawBinlog> out = new ArrayList<>(binlogs.size());
        binlogs.forEach(b -> out.add(FeConversions.binlog(b)));
        if (out.isEmpty()) {
            return new BinlogFetch.CaughtUp();
        }
        return new BinlogFetch.Batch(out);
    }

    @Override
    public BinlogLagInfo getBinlogLag(BinlogScope scope, long prevCommitSeq) {
        TGetBinlogRequest req = binlogRequest(scope, prevCommitSeq);
        TGetBinlogLagResult r = onMaster("getBinlogLag", c -> c.getBinlogLag(req), TGetBinlogLagResult::getStatus,
                TGetBinlogLagResult::getMasterAddress);
        requireOk("getBinlogLag", r.getStatus());
        return new BinlogLagInfo(r.getLag(),
                r.isSetFirstCommitSeq() ? r.getFirstCommitSeq() : -1,
                r.isSetLastCommitSeq() ? r.getLastCommitSeq() : -1,
                r.isSetFirstBinlogTimestamp() ? r.getFirstBinlogTimestamp() : -1,
                r.isSetLastBinlogTimestamp() ? r.getLastBinlogTimestamp() : -1,
                r.isSetNextCommitSeq() ? r.getNextCommitSeq() : -1,
                r.isSetNextBinlogTimestamp() ? r.getNextBinlogTimestamp() : -1);
    }

    @Override
    public BeginTxnResult beginTxn(String database, List<Long> tableIds, String label, Duration timeout) {
        TBeginTxnRequest req = new TBeginTxnRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal()).setDb(database).setTableIds(new ArrayList<>(tableIds))
                .setLabel(label).setTimeout(Math.max(1, timeout.toSeconds()));
        TBeginTxnResult r = onMaster("beginTxn", c -> c.beginTxn(req), TBeginTxnResult::getStatus,
                TBeginTxnResult::getMasterAddress);
        TStatus s = r.getStatus();
        if (s != null && s.getStatusCode() == TStatusCode.LABEL_ALREADY_EXISTS) {
            long txnId = r.isSetTxnId() ? r.getTxnId() : txnIdFrom(DorisStatus.message(s));
            return new BeginTxnResult.LabelExists(r.getJobStatus() == null ? "" : r.getJobStatus(), txnId);
        }
        requireOk("beginTxn", s);
        return new BeginTxnResult.Begun(r.getTxnId());
    }

    static long txnIdFrom(String message) {
        Matcher m = TXN_IN_MESSAGE.matcher(message);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void commitTxn(String database, long txnId, List<TabletCommit> commits) {
        List<TTabletCommitInfo> infos = new ArrayList<>(commits.size());
        commits.forEach(c -> infos.add(new TTabletCommitInfo(c.tabletId(), c.backendId())));
        TCommitTxnRequest req = new TCommitTxnRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal()).setDb(database).setTxnId(txnId).setCommitInfos(infos);
        TCommitTxnResult r = onMaster("commitTxn", c -> c.commitTxn(req), TCommitTxnResult::getStatus,
                TCommitTxnResult::getMasterAddress);
        TStatus s = r.getStatus();
        if (s != null && s.getStatusCode() == TStatusCode.PUBLISH_TIMEOUT) {
            log.info("commitTxn {}: committed, visible later ({})", txnId, DorisStatus.message(s));
            return;
        }
        requireOk("commitTxn", s);
    }

    @Override
    public void rollbackTxn(String database, long txnId, String reason) {
        TRollbackTxnRequest req = new TRollbackTxnRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal()).setDb(database).setTxnId(txnId).setReason(reason);
        TRollbackTxnResult r = onMaster("rollbackTxn", c -> c.rollbackTxn(req), TRollbackTxnResult::getStatus,
                TRollbackTxnResult::getMasterAddress);
        requireOk("rollbackTxn", r.getStatus());
    }

    @Override
    public SnapshotData getSnapshot(String database, String table, String label, boolean compress) {
        TGetSnapshotRequest req = new TGetSnapshotRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal()).setDb(database).setTable(table).setLabelName(label)
                .setSnapshotName("").setSnapshotType(TSnapshotType.LOCAL).setEnableCompress(compress);
        TGetSnapshotResult r = onMaster("getSnapshot", c -> c.getSnapshot(req), TGetSnapshotResult::getStatus,
                TGetSnapshotResult::getMasterAddress);
        requireOk("getSnapshot", r.getStatus());
        if (!r.isSetMeta() || !r.isSetJobInfo()) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "getSnapshot " + label + " answered OK without meta or job_info");
        }
        return new SnapshotData(r.getMeta(), r.getJobInfo(), r.isCompressed(),
                r.isSetCommitSeq() ? r.getCommitSeq() : -1, r.isSetExpiredAt() ? r.getExpiredAt() : -1);
    }

    @Override
    public void restoreSnapshot(RestoreRequest request) {
        List<TTableRef> refs = new ArrayList<>();
        request.tableAliases().forEach((t, alias) -> {
            TTableRef ref = new TTableRef().setTable(t);
            if (!alias.equals(t)) {
                ref.setAliasName(alias);
            }
            refs.add(ref);
        });
        TRestoreSnapshotRequest req = new TRestoreSnapshotRequest().setCluster(cluster.cluster())
                .setUser(cluster.user()).setPasswd(cluster.password().reveal()).setDb(request.database())
                .setLabelName(request.label()).setRepoName("__keep_on_local__")
                .setProperties(new java.util.HashMap<>(request.properties()))
                .setMeta(ByteBuffer.wrap(request.snapshot().meta()))
                .setJobInfo(ByteBuffer.wrap(request.snapshot().jobInfo()))
                .setCompressed(request.snapshot().compressed());
        if (!refs.isEmpty()) {
            req.setTableRefs(refs);
        }
        if (request.cleanTables()) {
            req.setCleanTables(true);
        }
        if (request.cleanPartitions()) {
            req.setCleanPartitions(true);
        }
        if (request.atomicRestore()) {
            req.setAtomicRestore(true);
        }
        TRestoreSnapshotResult r = onMaster("restoreSnapshot", c -> c.restoreSnapshot(req),
                TRestoreSnapshotResult::getStatus, TRestoreSnapshotResult::getMasterAddress);
        requireOk("restoreSnapshot", r.getStatus());
    }

    @Override
    public DbMeta getMeta(String database, long dbId, List<Long> tableIds) {
        TGetMetaDB db = new TGetMetaDB();
        if (dbId > 0) {
            db.setId(dbId);
        } else {
            db.setName(database);
        }
        if (!tableIds.isEmpty()) {
            List<TGetMetaTable> tables = new ArrayList<>();
            tableIds.forEach(id -> tables.add(new TGetMetaTable().setId(id)));
            db.setTables(tables);
        }
        TGetMetaRequest req = new TGetMetaRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal()).setDb(db);
        TGetMetaResult r = onMaster("getMeta", c -> c.getMeta(req), TGetMetaResult::getStatus,
                TGetMetaResult::getMasterAddress);
        requireOk("getMeta", r.getStatus());
        if (!r.isSetDbMeta()) {
            throw new CcrException(ErrorCode.META_MISMATCH, "getMeta: database " + database + " (" + dbId
                    + ") not found");
        }
        return FeConversions.db(r.getDbMeta());
    }

    @Override
    public List<BackendInfo> getBackends() {
        TGetBackendMetaRequest req = new TGetBackendMetaRequest().setCluster(cluster.cluster()).setUser(cluster.user())
                .setPasswd(cluster.password().reveal());
        TGetBackendMetaResult r = onMaster("getBackendMeta", c -> c.getBackendMeta(req),
                TGetBackendMetaResult::getStatus, TGetBackendMetaResult::getMasterAddress);
        requireOk("getBackendMeta", r.getStatus());
        List<BackendInfo> out = new ArrayList<>();
        if (r.getBackends() != null) {
            r.getBackends().forEach(b -> out.add(FeConversions.backend(b)));
        }
        return out;
    }

    @Override
    public void close() {
        if (ownsConnections) {
            connections.close();
        }
    }
}
