package dev.dorisccr.thrift.be;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.IngestRequest;
import dev.dorisccr.thrift.rpc.DorisStatus;
import dev.dorisccr.thrift.rpc.ThriftConnections;
import dev.dorisccr.thrift.gen.BackendService;
import dev.dorisccr.thrift.gen.TIngestBinlogRequest;
import dev.dorisccr.thrift.gen.TIngestBinlogResult;
import dev.dorisccr.thrift.gen.TIngestBinlogStatus;
import dev.dorisccr.thrift.gen.TQueryIngestBinlogRequest;
import dev.dorisccr.thrift.gen.TQueryIngestBinlogResult;
import dev.dorisccr.thrift.gen.TStatusCode;
import dev.dorisccr.thrift.gen.TUniqueId;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link BeClient} over Doris's BackendService. A BE configured for asynchronous ingest answers
 * {@code is_async}; the client then polls query_ingest_binlog, pacing itself with a {@link Pacer},
 * until the rowset is committed, failed, or {@code asyncDeadline} passes.
 */
public final class ThriftBeClient implements BeClient {
    /** Waits between two polls of an asynchronous ingest. */
    @FunctionalInterface
    public interface Pacer {
        void pause(Duration d);

        /** Parks the calling (pool) thread. */
        Pacer PARK = d -> LockSupport.parkNanos(d.toNanos());
    }

    private final String host;
    private final int port;
    private final ThriftConnections connections;
    private final Pacer pacer;
    private final Duration pollInterval;
    private final int maxPolls;

    public ThriftBeClient(String host, int port, ThriftConnections connections, Pacer pacer, Duration pollInterval,
            Duration asyncDeadline) {
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.connections = requireNonNull(connections, "connections is null");
        this.pacer = requireNonNull(pacer, "pacer is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
        this.maxPolls = (int) Math.max(1, asyncDeadline.toMillis() / Math.max(1, pollInterval.toMillis()));
    }

    @Override
    public void ingestBinlog(IngestRequest r) {
        TUniqueId loadId = new TUniqueId(r.loadIdHi(), r.loadIdLo());
        TIngestBinlogRequest req = new TIngestBinlogRequest().setTxnId(r.txnId()).setRemoteTabletId(r.remoteTabletId())
                .setBinlogVersion(r.binlogVersion()).setRemoteHost(r.remoteHost())
                .setRemotePort(Integer.toString(r.remoteHttpPort())).setPartitionId(r.partitionId())
                .setLocalTabletId(r.localTabletId()).setLoadId(loadId);
        TIngestBinlogResult res = connections.call(host, port, "ingest_binlog",
                p -> new BackendService.Client(p).ingestBinlog(req));
        if (res.getStatus() == null) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "ingest_binlog on " + host + ":" + port
                    + " answered without a status").with("tablet", r.localTabletId());
        }
        if (res.getStatus().getStatusCode() != TStatusCode.OK) {
            throw DorisStatus.toException("ingest_binlog", res.getStatus()).with("tablet", r.localTabletId())
                    .with("backend", host + ":" + port);
        }
        if (res.isIsAsync()) {
            awaitAsync(r, loadId);
        }
    }

    private void awaitAsync(IngestRequest r, TUniqueId loadId) {
        TQueryIngestBinlogRequest q = new TQueryIngestBinlogRequest().setTxnId(r.txnId())
                .setPartitionId(r.partitionId()).setTabletId(r.localTabletId()).setLoadId(loadId);
        for (int i = 0; i < maxPolls; i++) {
            TQueryIngestBinlogResult res = connections.call(host, port, "query_ingest_binlog",
                    p -> new BackendService.Client(p).queryIngestBinlog(q));
            TIngestBinlogStatus s = res.getStatus();
            if (s == TIngestBinlogStatus.OK) {
                return;
            }
            if (s == null || s == TIngestBinlogStatus.FAILED || s == TIngestBinlogStatus.ANALYSIS_ERROR
                    || s == TIngestBinlogStatus.NOT_FOUND || s == TIngestBinlogStatus.UNKNOWN) {
                throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "asynchronous ingest of tablet " + r.localTabletId()
                        + " on " + host + ":" + port + " ended " + s + ": " + res.getErrMsg())
                        .with("tablet", r.localTabletId());
            }
            pacer.pause(pollInterval);
        }
        throw new CcrException(ErrorCode.DORIS_TIMEOUT, "asynchronous ingest of tablet " + r.localTabletId() + " on "
                + host + ":" + port + " still running after " + maxPolls + " polls");
    }

    @Override
    public void close() {
        // the pool is shared; nothing of our own to release
    }
}
