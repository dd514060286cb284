package dev.dorisccr.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PeriodicRound}, the runner behind the lag round and the periodic verification. */
class PeriodicRoundTest {
    private static final Duration EVERY = Duration.ofMinutes(10);

    /** Holds what is scheduled; the test runs it. */
    static final class HeldScheduler implements Scheduler {
        record Held(Runnable task, Duration delay, boolean[] cancelled) {}

        final List<Held> held = new ArrayList<>();

        @Override
        public Cancellable schedule(Runnable task, Duration delay) {
            boolean[] cancelled = {false};
            held.add(new Held(task, delay, cancelled));
            return () -> cancelled[0] = true;
        }

        List<Held> pending() {
            return held.stream().filter(h -> !h.cancelled()[0]).toList();
        }

        /** Runs the one pending task (a round schedules the next itself). */
        void runNext() {
            List<Held> p = pending();
            assertThat(p).as("one round pending").hasSize(1);
            held.remove(p.get(0));
            p.get(0).task().run();
        }
    }

    @Test
    void theFirstRoundIsAnIntervalAfterStartAndEachNextAnIntervalAfterTheLast() {
        HeldScheduler s = new HeldScheduler();
        int[] rounds = {0};
        PeriodicRound r = new PeriodicRound("test round", () -> rounds[0]++, s, EVERY);
        assertThat(s.held).as("nothing before start").isEmpty();

        r.start();
        r.start();
        assertThat(s.pending()).as("start twice: one round").hasSize(1);
        assertThat(s.pending().get(0).delay()).isEqualTo(EVERY);
        for (int i = 1; i <= 3; i++) {
            s.runNext();
            assertThat(rounds[0]).isEqualTo(i);
            assertThat(s.pending()).hasSize(1);
            assertThat(s.pending().get(0).delay()).isEqualTo(EVERY);
        }
        assertThat(r).hasToString("test round every PT10M");
    }

    @Test
    void startNowRunsTheFirstRoundAtOnceAndTheNextAnIntervalLater() {
        HeldScheduler s = new HeldScheduler();
        int[] rounds = {0};
        PeriodicRound r = new PeriodicRound("test round", () -> rounds[0]++, s, EVERY);

        r.startNow();
        r.start();
        assertThat(s.pending()).as("started twice: one round").hasSize(1);
        assertThat(s.pending().get(0).delay()).isZero();
        s.runNext();
        assertThat(rounds[0]).isEqualTo(1);
        assertThat(s.pending().get(0).delay()).isEqualTo(EVERY);
    }

    @Test
    void aFailingRoundIsLoggedAndTheNextRunsAsPlanned() {
        HeldScheduler s = new HeldScheduler();
        int[] rounds = {0};
        PeriodicRound r = new PeriodicRound("test round", () -> {
            if (++rounds[0] == 1) {
                throw new IllegalStateException("store down");
            }
        }, s, EVERY);
        r.start();

        s.runNext();
        assertThat(s.pending()).as("the next round after a failure").hasSize(1);
        s.runNext();
        assertThat(rounds[0]).isEqualTo(2);
    }

    @Test
    void closeCancelsTheNextRoundAndARoundUnderWaySchedulesNone() {
        HeldScheduler s = new HeldScheduler();
        PeriodicRound[] self = new PeriodicRound[1];
        int[] rounds = {0};
        self[0] = new PeriodicRound("test round", () -> {
            rounds[0]++;
            self[0].close(); // closed while the round runs
        }, s, EVERY);
        self[0].start();

        s.runNext();
        assertThat(s.pending()).as("closed during the round: no next").isEmpty();
        self[0].start();
        assertThat(s.pending()).as("start after close does nothing").isEmpty();

        PeriodicRound other = new PeriodicRound("test round", () -> rounds[0]++, s, EVERY);
        other.start();
        other.close();
        assertThat(s.pending()).as("the scheduled round is cancelled").isEmpty();
        assertThat(rounds[0]).isEqualTo(1);
    }

    @Test
    void anIntervalThatIsNotPositiveIsRefused() {
        HeldScheduler s = new HeldScheduler();
        assertThatThrownBy(() -> new PeriodicRound("lag round", () -> { }, s, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lag round interval must be positive: PT0S");
        assertThatThrownBy(() -> new PeriodicRound("lag round", () -> { }, s, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
