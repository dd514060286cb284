package dev.dorisccr.core.spi;

/**
 * The BE RPCs the syncer uses, on one BE. Failures are {@code CcrException}s: {@code
 * META_MISMATCH} for a missing tablet (TABLET_MISSING), {@code DORIS_RPC_FAILED} for a failed
 * download (retriable), {@code DORIS_TIMEOUT}, {@code DORIS_CONNECTION_FAILED}.
 */
public interface BeClient extends AutoCloseable {
    /** Ingests and returns once the rowset is committed locally (polling an asynchronous BE). */
    void ingestBinlog(IngestRequest request);

    @Override
    void close();
}
