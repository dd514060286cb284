package dev.dorisccr.thrift.fe;

import dev.dorisccr.thrift.gen.FrontendService;
import dev.dorisccr.thrift.gen.TBeginTxnRequest;
import dev.dorisccr.thrift.gen.TBeginTxnResult;
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
import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A hand-written FrontendService: answers what the test put in, records the requests. */
final class FakeFrontend implements FrontendService.Iface {
    final List<Object> requests = new ArrayList<>();
    /** When set, every call answers NOT_MASTER with this address (null: no address). */
    TNetworkAddress redirectTo;
    boolean redirect;
    /** When set, calls wait for it (to provoke a client read timeout). */
    CountDownLatch hold;
    Function<TGetBinlogRequest, TGetBinlogResult> binlog = r -> new TGetBinlogResult().setStatus(ok());
    TBeginTxnResult begin = new TBeginTxnResult().setStatus(ok()).setTxnId(1);
    TCommitTxnResult commit = new TCommitTxnResult().setStatus(ok());
    TGetMetaResult meta = new TGetMetaResult(ok());
    TGetSnapshotResult snapshot = new TGetSnapshotResult().setStatus(ok());
    TGetBackendMetaResult backends = new TGetBackendMetaResult(ok());

    static TStatus ok() {
        return new TStatus(TStatusCode.OK);
    }

    private synchronized TStatus notMaster() {
        return new TStatus(TStatusCode.NOT_MASTER).setErrorMsgs(List.of("not master"));
    }

    private void record(Object request) {
        synchronized (this) {
            requests.add(request);
        }
        CountDownLatch h = hold;
        if (h != null) {
            try {
                h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public TGetMasterTokenResult getMasterToken(TGetMasterTokenRequest request) {
        record(request);
        if (redirect) {
            return new TGetMasterTokenResult().setStatus(notMaster()).setMasterAddress(redirectTo);
        }
        return new TGetMasterTokenResult().setStatus(ok()).setToken("token-" + request.getUser());
    }

    @Override
    public TGetBinlogResult getBinlog(TGetBinlogRequest request) {
        record(request);
        if (redirect) {
            return new TGetBinlogResult().setStatus(notMaster()).setMasterAddress(redirectTo);
        }
        return binlog.apply(request);
    }

    @Override
    public TGetBinlogLagResult getBinlogLag(TGetBinlogRequest request) {
        record(request);
        return new TGetBinlogLagResult().setStatus(ok()).setLag(7).setFirstCommitSeq(3).setLastCommitSeq(40);
    }

    @Override
    public TLockBinlogResult lockBinlog(TLockBinlogRequest request) {
        record(request);
        return new TLockBinlogResult().setStatus(ok());
    }

    @Override
    public TBeginTxnResult beginTxn(TBeginTxnRequest request) {
        record(request);
        return begin;
    }

    @Override
    public TCommitTxnResult commitTxn(TCommitTxnRequest request) {
        record(request);
        return commit;
    }

    @Override
    public TRollbackTxnResult rollbackTxn(TRollbackTxnRequest request) {
        record(request);
        return new TRollbackTxnResult().setStatus(ok());
    }

    @Override
    public TGetSnapshotResult getSnapshot(TGetSnapshotRequest request) {
        record(request);
        return snapshot;
    }

    @Override
    public TRestoreSnapshotResult restoreSnapshot(TRestoreSnapshotRequest request) {
        record(request);
        return new TRestoreSnapshotResult().setStatus(ok());
    }

    @Override
    public TGetMetaResult getMeta(TGetMetaRequest request) {
        record(request);
        return meta;
    }

    @Override
    public TGetBackendMetaResult getBackendMeta(TGetBackendMetaRequest request) {
        record(request);
        return backends;
    }
}
