package dev.dorisccr.server.config;

/**
 * How the jobs apply to the target, and the limits shared by all jobs.
 *
 * @param pipelineDepth most upserts of a job in flight at once (1: one at a time)
 * @param maxIngestConcurrencyPerBackend in-flight ingest calls per target BE, over all jobs
 * @param maxIngestConcurrency in-flight ingest calls in all, over all jobs and BEs
 * @param maxSqlConnectionsPerCluster SQL connections per FE endpoint and credentials, shared by all jobs
 * @param lookaheadThreads threads every job shares to begin and ingest upserts ahead of their turn
 * @param parallelTableCommits an upsert begun ahead may also commit ahead of its turn when no earlier
 *     upsert of its job not committed yet shares a table (off by default: commits in commit seq order)
 */
public record ApplySettings(int pipelineDepth, int maxIngestConcurrencyPerBackend, int maxIngestConcurrency,
        int maxSqlConnectionsPerCluster, int lookaheadThreads, boolean parallelTableCommits) {
    /**
     * Depth 8 (docs/engine.md, "Why depth 8"); 48 ingests per BE, 256 in all; 16 SQL connections per cluster; 32 lookahead threads;
     * commits one at a time.
     */
    public static final ApplySettings DEFAULTS = new ApplySettings(
            dev.dorisccr.core.machine.JobMachine.Config.PIPELINE_DEPTH, 48, 256, 16,
            dev.dorisccr.core.sync.LookaheadPool.DEFAULT_THREADS, false);

    /** As the canonical constructor, commits one at a time. */
    public ApplySettings(int pipelineDepth, int maxIngestConcurrencyPerBackend, int maxIngestConcurrency,
            int maxSqlConnectionsPerCluster, int lookaheadThreads) {
        this(pipelineDepth, maxIngestConcurrencyPerBackend, maxIngestConcurrency, maxSqlConnectionsPerCluster,
                lookaheadThreads, false);
    }

    public ApplySettings {
        if (pipelineDepth < 1) {
            throw new IllegalArgumentException("pipelineDepth < 1");
        }
        if (maxIngestConcurrencyPerBackend < 1) {
            throw new IllegalArgumentException("maxIngestConcurrencyPerBackend < 1");
        }
        if (maxIngestConcurrency < 1) {
            throw new IllegalArgumentException("maxIngestConcurrency < 1");
        }
        if (maxSqlConnectionsPerCluster < 1) {
            throw new IllegalArgumentException("maxSqlConnectionsPerCluster < 1");
        }
        if (lookaheadThreads < 1) {
            throw new IllegalArgumentException("lookaheadThreads < 1");
        }
    }
}
