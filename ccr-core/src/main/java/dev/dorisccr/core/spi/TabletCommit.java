package dev.dorisccr.core.spi;

/** One replica written by an ingest, as commitTxn needs it (Doris TTabletCommitInfo). */
public record TabletCommit(long tabletId, long backendId) {}
