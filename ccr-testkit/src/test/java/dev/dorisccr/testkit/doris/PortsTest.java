package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void portsComeFromBelowTheEphemeralRange() {
        // a restarted simulated process must not compete with outgoing connections for its port
        int low = Ports.ephemeralLow();
        assertThat(low).isBetween(1024, 65_535);
        for (int i = 0; i < 20; i++) {
            assertThat(Ports.pick()).isBetween(10_000, low - 1);
        }
    }
}
