package dev.dorisccr.engine.internal.metrics;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.spi.MetadataStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;

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
}
