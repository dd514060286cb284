/**
 * The job model: what a job replicates ({@link dev.dorisccr.core.job.JobSpec}), what the operator
 * wants ({@link dev.dorisccr.core.spi.DesiredState}) and what has been done ({@link
 * dev.dorisccr.core.job.SyncProgress}), with the Go syncer's JSON forms. {@link
 * dev.dorisccr.core.job.JobListener} lets metrics and embedders observe what the runners do.
 *
 * <pre>{@code
 * JobSpec spec = JobSpecJson.parseCreateRequest(body);          // /create_ccr body
 * SyncProgress p = SyncProgress.initial(spec.name(), spec.syncType(), now);
 * String stored = SyncProgressJson.write(p.startHandle(42));    // progresses.progress
 * }</pre>
 */
package dev.dorisccr.core.job;
