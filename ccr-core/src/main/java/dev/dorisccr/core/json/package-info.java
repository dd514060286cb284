/**
 * The Go syncer's JSON forms of the job model (implementation, not exported: docs/embedding.md,
 * section 8): the {@code /create_ccr} body and the stored job ({@link
 * dev.dorisccr.core.json.JobSpecJson}), {@code progresses.progress} ({@link
 * dev.dorisccr.core.json.SyncProgressJson}) and the observed status ({@link
 * dev.dorisccr.core.json.ObservedStatusJson}), same keys and numbers.
 *
 * <pre>{@code
 * JobSpec spec = JobSpecJson.parseCreateRequest(body);          // /create_ccr body
 * SyncProgress p = SyncProgress.initial(spec.name(), spec.syncType(), now);
 * String stored = SyncProgressJson.write(p.startHandle(42));    // progresses.progress
 * }</pre>
 */
package dev.dorisccr.core.json;
