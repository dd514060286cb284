package dev.dorisccr.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.ha.JobLeaseManager;
import dev.dorisccr.core.ha.SyncerMembership;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A create's {@link JobLeaseManager#claim} does not wait for the store reads of a tick in progress
 * (issue 18: create p99 at 1,000 jobs), and the tick keeps what was claimed meanwhile: the new job
 * is neither taken for deleted (the tick's read of the desired states began before it existed) nor
 * started twice, and it counts in the share.
 */
class JobLeaseManagerClaimDuringTickTest {
    private static final HaSettings HA = new HaSettings(Duration.ofSeconds(15));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
    private final BlockingJobStore jobs = new BlockingJobStore(store.jobs());
    private final RecordingLocalJobs local = new RecordingLocalJobs();
    private final JobLeaseManager manager = new JobLeaseManager(jobs, store.leases(),
            new SyncerMembership(store.leases(), "10.0.0.1:9190", clock, HA), local, clock, HA);

    /**
     * The tick and the claim each on a thread of their own: the common pool has a single thread
     * on a 2-core machine (parallelism = cores - 1), and the claim must not queue behind the tick.
     */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        jobs.release();
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
    }

    @Test
    void aClaimDuringTheTicksReadOfTheDesiredStatesNeitherWaitsNorIsDropped() throws Exception {
        store.jobs().create("job00", "{}", DesiredState.RUNNING, Map.of());
        manager.tick();
        assertThat(local.running()).containsOnlyKeys("job00");

        jobs.blockNextRead();
        CompletableFuture<Void> tick = CompletableFuture.runAsync(manager::tick, threads);
        assertThat(jobs.reading.await(10, TimeUnit.SECONDS)).as("the tick is inside its read").isTrue();

        // the create: stored after the tick's read began, then claimed while that read is blocked
        store.jobs().create("job01", "{}", DesiredState.RUNNING, Map.of());
        CompletableFuture<Boolean> claim = CompletableFuture.supplyAsync(() -> manager.claim("job01"), threads);
        assertThat(claim.get(5, TimeUnit.SECONDS)).as("claimed without waiting for the tick").isTrue();
        assertThat(tick).as("the tick still waits for its read").isNotDone();

        jobs.release();
        tick.get(10, TimeUnit.SECONDS);
        assertThat(manager.held()).containsOnlyKeys("job00", "job01");
        assertThat(local.running()).containsOnlyKeys("job00", "job01");
        assertThat(local.events()).as("started once, never stopped")
                .filteredOn(e -> e.job().equals("job01")).containsExactly(new RecordingLocalJobs.Event("job01", "start"));

        // the count of the tick that ran beside the claim includes job01: one syncer may take a third
        store.jobs().create("job02", "{}", DesiredState.RUNNING, Map.of());
        assertThat(manager.claim("job02")).isTrue();
        clock.advance(HA.tickInterval());
        manager.tick();
        assertThat(manager.held()).containsOnlyKeys("job00", "job01", "job02");
    }

    /** Forwards to a store; a read of the desired states can be held until released. */
    private static final class BlockingJobStore implements JobStore {
        private final JobStore delegate;
        final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch go = new CountDownLatch(1);
        private volatile boolean block;

        BlockingJobStore(JobStore delegate) {
            this.delegate = delegate;
        }

        void blockNextRead() {
            block = true;
        }

        void release() {
            go.countDown();
        }

        @Override
        public SortedMap<String, DesiredState> desiredStates() {
            SortedMap<String, DesiredState> states = delegate.desiredStates();
            if (block) {
                block = false;
                reading.countDown();
                try {
                    if (!go.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return states;
        }

        @Override
        public JobRecord create(String name, String spec, DesiredState desiredState, Map<String, Secret> secrets) {
            return delegate.create(name, spec, desiredState, secrets);
        }

        @Override
        public Optional<JobRecord> get(String name) {
            return delegate.get(name);
        }

        @Override
        public List<JobRecord> list() {
            return delegate.list();
        }

        @Override
        public JobRecord update(String name, long expectedVersion, String spec, DesiredState desiredState,
                Map<String, Secret> secrets) {
            return delegate.update(name, expectedVersion, spec, desiredState, secrets);
        }

        @Override
        public void delete(String name, long expectedVersion) {
            delegate.delete(name, expectedVersion);
        }
    }
}
