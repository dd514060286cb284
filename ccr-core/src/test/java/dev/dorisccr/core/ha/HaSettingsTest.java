package dev.dorisccr.core.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaSettingsTest {
    @Test
    void derivedTimes() {
        HaSettings s = HaSettings.defaults();
        assertThat(s.leaseTtl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.tickInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.forgetAfter()).isEqualTo(Duration.ofSeconds(150));
        // A takeover happens at most one tick after expiry: within two lease periods.
        assertThat(s.leaseTtl().plus(s.tickInterval())).isLessThan(s.leaseTtl().multipliedBy(2));
    }

    @Test
    void outOfRangeTtlFails() {
        assertThatThrownBy(() -> new HaSettings(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HaSettings(Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fairShareGivesTheRemainderToTheFirstSyncers() {
        List<String> live = List.of("a:1", "b:1", "c:1");
        assertThat(JobLeaseManager.fairShare(7, live, "a:1")).isEqualTo(3);
        assertThat(JobLeaseManager.fairShare(7, live, "b:1")).isEqualTo(2);
        assertThat(JobLeaseManager.fairShare(7, live, "c:1")).isEqualTo(2);
        assertThat(JobLeaseManager.fairShare(2, live, "c:1")).isZero();
        assertThat(JobLeaseManager.fairShare(0, live, "a:1")).isZero();
        int total = 0;
        for (String s : live) {
            total += JobLeaseManager.fairShare(100, live, s);
        }
        assertThat(total).isEqualTo(100);
    }
}
