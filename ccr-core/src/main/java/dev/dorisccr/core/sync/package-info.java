/**
 * The engine's side effects: {@link dev.dorisccr.core.sync.DorisCommandExecutor} carries the job
 * machine's commands out over the FE/BE/SQL clients of a job's clusters; the jobs of a syncer
 * share one {@link dev.dorisccr.core.sync.IngestLimits} (ingest calls per target BE and in all).
 *
 * <pre>{@code
 * CommandExecutor exec = new DorisCommandExecutor(spec, connector, srcFe, destFe, srcSql, destSql,
 *         ingestPool, IngestLimits.defaults(), Duration.ofMinutes(5), InstantSource.system());
 * JobEvent answer = exec.execute(command);
 * }</pre>
 */
package dev.dorisccr.core.sync;
