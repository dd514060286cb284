/**
 * {@code /metrics}: the per-job series fed by the runners ({@link
 * dev.dorisccr.engine.internal.metrics.JobMetrics}, a {@code JobListener}), the lag measured in the
 * background ({@link dev.dorisccr.server.metrics.LagPoller}), store write latency ({@link
 * dev.dorisccr.engine.internal.metrics.MeteredMetadataStore}), the Go syncer's names ({@link
 * dev.dorisccr.server.metrics.GoCompatCollector}) and the JVM, in one Prometheus registry.
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics(clock);
 * CcrEngine engine = CcrEngine.builder().store(new MeteredMetadataStore(store, metrics.registry()))
 *         .listener(metrics.jobs()).build();
 * new LagPoller(metrics.jobs(), engine.jobs()::lag, scheduler, LagPoller.DEFAULT_INTERVAL).start();
 * String text = metrics.scrape();
 * }</pre>
 */
package dev.dorisccr.server.metrics;
