package dev.dorisccr.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.service.JournalPruner;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.syncer.JournalRetention;
import dev.dorisccr.testkit.store.InMemoryMetadataStore;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journal is pruned by age and count on a schedule of its own, one store call per round. */
class JournalRetentionTest {
    private final ManualScheduler time = new ManualScheduler();
    private final InMemoryMetadataStore store = new InMemoryMetadataStore(time);

    private void write(JobLease lease, long seq) {
        store.progress().put("j", "{}", lease.token(), List.of(new JournalEntry("j", seq, "UPSERT", List.of("t"),
                JournalOutcome.APPLIED, "", 1, "", -1, "", time.instant())));
    }

    @Test
    void roundsRemoveWhatIsTooOldOrTooManyAndNothingBeforeTheFirstInterval() {
        store.jobs().create("j", "{}", DesiredState.RUNNING, Map.of());
        JobLease lease = store.leases().tryAcquire("j", "127.0.0.1:1", time.instant(), Duration.ofMinutes(1))
                .orElseThrow();
        for (long seq = 1; seq <= 5; seq++) {
            write(lease, seq);
        }
        JournalPruner r = new JournalPruner(store, time, time,
                new JournalRetention.Settings(Duration.ofHours(1), 3, Duration.ofMinutes(10)));
        r.start();
        time.runFor(Duration.ofMinutes(9));
        assertThat(store.progress().journal(JournalQuery.latest("j"))).hasSize(5);
        time.runFor(Duration.ofMinutes(2)); // the first round: by count
        assertThat(store.progress().journal(JournalQuery.latest("j"))).extracting(JournalEntry::commitSeq)
                .containsExactly(5L, 4L, 3L);
        write(lease, 6);
        time.runFor(Duration.ofMinutes(60)); // entries 3..5 are now over an hour old, 6 is not
        assertThat(store.progress().journal(JournalQuery.latest("j"))).extracting(JournalEntry::commitSeq)
                .containsExactly(6L);
        r.close();
        assertThat(time.pending()).as("no round left scheduled").isZero();
    }

    @Test
    void aFailedRoundIsLoggedAndTheNextOneRuns() {
        InMemoryMetadataStore other = store.share();
        JournalPruner r = new JournalPruner(other, time, time, JournalRetention.Settings.DEFAULTS);
        other.close();
        assertThat(r.pruneOnce()).isZero();
        r.start();
        time.runFor(Duration.ofMinutes(25));
        assertThat(time.pending()).isEqualTo(1);
        r.close();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new JournalRetention.Settings(Duration.ZERO, 1, Duration.ofMinutes(1)))
                .hasMessageContaining("max age must be positive");
        assertThatThrownBy(() -> new JournalRetention.Settings(Duration.ofDays(1), 0, Duration.ofMinutes(1)))
                .hasMessageContaining("max entries per job must be >= 1");
    }
}
