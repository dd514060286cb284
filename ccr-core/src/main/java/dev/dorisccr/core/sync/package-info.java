/**
 * The engine's side effects: {@link dev.dorisccr.core.sync.DorisCommandExecutor} carries the job
 * machine's commands out over the FE/BE/SQL clients of a job's clusters; the jobs of a syncer
 * share one {@link dev.dorisccr.core.sync.IngestLimits} (ingest calls per target BE and in all)
 * and one {@link dev.dorisccr.core.sync.LookaheadPool} (the threads that begin and ingest upserts
 * ahead of their turn; a job short of one applies without lookahead).
 *
 * <pre>{@code
 * LookaheadPool lookahead = new LookaheadPool(LookaheadPool.DEFAULT_THREADS); // one per syncer, closed after its jobs
 * CommandExecutor exec = new DorisCommandExecutor(spec, connector, srcFe, destFe, srcSql, destSql,
 *         ingestPool, IngestLimits.defaults(), lookahead, Duration.ofMinutes(5), InstantSource.system());
 * JobEvent answer = exec.execute(command);
 * }</pre>
 */
package dev.dorisccr.core.sync;
