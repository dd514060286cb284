package dev.dorisccr.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.job.SyncType;
import dev.dorisccr.core.syncer.JobLag;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The shared lag sample: one FE call per job per interval, however many readers. */
class LagSamplerTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final List<String> told = Collections.synchronizedList(new ArrayList<>());
    private final JobListener out = new JobListener() {
        @Override
        public void lagMeasured(String job, long binlogs, long seconds) {
            told.add(job + "=" + binlogs + "/" + seconds);
        }

        @Override
        public void lagUnknown(String job, ErrorCode code) {
            told.add(job + "?" + code);
        }
    };
    private final LagSampler sampler = new LagSampler(clock, Duration.ofSeconds(10), out);
    private final AtomicInteger feCalls = new AtomicInteger();
    private volatile long sourceLag = 3;
    private final Supplier<JobLag> fe = () -> {
        feCalls.incrementAndGet();
        return new JobLag(sourceLag, sourceLag * 2, -1, -1, -1, -1);
    };

    private static SyncProgress incrementalAt(long seq) {
        return SyncProgress.initial("j", SyncType.DB_SYNC, 0, 1).next(seq, SyncState.DB_INCREMENTAL_SYNC,
                SubSyncState.DONE, "", 0);
    }

    @Test
    void manyReadersWithinAnIntervalMakeOneFeCall() {
        for (int i = 0; i < 50; i++) {
            assertThat(sampler.lag("j", 5, fe).lag()).isEqualTo(3);
            assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).isFalse();
            sampler.refresh("j", incrementalAt(5), fe);
            now.addAndGet(100); // 50 rounds of 3 readers over 5 s
        }
        assertThat(feCalls).hasValue(1);
        assertThat(sampler.calls("j")).isEqualTo(1);
        assertThat(told).containsExactly("j=3/6");
    }

    @Test
    void theSampleMovesWithTheLagOncePerInterval() {
        List<Long> seen = new ArrayList<>();
        for (long lag : new long[] {7, 4, 0}) {
            sourceLag = lag;
            seen.add(sampler.lag("j", 5, fe).lag());
            now.addAndGet(9_999);
            seen.add(sampler.lag("j", 5, fe).lag()); // still the same interval
            now.addAndGet(1);
        }
        assertThat(seen).containsExactly(7L, 7L, 4L, 4L, 0L, 0L);
        assertThat(feCalls).hasValue(3);
        assertThat(told).containsExactly("j=7/14", "j=4/8", "j=0/0");
    }

    @Test
    void concurrentReadersShareTheCallInFlight() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<JobLag> slow = () -> {
            feCalls.incrementAndGet();
            inCall.countDown();
            try {
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new JobLag(2, 1, -1, -1, -1, -1);
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            readers.add(pool.submit(() -> sampler.lag("j", 5, slow).lag()));
            assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 7; i++) {
                readers.add(pool.submit(() -> sampler.lag("j", 5, slow).lag()));
            }
            release.countDown();
            for (Future<Long> r : readers) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(feCalls).hasValue(1);
    }

    @Test
    void aFailureIsReusedForTheIntervalTooAndCaughtUpIsFalse() {
        Supplier<JobLag> down = () -> {
            feCalls.incrementAndGet();
            throw new CcrException(ErrorCode.DORIS_CONNECTION_FAILED, "source FE down");
        };
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> sampler.lag("j", 5, down)).isInstanceOf(CcrException.class)
                    .hasMessageContaining("source FE down")
                    .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.DORIS_CONNECTION_FAILED));
            assertThat(sampler.caughtUp("j", incrementalAt(5), down)).isFalse();
        }
        assertThat(feCalls).hasValue(1);
        assertThat(told).containsExactly("j?DORIS_CONNECTION_FAILED");
        now.addAndGet(10_000);
        assertThat(sampler.lag("j", 5, fe).lag()).isEqualTo(3);
        assertThat(feCalls).hasValue(2);
    }

    @Test
    void theRunnersCaughtUpReportAnswersWithoutAnFeCall() {
        JobListener runners = sampler.listening(JobListener.NONE);
        runners.caughtUp("j", 5, now.get());
        now.addAndGet(3_000);
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).isTrue();
        sampler.refresh("j", incrementalAt(5), fe);
        assertThat(told).containsExactly("j=0/0");
        assertThat(feCalls).as("a caught-up job costs no FE call").hasValue(0);

        // the job moved on since the report: the report says nothing about the new position
        assertThat(sampler.caughtUp("j", incrementalAt(6), fe)).isFalse();
        assertThat(feCalls).hasValue(1);
        // a report older than the interval is not evidence either
        runners.caughtUp("j", 6, now.get());
        now.addAndGet(10_000);
        sourceLag = 0;
        assertThat(sampler.caughtUp("j", incrementalAt(6), fe)).isTrue();
        assertThat(feCalls).hasValue(2);
    }

    @Test
    void theSharedProbeCarriesAReportForwardAndMakesItStaleOnNewBinlogs() {
        JobListener runners = sampler.listening(JobListener.NONE);
        long asked = now.get();
        runners.caughtUp("j", 5, asked);
        now.addAndGet(9_000);
        sampler.stillCaughtUp("j", asked - 1, now.get()); // quiet since a read before the fetch
        now.addAndGet(9_000); // 18 s after the fetch, 9 s after the probe's read
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).as("held as of the probe's read").isTrue();
        assertThat(feCalls).hasValue(0);

        sampler.stillCaughtUp("j", now.get() + 1, now.get() + 5_000); // quiet only since after the report
        now.addAndGet(2_000);
        assertThat(sampler.caughtUp("j", incrementalAt(5), () -> new JobLag(1, 1, -1, -1, -1, -1)))
                .as("a report older than the quiet span is not carried: the source is asked").isFalse();

        runners.caughtUp("j", 5, now.get());
        sampler.binlogsSeen("j", now.get() + 1);
        assertThat(sampler.caughtUp("j", incrementalAt(5), () -> new JobLag(1, 1, -1, -1, -1, -1)))
                .as("the probe saw binlogs after the report").isFalse();
        now.addAndGet(2_000);
        sampler.stillCaughtUp("j", now.get() - 1_000, now.get());
        assertThat(sampler.caughtUp("j", incrementalAt(5), () -> new JobLag(1, 1, -1, -1, -1, -1)))
                .as("nor does the probe carry a report older than what it saw").isFalse();
        runners.caughtUp("j", 5, now.get());
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).as("a fetch after it").isTrue();
    }

    @Test
    void aLagSampleTakenBeforeTheProbeSawBinlogsIsNotReused() {
        sourceLag = 0;
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).as("lag 0 at 5").isTrue();
        now.addAndGet(1_000);
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).as("the sample, reused").isTrue();
        assertThat(feCalls).hasValue(1);
        sourceLag = 2; // writes on the source; the job is still at 5
        sampler.binlogsSeen("j", now.get());
        now.addAndGet(500);
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe))
                .as("the probe saw binlogs after the sample: the source is asked again").isFalse();
        assertThat(feCalls).hasValue(2);
        assertThat(sampler.lag("j", 5, fe).lag()).as("the new sample is reused").isEqualTo(2);
        assertThat(feCalls).hasValue(2);
    }

    @Test
    void theJobsOwnFetchOfBinlogsSetsAsideItsEarlierReportAndALag0Sample() {
        JobListener runners = sampler.listening(JobListener.NONE);
        sourceLag = 0;
        assertThat(sampler.lag("j", 5, fe).lag()).isZero();
        runners.caughtUp("j", 5, now.get());
        now.addAndGet(1_000);
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).as("its report").isTrue();
        assertThat(feCalls).hasValue(1);

        sourceLag = 2; // writes on the source; no probe serves it: the job's fetch is the first to know
        runners.binlogsFetched("j", 5, 2, now.get());
        now.addAndGet(100); // the job is still at 5: nothing committed yet
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).as("neither the report nor the lag-0 sample").isFalse();
        assertThat(feCalls).as("the source was asked again").hasValue(2);
        assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).isFalse();
        assertThat(feCalls).as("the new sample (2) is reused").hasValue(2);

        // the reverse: applied, then an idle fetch at the new position answers again at once
        now.addAndGet(200);
        sourceLag = 0;
        runners.caughtUp("j", 7, now.get());
        assertThat(sampler.caughtUp("j", incrementalAt(7), fe)).as("caught up at 7, by its report").isTrue();
        assertThat(feCalls).hasValue(2);
        now.addAndGet(LagSampler.MIN_REMEASURE.toMillis());
        assertThat(sampler.lag("j", 7, fe).lag()).as("and by a new sample").isZero();
    }

    @Test
    void aSampleAbove0IsReusedThroughTheFetchesOfABusyJob() {
        JobListener runners = sampler.listening(JobListener.NONE);
        assertThat(sampler.lag("j", 5, fe).lag()).isEqualTo(3);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(100);
            runners.binlogsFetched("j", 5, 1, now.get());
            assertThat(sampler.lag("j", 5, fe).lag()).isEqualTo(3);
            assertThat(sampler.caughtUp("j", incrementalAt(5), fe)).isFalse();
        }
        assertThat(feCalls).as("a lag above 0 never answers caught up: the rate limit holds").hasValue(1);
    }

    @Test
    void theRunnersListenerPassesEveryCallOn() throws Exception {
        List<String> heard = new ArrayList<>();
        JobListener next = (JobListener) java.lang.reflect.Proxy.newProxyInstance(JobListener.class.getClassLoader(),
                new Class<?>[] {JobListener.class}, (p, m, args) -> {
                    if (m.getDeclaringClass() == Object.class) {
                        return m.getName().equals("equals") ? p == args[0] : m.getName().equals("hashCode")
                                ? System.identityHashCode(p) : "next";
                    }
                    heard.add(m.getName());
                    return null;
                });
        JobListener runners = sampler.listening(next);
        List<String> all = new ArrayList<>();
        for (java.lang.reflect.Method m : JobListener.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = types[i] == String.class ? "j" : types[i] == long.class ? 1L : types[i] == int.class ? 1
                        : types[i] == Duration.class ? Duration.ZERO : types[i] == SyncProgress.class ? incrementalAt(5)
                        : null;
            }
            m.invoke(runners, args);
            all.add(m.getName());
        }
        assertThat(all).contains("caughtUp", "binlogsFetched", "journaled", "checkpointed");
        assertThat(heard).as("nothing the runners tell is lost on its way to the engine's listeners")
                .containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aJobThatMovedIsMeasuredAgainButAtMostOnceASecond() {
        assertThat(sampler.lag("j", 5, fe).lag()).isEqualTo(3);
        sourceLag = 1;
        assertThat(sampler.lag("j", 7, fe).lag()).as("moved 0 ms after the call: the answer stands").isEqualTo(3);
        now.addAndGet(999);
        assertThat(sampler.lag("j", 7, fe).lag()).isEqualTo(3);
        assertThat(feCalls).hasValue(1);
        now.addAndGet(1);
        assertThat(sampler.lag("j", 7, fe).lag()).as("moved, a second later").isEqualTo(1);
        assertThat(sampler.lag("j", 7, fe).lag()).isEqualTo(1);
        assertThat(feCalls).hasValue(2);
    }

    @Test
    void jobsAreSampledApartAndForgotten() {
        sampler.lag("a", 5, fe);
        sampler.lag("b", 5, fe);
        sampler.lag("a", 5, fe);
        assertThat(feCalls).hasValue(2);
        sampler.forget("a");
        sampler.lag("a", 5, fe);
        assertThat(feCalls).hasValue(3);
    }

    @Test
    void aBadIntervalIsRefused() {
        assertThatThrownBy(() -> new LagSampler(clock, Duration.ZERO, out)).isInstanceOf(IllegalArgumentException.class);
    }
}
