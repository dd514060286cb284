package dev.dorisccr.engine.internal.metrics;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.service.BinlogWatcher.ProbeState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds the engine to a Micrometer registry: the per-job meters ({@link JobMetrics}) and the timed
 * store ({@link MeteredMetadataStore}). The only engine class that touches Micrometer when a
 * registry is given, so the engine runs without Micrometer otherwise.
 */
public final class MicrometerBinding {
    private MicrometerBinding() {}

    /** The listener to add and the store to use instead of {@code store}. */
    public record Bound(JobListener listener, MetadataStore store) {}

    public static Bound bind(MeterRegistry registry, MetadataStore store, InstantSource clock) {
        return new Bound(new JobMetrics(registry, clock), new MeteredMetadataStore(store, registry));
    }

    /**
     * The shared binlog probes, summed over the source clusters, read from {@code probes} at each
     * scrape (no Doris or store call): jobs woken by a probe, clusters whose probe is not in use
     * (their jobs poll on their own), successful and failed reads.
     */
    public static void bindProbes(MeterRegistry registry, Supplier<List<ProbeState>> probes) {
        Gauge.builder("ccr.binlog.probe.served.jobs", probes,
                        sum(p -> p.served() ? p.jobs() : 0))
                .description("jobs woken by a shared binlog probe (the others poll on their own)").register(registry);
        Gauge.builder("ccr.binlog.probe.unserved.clusters", probes, sum(p -> p.served() ? 0 : 1))
                .description("source clusters whose binlog probe is not in use (failed, or not read yet)")
                .register(registry);
        FunctionCounter.builder("ccr.binlog.probe.reads", probes, sum(ProbeState::samples))
                .description("successful SHOW PROC '/binlog' reads of the shared probes").register(registry);
        FunctionCounter.builder("ccr.binlog.probe.failures", probes, sum(ProbeState::failures))
                .description("failed SHOW PROC '/binlog' reads of the shared probes").register(registry);
    }

    private static ToDoubleFunction<Supplier<List<ProbeState>>> sum(ToDoubleFunction<ProbeState> f) {
        return s -> s.get().stream().mapToDouble(f).sum();
    }
}
