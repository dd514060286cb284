package dev.dorisccr.core.spi;

import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import java.time.Duration;
import java.util.List;

/**
 * The FE RPCs of one cluster. Implementations reach the master (following NOT_MASTER), apply the
 * cluster's host mapping, and report failures as {@code CcrException}s with a code: {@code
 * DORIS_TIMEOUT} / {@code DORIS_CONNECTION_FAILED} (retriable), {@code DORIS_ANALYSIS_ERROR},
 * {@code NOT_AUTHORIZED}, {@code BINLOG_NOT_FOUND}, {@code BINLOG_DISABLED}, {@code
 * SNAPSHOT_NOT_FOUND}, {@code DORIS_UNKNOWN_STATUS} (a status this code does not know, named).
 */
public interface FeClient extends AutoCloseable {
    /** The cluster token target BEs present to source BEs when they pull snapshot files. */
    Secret getMasterToken();

    BinlogFetch getBinlog(BinlogScope scope, long prevCommitSeq, int numAcquired);

    BinlogLagInfo getBinlogLag(BinlogScope scope, long prevCommitSeq);

    BeginTxnResult beginTxn(String database, List<Long> tableIds, String label, Duration timeout);

    /** Commits; a commit that is done but not yet visible (PUBLISH_TIMEOUT) counts as success. */
    void commitTxn(String database, long txnId, List<TabletCommit> commits);

    void rollbackTxn(String database, long txnId, String reason);

    /** A local snapshot taken by BACKUP SNAPSHOT (label), optionally gzipped by the FE. */
    SnapshotData getSnapshot(String database, String table, String label, boolean compress);

    void restoreSnapshot(RestoreRequest request);

    /** Partitions, indexes, tablets and replicas of the given tables (all tables when empty). */
    DbMeta getMeta(String database, long dbId, List<Long> tableIds);

    List<BackendInfo> getBackends();

    @Override
    void close();
}
