package dev.dorisccr.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The delay functions of {@link JobMachine.Config}: pure, table-tested. */
class PacingTest {
    private static final JobMachine.Config ADAPTIVE = JobMachine.Config.DEFAULTS;
    private static final JobMachine.Config FIXED = JobMachine.Config.DEFAULTS.fixed();

    static Stream<Arguments> idleDelays() {
        return Stream.of(
                Arguments.of(1, 100), // first empty fetch after activity
                Arguments.of(20, 100), // last fast one (fastPolls = 20)
                Arguments.of(21, 200),
                Arguments.of(22, 400),
                Arguments.of(23, 800),
                Arguments.of(24, 1600),
                Arguments.of(25, 3000), // capped at idleInterval
                Arguments.of(1000, 3000),
                Arguments.of(JobMachine.Pacing.IDLE.emptyFetches() + 1, 3000)); // resumed job: idle
    }

    @ParameterizedTest
    @MethodSource("idleDelays")
    void idleDelayIsFastAfterActivityThenDoublesToIdleInterval(long emptyFetches, long expectedMs) {
        assertThat(ADAPTIVE.idleDelay(emptyFetches)).isEqualTo(Duration.ofMillis(expectedMs));
    }

    static Stream<Arguments> statusPollDelays() {
        return Stream.of(
                Arguments.of(0, 100), // just started: the floor
                Arguments.of(500, 100),
                Arguments.of(1_000, 100),
                Arguments.of(1_500, 150), // a tenth of the elapsed time
                Arguments.of(10_000, 1_000),
                Arguments.of(29_990, 2_999),
                Arguments.of(30_000, 3_000), // capped at pollInterval
                Arguments.of(3_600_000, 3_000),
                Arguments.of(-5, 100)); // a clock step back
    }

    @ParameterizedTest
    @MethodSource("statusPollDelays")
    void statusPollDelayIsATenthOfTheElapsedTimeBetweenFloorAndPollInterval(long elapsedMs, long expectedMs) {
        assertThat(ADAPTIVE.statusPollDelay(Duration.ofMillis(elapsedMs))).isEqualTo(Duration.ofMillis(expectedMs));
    }

    @Test
    void fixedPacingIsTheOldOne() {
        for (long k : new long[] {1, 2, 20, 21, 500}) {
            assertThat(FIXED.idleDelay(k)).isEqualTo(Duration.ofSeconds(3));
        }
        for (long ms : new long[] {0, 1_000, 60_000}) {
            assertThat(FIXED.statusPollDelay(Duration.ofMillis(ms))).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void theSixArgumentConstructorGetsTheAdaptiveDefaults() {
        JobMachine.Config c = new JobMachine.Config(7, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofHours(24));
        assertThat(c.fastPollInterval()).isEqualTo(JobMachine.Config.FAST_POLL_INTERVAL);
        assertThat(c.fastPolls()).isEqualTo(JobMachine.Config.FAST_POLLS);
        assertThat(c.withBatchSize(100)).isEqualTo(JobMachine.Config.DEFAULTS);
    }

    @Test
    void aFastIntervalAboveTheIdleIntervalNeverWaitsLonger() {
        JobMachine.Config c = new JobMachine.Config(1, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(2), 3);
        assertThat(c.idleDelay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.idleDelay(10)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.statusPollDelay(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void badPacingFails() {
        assertThatThrownBy(() -> new JobMachine.Config(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fastPollInterval");
        assertThatThrownBy(() -> new JobMachine.Config(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMillis(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fastPolls");
    }

    @Test
    void pacingMeasuresTheWaitFinerThanSeconds() {
        JobMachine.Pacing p = JobMachine.Pacing.IDLE.waiting(100, Duration.ofMillis(100)).waiting(100,
                Duration.ofMillis(100));
        assertThat(p.waited(100)).as("two 100 ms waits within the same second").isEqualTo(Duration.ofMillis(200));
        assertThat(p.waited(105)).as("the clock knows better").isEqualTo(Duration.ofSeconds(5));
        assertThat(p.waitOver().waited(105)).isEqualTo(Duration.ZERO);
    }
}
