package dev.dorisccr.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LookaheadPoolTest {
    /** Runs the pool's tasks when the test says so. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runOne() {
            tasks.remove().run();
        }
    }

    private static final Runnable NOTHING = () -> { };

    @Test
    void twoHundredJobsAskingForLookaheadNeverGetMoreThreadsThanThePoolHas() throws Exception {
        int threads = 4;
        try (LookaheadPool pool = new LookaheadPool(threads)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch allStarted = new CountDownLatch(threads);
            List<LookaheadPool.Lane> lanes = new ArrayList<>();
            int granted = 0;
            for (int job = 0; job < 200; job++) {
                LookaheadPool.Lane lane = pool.lane();
                lanes.add(lane);
                for (int ahead = 0; ahead < 3; ahead++) { // pipeline depth 4: three upserts ahead each
                    boolean ok = lane.trySubmit(() -> {
                        allStarted.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        ran.incrementAndGet();
                    }, NOTHING);
                    granted += ok ? 1 : 0;
                }
            }
            assertThat(allStarted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(granted).as("slots given while every thread is busy").isEqualTo(threads);
            assertThat(pool.busy()).isEqualTo(threads);
            assertThat(pool.refused()).isEqualTo(200 * 3 - threads);
            assertThat(pool.liveThreads()).isLessThanOrEqualTo(threads);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pool.busy() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(pool.busy()).isZero();
            assertThat(ran.get()).isEqualTo(threads);

            // a second burst: every job gets slots again, the pool never grows past its size
            CountDownLatch second = new CountDownLatch(200);
            int round = 0;
            for (int i = 0; i < 200 && System.nanoTime() < deadline; ) {
                if (lanes.get(i).trySubmit(second::countDown, NOTHING)) {
                    i++;
                } else {
                    Thread.onSpinWait(); // full for now: as a job, apply this one without lookahead
                }
                round++;
            }
            assertThat(second.await(30, TimeUnit.SECONDS)).as("every job ran its early work (%s asks)", round).isTrue();
            assertThat(pool.largestThreads()).isLessThanOrEqualTo(threads);
        }
    }

    @Test
    void aBusyJobKeepsOnlyItsShareOnceAnotherAsksAndTheOtherGetsTheNextFreeSlot() {
        ManualExecutor exec = new ManualExecutor();
        LookaheadPool pool = new LookaheadPool(4, exec);
        LookaheadPool.Lane busy = pool.lane();
        LookaheadPool.Lane other = pool.lane();
        for (int i = 0; i < 4; i++) {
            assertThat(busy.trySubmit(NOTHING, NOTHING)).as("alone, it may use every slot").isTrue();
        }
        assertThat(busy.trySubmit(NOTHING, NOTHING)).isFalse();
        assertThat(other.trySubmit(NOTHING, NOTHING)).as("full: refused, never waits").isFalse();

        exec.runOne(); // one early upsert of the busy job is done: a slot is free
        assertThat(busy.trySubmit(NOTHING, NOTHING)).as("over its share (2 of 4) now that another waits").isFalse();
        assertThat(other.trySubmit(NOTHING, NOTHING)).as("the waiting job gets the free slot").isTrue();
        exec.runOne();
        assertThat(busy.trySubmit(NOTHING, NOTHING)).as("2 held, share 2").isFalse();
        assertThat(other.trySubmit(NOTHING, NOTHING)).isTrue();
        assertThat(pool.held(busy)).isEqualTo(2);
        assertThat(pool.held(other)).isEqualTo(2);

        // every slot busy, the other job's window ends: its slots come back, and the busy job's share is whole again
        while (!exec.tasks.isEmpty()) {
            exec.runOne();
        }
        other.idle();
        for (int i = 0; i < 4; i++) {
            assertThat(busy.trySubmit(NOTHING, NOTHING)).isTrue();
        }
        assertThat(pool.busy()).isEqualTo(4);
    }

    @Test
    void aJobThatGaveUpWaitingNoLongerShrinksTheOthersShare() {
        ManualExecutor exec = new ManualExecutor();
        LookaheadPool pool = new LookaheadPool(3, exec);
        LookaheadPool.Lane a = pool.lane();
        LookaheadPool.Lane b = pool.lane();
        assertThat(a.trySubmit(NOTHING, NOTHING)).isTrue();
        assertThat(a.trySubmit(NOTHING, NOTHING)).isTrue();
        assertThat(a.trySubmit(NOTHING, NOTHING)).isTrue();
        assertThat(b.trySubmit(NOTHING, NOTHING)).isFalse(); // b waits
        exec.runOne();
        assertThat(a.trySubmit(NOTHING, NOTHING)).isFalse(); // share 1 while b waits
        b.idle(); // b fetched (or paused): its window ended
        assertThat(a.trySubmit(NOTHING, NOTHING)).isTrue();
    }

    @Test
    void aClosedPoolDropsTasksNotStartedGivesTheirSlotsBackAndRefusesMore() throws Exception {
        try (LookaheadPool pool = new LookaheadPool(1)) {
            CountDownLatch block = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            LookaheadPool.Lane lane = pool.lane();
            AtomicInteger dropped = new AtomicInteger();
            assertThat(lane.trySubmit(() -> {
                started.countDown();
                try {
                    block.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, dropped::incrementAndGet)).isTrue();
            assertThat(lane.trySubmit(NOTHING, dropped::incrementAndGet)).isFalse();
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            pool.close(); // interrupts the running task
            assertThat(dropped.get()).as("nothing was queued").isZero();
            assertThat(lane.trySubmit(NOTHING, NOTHING)).isFalse();
            assertThat(pool.lane().trySubmit(NOTHING, NOTHING)).isFalse();
        }
        ManualExecutor exec = new ManualExecutor();
        LookaheadPool manual = new LookaheadPool(2, exec);
        LookaheadPool.Lane lane = manual.lane();
        assertThat(lane.trySubmit(NOTHING, NOTHING)).isTrue();
        lane.close();
        assertThat(lane.trySubmit(NOTHING, NOTHING)).as("a closed lane gets nothing").isFalse();
        exec.runOne();
        assertThat(manual.busy()).isZero();
    }

    @Test
    void theThreadsOfAClosedPoolAreGone() throws Exception {
        int threads = 3;
        LookaheadPool pool = new LookaheadPool(threads);
        List<Thread> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allStarted = new CountDownLatch(threads);
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            assertThat(pool.lane().trySubmit(() -> {
                seen.add(Thread.currentThread());
                allStarted.countDown();
                try {
                    never.await(30, TimeUnit.SECONDS); // until close interrupts it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, NOTHING)).isTrue();
        }
        assertThat(allStarted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.liveThreads()).isEqualTo(threads);

        pool.close();

        for (Thread t : seen) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("%s after close", t.getName()).isFalse();
        }
        assertThat(pool.liveThreads()).isZero();
        assertThat(pool.busy()).as("every slot given back").isZero();
    }

    @Test
    void badSizesAreRefused() {
        assertThatThrownBy(() -> new LookaheadPool(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..1024");
        assertThatThrownBy(() -> new LookaheadPool(LookaheadPool.MAX_THREADS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LookaheadPool(2).lane().trySubmit(null, NOTHING))
                .isInstanceOf(NullPointerException.class);
    }
}
