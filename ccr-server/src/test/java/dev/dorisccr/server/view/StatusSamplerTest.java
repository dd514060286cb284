package dev.dorisccr.server.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusSamplerTest {
    private final ScriptedJobService jobs = new ScriptedJobService();
    private final ManualScheduler time = new ManualScheduler();
    private final StatusSampler sampler = new StatusSampler(jobs, time, time, Duration.ofSeconds(10), 3, 4);

    @Test
    void oneRoundPerIntervalAndOneLagCallPerJobPerRound() {
        jobs.table("a", "t").lag(5, 2);
        jobs.db("b", "d").lag(0, 0);
        sampler.start();
        assertThat(sampler.snapshot().jobs()).isEmpty();

        time.runFor(Duration.ZERO);
        assertThat(sampler.snapshot().jobs()).extracting(JobHistory::name).containsExactly("a", "b");
        assertThat(jobs.jobs.get("a").lagCalls).isEqualTo(1);

        time.runFor(Duration.ofSeconds(60));
        assertThat(jobs.listCalls).isEqualTo(7);
        assertThat(jobs.jobs.get("a").lagCalls).isEqualTo(7);
        assertThat(jobs.jobs.get("b").lagCalls).isEqualTo(7);
        assertThat(time.pending()).isEqualTo(1);
        assertThat(sampler.snapshot().atMs()).isEqualTo(time.millis());
    }

    @Test
    void theLagRingAndTheEventLogAreBounded() {
        ScriptedJobService.Job a = jobs.table("a", "t");
        sampler.start();
        for (int i = 0; i < 10; i++) {
            a.lag(i, i * 10L).observed(i % 2 == 0 ? ObservedState.INCREMENTAL : ObservedState.CAUGHT_UP, "", time.millis());
            time.runFor(Duration.ofSeconds(10));
        }
        JobHistory h = sampler.snapshot().job("a").orElseThrow();
        assertThat(h.lag()).extracting(LagPoint::lag).containsExactly(7L, 8L, 9L);
        assertThat(h.events()).hasSize(4).allSatisfy(e -> assertThat(e.kind()).isEqualTo(HistoryEvent.Kind.STATE));
        assertThat(h.events().get(3).text()).isEqualTo("INCREMENTAL → CAUGHT_UP");
    }

    @Test
    void aJobThatLeavesTheStoreLeavesThePage() {
        jobs.table("a", "t");
        jobs.table("b", "t");
        sampler.start();
        time.runFor(Duration.ZERO);
        jobs.jobs.remove("a");
        time.runFor(Duration.ofSeconds(10));
        assertThat(sampler.snapshot().jobs()).extracting(JobHistory::name).containsExactly("b");
    }

    @Test
    void anUnreadableLagIsShownWithItsReasonAndLeavesAGap() {
        ScriptedJobService.Job a = jobs.table("a", "t").lag(4, 1);
        sampler.start();
        time.runFor(Duration.ZERO);
        a.lagFailure = new CcrException(ErrorCode.DORIS_TIMEOUT, "getBinlogLag timed out");
        time.runFor(Duration.ofSeconds(10));

        JobHistory h = sampler.snapshot().job("a").orElseThrow();
        assertThat(h.latest().lag()).isEmpty();
        assertThat(h.latest().lagError()).isEqualTo("DORIS_TIMEOUT: getBinlogLag timed out");
        assertThat(h.lag()).hasSize(1);
    }

    @Test
    void anUnreadableStatusKeepsTheLastSampleAndCallsNoLag() {
        ScriptedJobService.Job a = jobs.table("a", "t");
        sampler.start();
        time.runFor(Duration.ZERO);
        long first = sampler.snapshot().job("a").orElseThrow().latest().atMs();
        a.statusFailure = new CcrException(ErrorCode.STORE_UNAVAILABLE, "store down");
        time.runFor(Duration.ofSeconds(20));

        assertThat(sampler.snapshot().job("a").orElseThrow().latest().atMs()).isEqualTo(first);
        assertThat(a.lagCalls).isEqualTo(1);
        assertThat(sampler.snapshot().atMs()).isGreaterThan(first);
    }

    @Test
    void aStoreThatCannotListKeepsTheLastSnapshot() {
        jobs.table("a", "t");
        sampler.start();
        time.runFor(Duration.ZERO);
        StatusSnapshot before = sampler.snapshot();
        jobs.listFailure = new CcrException(ErrorCode.STORE_UNAVAILABLE, "store down");
        time.runFor(Duration.ofSeconds(30));
        assertThat(sampler.snapshot()).isSameAs(before);

        jobs.listFailure = null;
        time.runFor(Duration.ofSeconds(10));
        assertThat(sampler.snapshot().atMs()).isEqualTo(time.millis());
    }

    @Test
    void anUnexpectedFailureDoesNotStopSampling() {
        jobs.table("a", "t");
        jobs.listBug = new IllegalStateException("bug");
        sampler.start();
        time.runFor(Duration.ofSeconds(10));
        assertThat(sampler.snapshot().jobs()).isEmpty();

        jobs.listBug = null;
        time.runFor(Duration.ofSeconds(10));
        assertThat(sampler.snapshot().jobs()).hasSize(1);
    }

    @Test
    void closeStopsTheRounds() {
        jobs.table("a", "t");
        sampler.start();
        time.runFor(Duration.ofSeconds(10));
        sampler.close();
        int calls = jobs.listCalls;
        time.runFor(Duration.ofMinutes(5));
        assertThat(jobs.listCalls).isEqualTo(calls);
        assertThat(time.pending()).isZero();
    }

    @Test
    void theSampleCarriesWhatThePageShows() {
        Showcase s = new Showcase().sample(3);
        JobSample alias = s.sampler.snapshot().job("clicks_alias").orElseThrow().latest();
        assertThat(alias.type()).isEqualTo("table_sync_with_alias");
        assertThat(alias.hostMapping()).isTrue();
        assertThat(alias.source()).isEqualTo("fe-src.example:9030 shop.clicks");
        assertThat(alias.target()).isEqualTo("fe-dst.example:9030 backup.clicks_copy").doesNotContain("hunter2");
        assertThat(alias.syncState()).isEqualTo("TableFullSync");
        assertThat(alias.fullSyncReason()).startsWith("binlog expired");
        assertThat(s.sampler.snapshot().job("orders_db").orElseThrow().latest().type()).isEqualTo("db_sync");
        assertThat(s.sampler.snapshot().jobs()).extracting(JobHistory::name).containsExactlyElementsOf(Showcase.NAMES);
        assertThat(s.sampler.snapshot().job("payments").orElseThrow().events()).extracting(HistoryEvent::kind)
                .containsExactly(HistoryEvent.Kind.SEEN, HistoryEvent.Kind.ERROR);
        assertThat(s.jobs.jobs.get("payments").lagCalls).as("a round at 0 s, then one every 10 s").isEqualTo(4);
    }
}
