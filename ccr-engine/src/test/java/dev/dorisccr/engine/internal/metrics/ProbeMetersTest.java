package dev.dorisccr.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.service.BinlogWatcher.ProbeState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared binlog probes' meters follow the probes' states at each read, summed over clusters. */
class ProbeMetersTest {
    @Test
    void servedJobsUnservedClustersReadsAndFailuresAreSummedAtEachRead() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<ProbeState> states = new ArrayList<>();
        MicrometerBinding.bindProbes(registry, () -> List.copyOf(states));

        assertThat(registry.get("ccr.binlog.probe.served.jobs").gauge().value()).isZero();
        states.add(new ProbeState("10.0.0.1:9030/root", true, "", 600, 40, 1, 1000));
        states.add(new ProbeState("10.0.0.2:9030/root", false, "no ADMIN", 400, 2, 3, 900));

        assertThat(registry.get("ccr.binlog.probe.served.jobs").gauge().value()).isEqualTo(600);
        assertThat(registry.get("ccr.binlog.probe.unserved.clusters").gauge().value()).isEqualTo(1);
        assertThat(registry.get("ccr.binlog.probe.reads").functionCounter().count()).isEqualTo(42);
        assertThat(registry.get("ccr.binlog.probe.failures").functionCounter().count()).isEqualTo(4);
    }
}
