package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * One ingest_binlog call on a target BE: pull the rowset of source tablet {@code remoteTabletId}
 * at {@code binlogVersion} from the source BE's HTTP port into the local tablet, inside txn
 * {@code txnId}. {@code loadIdHi}/{@code loadIdLo} make a retry idempotent on newer BEs.
 */
public record IngestRequest(long txnId, long remoteTabletId, long binlogVersion, String remoteHost, int remoteHttpPort,
        long partitionId, long localTabletId, long loadIdHi, long loadIdLo) {
    public IngestRequest {
        requireNonNull(remoteHost, "remoteHost is null");
    }
}
