/**
 * The operations an engine offers on its jobs ({@link dev.dorisccr.core.syncer.JobService}, as the
 * HTTP API and embedding programs call them) and their results ({@link
 * dev.dorisccr.core.syncer.JobStatus}, {@link dev.dorisccr.core.syncer.JobLag}, ...). Public API
 * (docs/embedding.md, section 8); the implementation ({@code Syncer}) is in {@code
 * dev.dorisccr.core.service}, not exported.
 *
 * <pre>{@code
 * JobService jobs = engine.jobs();
 * jobs.pause("ccr_test");
 * JobLag lag = jobs.lag("ccr_test");
 * }</pre>
 */
package dev.dorisccr.core.syncer;
