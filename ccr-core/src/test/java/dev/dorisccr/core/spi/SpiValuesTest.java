package dev.dorisccr.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiValuesTest {
    @Test
    void secretNeverPrintsItsValue() {
        ClusterSpec spec = ClusterSpec.of("fe1", 9030, 9020, "root", "hunter2");
        assertThat(spec.toString()).doesNotContain("hunter2").contains("[REDACTED]");
        assertThat(spec.password().reveal()).isEqualTo("hunter2");
    }

    @Test
    void hostMappingMapsAndRemoves() {
        HostMapping m = HostMapping.none().with(Map.of("10.0.0.1", "be1.example"));
        assertThat(m.map("10.0.0.1")).isEqualTo("be1.example");
        assertThat(m.map("10.0.0.2")).isEqualTo("10.0.0.2");
        Map<String, String> removal = new HashMap<>();
        removal.put("10.0.0.1", "");
        assertThat(m.with(removal).map("10.0.0.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void clusterSpecRejectsBadPorts() {
        assertThatThrownBy(() -> ClusterSpec.of("fe", 0, 9020, "u", "")).hasMessageContaining("port");
        assertThatThrownBy(() -> ClusterSpec.of("fe", 9030, 70000, "u", "")).hasMessageContaining("thriftPort");
        assertThatThrownBy(() -> ClusterSpec.of(" ", 9030, 9020, "u", "")).hasMessageContaining("host");
    }
}
