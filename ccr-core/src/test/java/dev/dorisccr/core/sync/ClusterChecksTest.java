package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.syncer.PreflightReport.Check;
import dev.dorisccr.core.syncer.PreflightReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Passed cluster checks kept per cluster and credentials, for a time to live, only when all OK. */
class ClusterChecksTest {
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final ClusterChecks kept = new ClusterChecks(clock, Duration.ofSeconds(10));
    private final ClusterSpec fe = ClusterSpec.of("fe", 9030, 9020, "root", "pw");
    private final int[] version = {2, 1, 7};

    private static List<Check> all(Outcome backends) {
        List<Check> c = new ArrayList<>();
        for (String n : List.of("sql", "thrift", "backends", "version", "enable_feature_binlog")) {
            c.add(new Check(n, n.equals("backends") ? backends : Outcome.OK, n));
        }
        return c;
    }

    @Test
    void passedChecksAnswerForTheSameClusterAndCredentialsWithinTheTimeToLive() {
        kept.put(fe, all(Outcome.OK), version);
        assertThat(kept.get(fe)).hasValueSatisfying(p -> assertThat(p.version()).containsExactly(2, 1, 7));
        assertThat(kept.get(ClusterSpec.of("fe", 9030, 9020, "root", "other"))).as("another password").isEmpty();
        assertThat(kept.get(ClusterSpec.of("fe", 9030, 9020, "admin", "pw"))).as("another user").isEmpty();
        assertThat(kept.get(ClusterSpec.of("fe", 9031, 9020, "root", "pw"))).as("another port").isEmpty();
        now = now.plusSeconds(9);
        assertThat(kept.get(fe)).isPresent();
        now = now.plusSeconds(1);
        assertThat(kept.get(fe)).as("after the time to live: checked again").isEmpty();
    }

    @Test
    void aWarningAFailureOrAMissingCheckIsNeverKeptAndForgetsThePassedOnes() {
        kept.put(fe, all(Outcome.OK), version);
        kept.put(fe, all(Outcome.WARNING), version);
        assertThat(kept.get(fe)).as("a warning: checked again next time").isEmpty();
        kept.put(fe, all(Outcome.FAILED), version);
        assertThat(kept.get(fe)).isEmpty();
        kept.put(fe, all(Outcome.OK).subList(0, 4), version);
        assertThat(kept.get(fe)).as("not every check ran").isEmpty();
        kept.put(fe, all(Outcome.OK), null);
        assertThat(kept.get(fe)).as("no version read").isEmpty();
    }
}
