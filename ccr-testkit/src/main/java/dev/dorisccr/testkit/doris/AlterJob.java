package dev.dorisccr.testkit.doris;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alter job of the FE (Doris {@code AlterJobV2}): a schema change that rewrites indexes into
 * shadow indexes, or a rollup / sync materialized view build. It goes PENDING -> WAITING_TXN ->
 * RUNNING -> FINISHED (or CANCELLED); {@code apply} changes the catalog when it finishes. Guarded
 * by the cluster lock.
 */
final class AlterJob {
    /** AlterJobV2.JobType. */
    enum Type { SCHEMA_CHANGE, ROLLUP }

    /** One shadow index of a schema change: the row SHOW ALTER TABLE COLUMN prints for it. */
    record Shadow(long shadowId, long originId, String indexName, int schemaVersion) {}

    final long id;
    final Type type;
    final SimDatabase db;
    final SimTable table;
    final String rawSql;
    final long createMs;
    final long timeoutSeconds = 86_400; // fe.conf alter_table_timeout_second
    final List<Shadow> shadows;
    /** Rollup jobs: the new index and its base. */
    final SimIndex rollup;
    final Runnable apply;
    String state = "PENDING";
    String msg = "";
    long finishMs = -1;
    long watershedTxnId = -1;

    AlterJob(long id, Type type, SimDatabase db, SimTable table, String rawSql, long createMs, List<Shadow> shadows,
            SimIndex rollup, Runnable apply) {
        this.id = id;
        this.type = type;
        this.db = db;
        this.table = table;
        this.rawSql = rawSql;
        this.createMs = createMs;
        this.shadows = List.copyOf(shadows);
        this.rollup = rollup;
        this.apply = apply;
    }

    boolean done() {
        return state.equals("FINISHED") || state.equals("CANCELLED");
    }

    /** The {@code iim} of the ALTER_JOB record: shadow index id -> origin index id. */
    Map<Long, Long> shadowToOrigin() {
        Map<Long, Long> m = new LinkedHashMap<>();
        shadows.forEach(s -> m.put(s.shadowId(), s.originId()));
        return m;
    }
}
