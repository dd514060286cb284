package dev.dorisccr.server.metrics;

import dev.dorisccr.engine.internal.metrics.JobMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;

/**
 * The syncer's metrics: one Prometheus registry with the JVM and process binders, the per-job
 * {@link JobMetrics} (a {@code JobListener} for the {@code Syncer}) and the Go syncer's gauges
 * ({@link GoCompatCollector}). {@link #scrape()} is the text of {@code /metrics}.
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics(Clock.systemUTC());
 * CcrEngine engine = CcrEngine.builder().store(new MeteredMetadataStore(store, metrics.registry()))
 *         .listener(metrics.jobs()).build();
 * }</pre>
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JobMetrics jobs;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics(InstantSource clock) {
        jobs = new JobMetrics(registry, clock);
        registry.getPrometheusRegistry().register(new GoCompatCollector(jobs));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The listener to give the engine; the engine's lag round feeds its lag gauges too. */
    public JobMetrics jobs() {
        return jobs;
    }

    /** Prometheus text format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
