package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestLimitsTest {
    /** Waits (bounded) until {@code t} blocks: it then waits for a permit. */
    private static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("thread %s never blocked (state %s)", t.getName(), t.getState())
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void oneBackendsLimitIsSharedByEveryCaller() throws Exception {
        IngestLimits limits = new IngestLimits(2, 100);
        // two "jobs" take one slot each on the same BE: the BE is full for a third
        IngestLimits.Permit jobA = limits.acquire("be1:9060");
        IngestLimits.Permit jobB = limits.acquire("be1:9060");
        assertThat(limits.inFlight("be1:9060")).isEqualTo(2);

        CompletableFuture<IngestLimits.Permit> third = new CompletableFuture<>();
        Thread waiter = new Thread(() -> third.complete(limits.acquire("be1:9060")), "waiter");
        waiter.start();
        awaitBlocked(waiter);
        assertThat(third).isNotDone();
        // another BE is not held up by the full one
        try (IngestLimits.Permit other = limits.acquire("be2:9060")) {
            assertThat(limits.inFlight("be2:9060")).isEqualTo(1);
        }

        jobA.close();
        IngestLimits.Permit got = third.get(10, TimeUnit.SECONDS);
        waiter.join(10_000);
        assertThat(limits.inFlight("be1:9060")).isEqualTo(2);
        got.close();
        jobB.close();
        assertThat(limits.inFlight("be1:9060")).isZero();
        assertThat(limits.inFlight()).isZero();
    }

    @Test
    void theTotalCapsAllBackendsTogether() throws Exception {
        IngestLimits limits = new IngestLimits(10, 3);
        List<IngestLimits.Permit> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(limits.acquire("be" + i + ":9060"));
        }
        assertThat(limits.inFlight()).isEqualTo(3);

        CompletableFuture<IngestLimits.Permit> fourth = new CompletableFuture<>();
        Thread waiter = new Thread(() -> fourth.complete(limits.acquire("be9:9060")), "waiter");
        waiter.start();
        awaitBlocked(waiter);
        // the waiter holds its BE's slot while it waits for the total, and only that one
        assertThat(limits.inFlight("be9:9060")).isEqualTo(1);
        assertThat(limits.inFlight()).isEqualTo(3);

        held.get(0).close();
        fourth.get(10, TimeUnit.SECONDS).close();
        waiter.join(10_000);
        held.get(1).close();
        held.get(2).close();
        assertThat(limits.inFlight()).isZero();
        assertThat(limits.inFlight("be9:9060")).isZero();
    }

    @Test
    void closingAPermitTwiceGivesBackOneSlot() {
        IngestLimits limits = new IngestLimits(1, 1);
        IngestLimits.Permit p = limits.acquire("be1:9060");
        p.close();
        p.close();
        assertThat(limits.inFlight()).isZero();
        assertThat(limits.inFlight("be1:9060")).isZero();
        // still one slot, not two
        try (IngestLimits.Permit q = limits.acquire("be1:9060")) {
            assertThat(limits.inFlight()).isEqualTo(1);
        }
    }

    @Test
    void anInterruptedWaitFailsCodedKeepsTheFlagAndHoldsNothing() throws Exception {
        IngestLimits limits = new IngestLimits(5, 1);
        IngestLimits.Permit held = limits.acquire("be1:9060");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                limits.acquire("be2:9060").close();
                failure.complete(null);
            } catch (CcrException e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("flag lost", e));
            }
        }, "waiter");
        waiter.start();
        awaitBlocked(waiter);
        waiter.interrupt();

        Throwable e = failure.get(10, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(CcrException.class).hasMessageContaining("be2:9060");
        assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.ILLEGAL_STATE);
        assertThat(limits.inFlight("be2:9060")).isZero();
        held.close();
        assertThat(limits.inFlight()).isZero();
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new IngestLimits(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perBackend");
        assertThatThrownBy(() -> new IngestLimits(1, IngestLimits.MAX + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total");
        assertThatThrownBy(() -> IngestLimits.defaults().acquire(null)).isInstanceOf(NullPointerException.class);
        assertThat(IngestLimits.defaults().perBackend()).isEqualTo(48);
        assertThat(IngestLimits.defaults().total()).isEqualTo(256);
    }
}
