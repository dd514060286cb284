package dev.dorisccr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerMetricsTest {
    @TempDir Path dir;

    @Test
    void theListenerCountsWhatTheJobDid() throws Exception {
        MetricsListener m = ListenerMetrics.run(dir, Duration.ofSeconds(90));

        assertThat(m.value("example_syncs_started_total{job=\"app_job\",kind=\"full\"}")).isEqualTo(1);
        // three inserts after the copy: three binlogs, three target txns
        assertThat(m.value("example_binlogs_applied_total{job=\"app_job\"}")).isEqualTo(3);
        assertThat(m.value("example_txns_total{job=\"app_job\",outcome=\"committed\"}")).isEqualTo(3);
        assertThat(m.value("example_caught_up_at_seconds{job=\"app_job\"}")).isPositive();
        assertThat(m.scrape()).contains("example_job_state{job=\"app_job\"}");
    }
}
