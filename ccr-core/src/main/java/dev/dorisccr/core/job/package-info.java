/**
 * The job model an embedder uses: what a job replicates ({@link dev.dorisccr.core.job.JobSpec},
 * {@link dev.dorisccr.core.job.JobEndpoint}, {@link dev.dorisccr.core.job.JobOptions}), what has
 * been done ({@link dev.dorisccr.core.job.SyncProgress}, {@link dev.dorisccr.core.job.ObservedStatus})
 * and {@link dev.dorisccr.core.job.JobListener}, which lets metrics and embedders observe what the
 * runners do. Public API (docs/embedding.md, section 8): every public type here is in the front
 * door's documented closure. The job machine and runner that move these values are the
 * implementation ({@code dev.dorisccr.core.machine}, not exported).
 *
 * <pre>{@code
 * ClusterSpec src = ClusterSpec.of("src-fe", 9030, 9020, "root", "secret");
 * ClusterSpec dst = ClusterSpec.of("dst-fe", 9030, 9020, "root", "secret");
 * JobSpec spec = new JobSpec("shop_job", new JobEndpoint(src, "shop", ""), new JobEndpoint(dst, "shop", ""),
 *         JobOptions.DEFAULTS);
 * engine.create(spec);
 * }</pre>
 */
package dev.dorisccr.core.job;
