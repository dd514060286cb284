/**
 * {@code /metrics}: the per-job series fed by the runners ({@link
 * dev.dorisccr.server.metrics.JobMetrics}, a {@code JobListener}), the lag measured in the
 * background ({@link dev.dorisccr.server.metrics.LagPoller}), store write latency ({@link
 * dev.dorisccr.server.metrics.MeteredMetadataStore}), the Go syncer's names ({@link
 * dev.dorisccr.server.metrics.GoCompatCollector}) and the JVM, in one Prometheus registry.
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics(clock);
 * Syncer syncer = new Syncer(new MeteredMetadataStore(store, metrics.registry()), clusters, scheduler,
 *         clock, self, ha, config, metrics.jobs());
 * new LagPoller(metrics.jobs(), syncer::lag, scheduler, LagPoller.DEFAULT_INTERVAL).start();
 * String text = metrics.scrape();
 * }</pre>
 */
package dev.dorisccr.server.metrics;
