package dev.dorisccr.engine.internal.metrics;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.ForwardingMetadataStore;
import dev.dorisccr.core.spi.MetadataStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A {@link MetadataStore} that times its writes: {@code ccr_store_write_seconds{op, outcome}} for
 * every write, and the Go syncer's {@code ccr_job_progress_persist_total{name}} and {@code
 * ccr_job_progress_persist_duration_seconds{name}} for progress writes. Reads go straight through.
 * A {@link ForwardingMetadataStore}: one hook for every call.
 */
public final class MeteredMetadataStore extends ForwardingMetadataStore {
    /** Buckets of the Go syncer's progress persist histogram ({@code prometheus.DefBuckets}). */
    private static final Duration[] GO_DEFAULT_BUCKETS = java.util.stream.DoubleStream
            .of(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10)
            .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);

    private final MeterRegistry registry;

    public MeteredMetadataStore(MetadataStore delegate, MeterRegistry registry) {
        super(delegate);
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** The {@code op} tag of a write, as the server has always named it; null for a read. */
    private static String metricName(Operation op) {
        return switch (op) {
            case JOBS_CREATE -> "job_create";
            case JOBS_UPDATE -> "job_update";
            case JOBS_DELETE -> "job_delete";
            case PROGRESS_PUT -> "progress_put";
            case LEASES_HEARTBEAT -> "heartbeat";
            case LEASES_REMOVE_SYNCERS -> "syncers_remove";
            case LEASES_TRY_ACQUIRE -> "lease_acquire";
            case LEASES_RENEW -> "lease_renew";
            case LEASES_RENEW_ALL -> "lease_renew_all";
            case PROGRESS_PRUNE_JOURNAL -> "journal_prune";
            case LEASES_RELEASE -> "lease_release";
            case JOBS_GET, JOBS_LIST, JOBS_DESIRED_STATES, PROGRESS_GET, LEASES_SYNCERS, LEASES_LEASES,
                    LEASES_EXPIRED, LEASES_OWNER_ADDRESS, PROGRESS_KEEPS_JOURNAL, PROGRESS_JOURNAL, CLOSE -> null;
        };
    }

    @Override
    protected <T> T around(Operation op, String subject, Supplier<T> call) {
        String name = metricName(op);
        if (name == null) {
            return call.get();
        }
        if (op != Operation.PROGRESS_PUT) {
            return timed(name, call);
        }
        Timer.Sample sample = Timer.start(registry);
        try {
            return timed(name, call);
        } finally {
            sample.stop(Timer.builder("ccr.job.progress.persist.duration")
                    .description("The job progress persist duration in seconds (Go syncer name)")
                    .tag("name", subject).serviceLevelObjectives(GO_DEFAULT_BUCKETS).register(registry));
            Counter.builder("ccr.job.progress.persist").description("The number of job progress persist (Go syncer name)")
                    .tag("name", subject).register(registry).increment();
        }
    }

    private <T> T timed(String op, Supplier<T> write) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = write.get();
            outcome = "ok";
            return result;
        } finally {
            sample.stop(Timer.builder("ccr.store.write").description("metadata store writes")
                    .tag("op", op).tag("outcome", outcome).serviceLevelObjectives(GO_DEFAULT_BUCKETS)
                    .register(registry));
        }
    }
}
