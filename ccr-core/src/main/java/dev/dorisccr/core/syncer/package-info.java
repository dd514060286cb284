/**
 * The operations a syncer offers on its jobs ({@link dev.dorisccr.core.syncer.JobService}), as the
 * HTTP API and embedding programs call them.
 *
 * <pre>{@code
 * JobService jobs = ...;                 // the engine
 * jobs.create(JobSpecJson.parseCreateRequest(body));
 * JobLag lag = jobs.lag("ccr_test");
 * }</pre>
 */
package dev.dorisccr.core.syncer;
