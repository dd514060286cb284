/**
 * The status page, {@code /view}: a {@link dev.dorisccr.server.view.StatusSampler} samples every
 * job on a scheduler at a fixed interval (status, progress, one lag call) and keeps a bounded lag
 * ring and event log per job; {@link dev.dorisccr.server.view.StatusPageHandler} renders its last
 * snapshot as HTML (inline CSS and SVG, no script), a text table, tab-separated text or JSON.
 *
 * <pre>{@code
 * StatusSampler sampler = new StatusSampler(syncer, scheduler, Clock.systemUTC());
 * sampler.start();
 * ApiHandler api = new ApiHandler(endpoints,
 *         new StatusPageHandler(sampler, Clock.systemUTC(), ZoneId.systemDefault(), "host:9190", version));
 * }</pre>
 */
package dev.dorisccr.server.view;
