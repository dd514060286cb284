package dev.dorisccr.server.metrics;

import static java.util.Objects.requireNonNull;


import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.engine.internal.metrics.JobMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The Go syncer's per-job gauges under its names (its {@code xmetrics} registry and {@code
 * JobCollector}), read from {@link JobMetrics}, so its Grafana dashboard keeps working. They are a
 * collector of their own because two of the names end in {@code _total}, which Micrometer strips
 * from gauges.
 *
 * <ul>
 *   <li>{@code ccr_job_running_total}: jobs running here (not paused);
 *   <li>{@code ccr_job_running_sync_state{name}}: the progress's sync state number (e.g. 500 for
 *       TableFullSync);
 *   <li>{@code ccr_job_running_sub_sync_state{name}}: the step number inside it (-1 for Done);
 *   <li>{@code ccr_job_running_lag_total{name}}, {@code ccr_job_running_lag_seconds{name}}: the lag,
 *       once measured;
 *   <li>{@code ccr_binlog_commit_seq{name}}: the commit seq the job handles (progress {@code commit_seq}).
 * </ul>
 */
final class GoCompatCollector implements MultiCollector {
    private final JobMetrics metrics;

    GoCompatCollector(JobMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, JobMetrics.JobGauges> jobs = metrics.jobs();
        long running = jobs.values().stream().filter(g -> g.state() != ObservedState.PAUSED).count();
        List<GaugeSnapshot> out = new ArrayList<>();
        out.add(GaugeSnapshot.builder().name("ccr_job_running_total").help("The number of running jobs")
                .dataPoint(GaugeDataPointSnapshot.builder().value(running).build()).build());
        out.add(perJob(jobs, "ccr_job_running_sync_state", "The sync state of running jobs", true, g -> g.syncState()));
        out.add(perJob(jobs, "ccr_job_running_sub_sync_state", "The sub sync state of running jobs", true,
                g -> g.subSyncState()));
        out.add(perJob(jobs, "ccr_job_running_lag_total", "The lag of running jobs", false, g -> g.lagBinlogs()));
        out.add(perJob(jobs, "ccr_job_running_lag_seconds", "The lag of running jobs in seconds", false,
                g -> g.lagSeconds()));
        out.add(perJob(jobs, "ccr_binlog_commit_seq", "The commit seq of the last binlog", true,
                g -> g.handlingSeq()));
        return new MetricSnapshots(new ArrayList<>(out));
    }

    /** One gauge family; a job is left out until the value is known (never a made-up 0). */
    private static GaugeSnapshot perJob(Map<String, JobMetrics.JobGauges> jobs, String name, String help,
            boolean fromProgress, ToDoubleFunction<JobMetrics.JobGauges> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        jobs.forEach((job, g) -> {
            double v = value.applyAsDouble(g);
            if (fromProgress ? g.progressKnown() : !Double.isNaN(v)) {
                b.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("name", job)).value(v).build());
            }
        });
        return b.build();
    }
}
