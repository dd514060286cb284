/**
 * {@code /metrics}: the per-job series fed by the runners ({@link
 * dev.dorisccr.engine.internal.metrics.JobMetrics}, a {@code JobListener}, its lag gauges fed by the
 * engine's lag round and shared lag sample), store write latency ({@link
 * dev.dorisccr.engine.internal.metrics.MeteredMetadataStore}), the Go syncer's names ({@link
 * dev.dorisccr.server.metrics.GoCompatCollector}) and the JVM, in one Prometheus registry.
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics(clock);
 * CcrEngine engine = CcrEngine.builder().store(new MeteredMetadataStore(store, metrics.registry()))
 *         .listener(metrics.jobs()).build();
 * String text = metrics.scrape();
 * }</pre>
 */
package dev.dorisccr.server.metrics;
