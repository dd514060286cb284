package dev.dorisccr.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StoreValuesTest {
    private static final Instant T = Instant.parse("2026-11-23T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:9190", "syncer-a.example.com:1", "[::1]:65535", "h:8080", "host:0",
        "embedded-4242-1a2b3c4d.build-host:0"})
    void validAddresses(String address) {
        assertThat(StoreNames.requireAddress(address)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", ":9190", "host:65536", "host:12a", "ho st:1", "h:123456"})
    void invalidAddresses(String address) {
        assertThatThrownBy(() -> StoreNames.requireAddress(address))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void jobNames() {
        assertThat(StoreNames.requireJobName("db1_sync")).isEqualTo("db1_sync");
        int max = StoreNames.MAX_JOB_NAME_LENGTH;
        assertThat(StoreNames.requireJobName("x".repeat(max))).hasSize(max);
        for (String bad : new String[] {"", "  ", "x".repeat(max + 1), "a\tb"}) {
            assertThatThrownBy(() -> StoreNames.requireJobName(bad)).isInstanceOf(CcrException.class);
        }
    }

    @Test
    void leaseExpiryIsExclusive() {
        JobLease lease = new JobLease("j", "h:1", 3, T);
        assertThat(lease.isExpiredAt(T.minusMillis(1))).isFalse();
        assertThat(lease.isExpiredAt(T)).isTrue();
        assertThatThrownBy(() -> new JobLease("j", "h:1", 0, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syncerLiveness() {
        SyncerInfo s = new SyncerInfo("h:1", T);
        assertThat(s.isAliveAt(T.plusSeconds(14), Duration.ofSeconds(15))).isTrue();
        assertThat(s.isAliveAt(T.plusSeconds(15), Duration.ofSeconds(15))).isFalse();
    }

    @Test
    void jobRecordCopiesSecretsAndHidesThemInToString() {
        Map<String, Secret> secrets = new HashMap<>(Map.of("pw", Secret.of("hunter2")));
        JobRecord r = new JobRecord("j", "{\"a\":1}", DesiredState.RUNNING, secrets, 1, T, T);
        secrets.clear();
        assertThat(r.secrets()).containsOnlyKeys("pw");
        assertThat(r.toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> new JobRecord("j", "{}", DesiredState.RUNNING, Map.of(), 0, T, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProgressRecord("j", "{}", 1, T).toString()).contains("fencingToken=1");
    }
}
