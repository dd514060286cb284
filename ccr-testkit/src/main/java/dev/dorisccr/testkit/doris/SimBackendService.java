package dev.dorisccr.testkit.doris;

import dev.dorisccr.thrift.gen.BackendService;
import dev.dorisccr.thrift.gen.TIngestBinlogRequest;
import dev.dorisccr.thrift.gen.TIngestBinlogResult;
import dev.dorisccr.thrift.gen.TIngestBinlogStatus;
import dev.dorisccr.thrift.gen.TQueryIngestBinlogRequest;
import dev.dorisccr.thrift.gen.TQueryIngestBinlogResult;
import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A backend's BackendService: {@code ingest_binlog} pulls the rowset of (remote tablet, version)
 * from the source BE's HTTP port (three tries, as Doris does) and keeps it pending in the txn on
 * the local tablet; an asynchronous BE ({@code ingest_binlog_work_pool_size >= 0}) answers at once
 * with {@code is_async} and reports through {@code query_ingest_binlog}.
 */
final class SimBackendService implements BackendService.Iface {
    private final ClusterCore core;
    private final SimBackend backend;
    private final SimHttpClient http = new SimHttpClient(2_000, 5_000);
    private final ExecutorService asyncPool;
    private volatile boolean async;
    private final Map<String, TIngestBinlogStatus> asyncState = new ConcurrentHashMap<>();
    private final Map<String, String> asyncErrors = new ConcurrentHashMap<>();

    SimBackendService(ClusterCore core, SimBackend backend, ExecutorService asyncPool) {
        this.core = core;
        this.backend = backend;
        this.asyncPool = asyncPool;
    }

    void setAsync(boolean a) {
        this.async = a;
    }

    private static TStatus status(TStatusCode code, String msg) {
        TStatus s = new TStatus(code);
        if (msg != null) {
            s.addToErrorMsgs(msg);
        }
        return s;
    }

    @Override
    public TIngestBinlogResult ingestBinlog(TIngestBinlogRequest r) {
        TIngestBinlogResult res = new TIngestBinlogResult();
        String missing = !r.isSetTxnId() ? "txn_id" : !r.isSetPartitionId() ? "partition_id"
                : !r.isSetLocalTabletId() ? "local_tablet_id" : !r.isSetLoadId() ? "load_id"
                : !r.isSetRemoteTabletId() ? "remote_tablet_id" : !r.isSetBinlogVersion() ? "binlog_version"
                : !r.isSetRemoteHost() ? "remote_host" : !r.isSetRemotePort() ? "remote_port" : null;
        if (missing != null) {
            return res.setStatus(status(TStatusCode.ANALYSIS_ERROR, missing + " is empty"));
        }
        boolean known = core.locked(() -> backend.tablet(r.getLocalTabletId()).isPresent());
        if (!known) {
            return res.setStatus(status(TStatusCode.TABLET_MISSING, "tablet " + r.getLocalTabletId()
                    + " not found on backend " + backend.id()));
        }
        if (async) {
            String key = key(r.getTxnId(), r.getLocalTabletId());
            asyncState.put(key, TIngestBinlogStatus.DOING);
            asyncPool.execute(() -> {
                String err = ingest(r);
                if (err == null) {
                    asyncState.put(key, TIngestBinlogStatus.OK);
                } else {
                    asyncErrors.put(key, err);
                    asyncState.put(key, TIngestBinlogStatus.FAILED);
                }
            });
            return res.setStatus(status(TStatusCode.OK, null)).setIsAsync(true);
        }
        String err = ingest(r);
        return res.setStatus(err == null ? status(TStatusCode.OK, null) : status(TStatusCode.RUNTIME_ERROR, err));
    }

    private static String key(long txn, long tablet) {
        return txn + "/" + tablet;
    }

    /** Downloads and stores; answers an error text, or null. */
    private String ingest(TIngestBinlogRequest r) {
        String host = r.getRemoteHost();
        int port;
        try {
            port = Integer.parseInt(r.getRemotePort());
        } catch (NumberFormatException e) {
            return "download binlog failed: bad remote_port " + r.getRemotePort();
        }
        String base = "/api/_binlog/_download?tablet_id=" + r.getRemoteTabletId() + "&binlog_version="
                + r.getBinlogVersion();
        try {
            byte[] info = get(host, port, base + "&method=get_binlog_info");
            if (info == null) {
                return "get binlog info failed: tablet " + r.getRemoteTabletId() + " version " + r.getBinlogVersion();
            }
            String infoText = new String(info, java.nio.charset.StandardCharsets.UTF_8);
            String rowsetId = infoText.substring(0, infoText.indexOf(':'));
            if (get(host, port, base + "&method=get_rowset_meta&rowset_id=" + rowsetId) == null) {
                return "get rowset meta failed";
            }
            byte[] segment = get(host, port, base + "&method=get_segment_file&rowset_id=" + rowsetId
                    + "&segment_index=0");
            if (segment == null) {
                return "download segment failed";
            }
            Rowset rowset = RowsetCodec.decodeOne(segment);
            return core.locked(() -> {
                TabletData d = backend.tablet(r.getLocalTabletId()).orElse(null);
                if (d == null) {
                    return "tablet " + r.getLocalTabletId() + " was dropped during the ingest";
                }
                d.pending.put(r.getTxnId(), new Rowset("ingested-" + r.getTxnId() + "-" + r.getLocalTabletId(), 0,
                        rowset.rows(), rowset.deletes()));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            return "download binlog failed: " + e;
        }
    }

    /** The body of a 200, null for a 404; three tries, as Doris does. */
    private byte[] get(String host, int port, String pathAndQuery) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                SimHttpClient.Answer a = http.get(host, port, pathAndQuery);
                if (a.status() == 404) {
                    return null;
                }
                if (a.status() == 200) {
                    return a.body();
                }
                last = new IOException("HTTP " + a.status() + " from " + host + ":" + port + pathAndQuery);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Closes the kept connections of its rowset pulls. */
    void close() {
        http.close();
    }

    @Override
    public TQueryIngestBinlogResult queryIngestBinlog(TQueryIngestBinlogRequest r) {
        String key = key(r.getTxnId(), r.getTabletId());
        TIngestBinlogStatus st = asyncState.getOrDefault(key, TIngestBinlogStatus.NOT_FOUND);
        TQueryIngestBinlogResult res = new TQueryIngestBinlogResult().setStatus(st);
        String err = asyncErrors.get(key);
        return err == null ? res : res.setErrMsg(err);
    }
}
