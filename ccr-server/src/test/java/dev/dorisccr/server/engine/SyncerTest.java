package dev.dorisccr.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.service.ClusterOperations;
import dev.dorisccr.core.service.Syncer;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.testkit.engine.SimulatedWorld;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade over a real SQLite store, a simulated world and manual time. */
class SyncerTest {
    private static final String BODY = """
            {"name": "orders_job",
             "src": {"host": "127.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                     "password": "pw1", "database": "shop", "table": "orders"},
             "dest": {"host": "127.0.0.1", "port": "9031", "thrift_port": "9021", "user": "root",
                      "password": "pw2", "database": "shop_copy", "table": "orders"}}
            """;

    @TempDir Path dir;
    private final ManualScheduler time = new ManualScheduler();
    private final SimulatedWorld world = new SimulatedWorld(11, 0);
    private final HaSettings ha = new HaSettings(Duration.ofSeconds(15));
    private final java.util.List<AutoCloseable> open = new java.util.ArrayList<>();
    private boolean refuseCreate;

    /** Cluster operations over the simulated world. */
    private final ClusterOperations clusters = new ClusterOperations() {
        @Override
        public void checkCreate(JobSpec spec) {
            if (refuseCreate) {
                throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "binlog.enable is false on shop.orders");
            }
        }

        @Override
        public dev.dorisccr.core.syncer.PreflightReport preflight(JobSpec spec) {
            return new dev.dorisccr.core.syncer.PreflightReport(java.util.List.of());
        }

        @Override
        public CommandExecutor executor(JobSpec spec) {
            return world::execute;
        }

        @Override
        public JobLag lag(JobSpec spec, SyncProgress progress) {
            long behind = world.lastSeq() - progress.prevCommitSeq();
            return new JobLag(Math.max(0, behind), 0, -1, world.lastSeq(), -1, -1);
        }

        @Override
        public DesyncReport desync(JobSpec spec, SyncProgress progress) {
            return new DesyncReport(List.of(spec.target().table()), List.of());
        }
    };

    private MetadataStore store() {
        MetadataStore s = Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(dir.resolve("ccr.db")).build(),
                Map.of(), time);
        open.add(s);
        return s;
    }

    private Syncer syncer(MetadataStore store, String self) {
        Syncer s = new Syncer(store, clusters, time, time, self, ha, JobMachine.Config.DEFAULTS);
        open.add(s);
        s.start();
        return s;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void createdJobRunsToCaughtUpAndAnswersQueries() {
        for (int i = 0; i < 3; i++) {
            world.append(0);
        }
        Syncer s = syncer(store(), "127.0.0.1:9190");

        s.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMinutes(1));
        world.append(0);
        world.append(9);
        time.runFor(Duration.ofMinutes(1));

        assertThat(world.targetContent).isEqualTo(world.expectedContent());
        assertThat(s.list()).containsExactly("orders_job");
        assertThat(s.status("orders_job").progressState()).isEqualTo(SyncState.TABLE_INCREMENTAL_SYNC);
        assertThat(s.lag("orders_job").lag()).isZero();
        assertThat(s.progress("orders_job").prevCommitSeq()).isEqualTo(world.lastSeq());
        assertThat(s.detail("orders_job").spec().target().database()).isEqualTo("shop_copy");
        assertThat(s.ownerOf("orders_job")).isEqualTo(JobOwner.local());
        assertThat(s.ownerOf("nope")).isEqualTo(JobOwner.notFound());
        assertThat(s.desync("orders_job").desynced()).containsExactly("orders");
    }

    @Test
    void refusedPreCheckStoresNothing() {
        Syncer s = syncer(store(), "127.0.0.1:9190");
        refuseCreate = true;

        assertThatThrownBy(() -> s.create(JobSpecJson.parseCreateRequest(BODY)))
                .hasMessageContaining("binlog.enable is false");
        assertThat(s.list()).isEmpty();
        assertThatThrownBy(() -> s.status("orders_job")).isInstanceOf(CcrException.class)
                .hasMessage("job orders_job not exist");
    }

    @Test
    void pauseResumeAndDelete() {
        Syncer s = syncer(store(), "127.0.0.1:9190");
        s.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMinutes(1));

        s.pause("orders_job");
        world.append(0);
        time.runFor(Duration.ofMinutes(1));
        assertThat(s.status("orders_job").state()).isEqualTo(DesiredState.PAUSED);
        assertThat(s.progress("orders_job").prevCommitSeq()).isLessThan(world.lastSeq());

        s.resume("orders_job");
        time.runFor(Duration.ofMinutes(1));
        assertThat(s.progress("orders_job").prevCommitSeq()).isEqualTo(world.lastSeq());

        s.delete("orders_job");
        world.append(0);
        time.runFor(Duration.ofMinutes(1));
        assertThat(s.list()).isEmpty();
        assertThat(world.targetContent).doesNotContain(world.lastSeq());
        s.create(JobSpecJson.parseCreateRequest(BODY));
        assertThat(s.list()).containsExactly("orders_job");
    }

    @Test
    void aSecondSyncerTakesOverADeadOwnersJobWithoutDuplicates() {
        MetadataStore storeA = store();
        Syncer a = syncer(storeA, "10.0.0.1:9190");
        a.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofSeconds(30));
        Syncer b = syncer(store(), "10.0.0.2:9190");
        time.runFor(Duration.ofSeconds(30));
        assertThat(b.ownerOf("orders_job")).isEqualTo(JobOwner.remote("10.0.0.1:9190"));

        // A dies: its scheduled work stops (it neither ticks nor releases), the store stays
        open.remove(a);
        open.remove(storeA);
        storeA.close();
        world.append(0);
        world.append(0);
        time.runFor(ha.leaseTtl().multipliedBy(2).plusSeconds(30));

        assertThat(b.ownerOf("orders_job")).isEqualTo(JobOwner.local());
        // what an engine's health reports: A, cut off from its store, stopped the job; B did not lose it
        assertThat(a.tickFailure()).isPresent();
        assertThat(a.lostJobs()).containsOnlyKeys("orders_job");
        assertThat(b.lostJobs()).isEmpty();
        assertThat(b.tickFailure()).isEmpty();
        assertThat(b.progress("orders_job").prevCommitSeq()).isEqualTo(world.lastSeq());
        assertThat(world.duplicates).isEmpty();
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
    }

    /**
     * Issue 18: a create does no work proportional to the number of jobs (no listing of jobs or
     * leases, no lease round): it takes the new job's lease directly and the job runs here at once.
     */
    @Test
    void createClaimsTheNewJobsLeaseWithoutARoundOverAllJobs() {
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> calls =
                new java.util.concurrent.ConcurrentHashMap<>();
        Syncer s = syncer(counting(store(), calls), "127.0.0.1:9190");
        time.runFor(Duration.ofSeconds(1)); // the first tick
        int jobs = Integer.getInteger("ccr.bench.create.jobs", 300); // docs/benchmarks.md runs it with 1,000
        long[] nanos = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            calls.clear();
            long t0 = System.nanoTime();
            s.create(JobSpecJson.parseCreateRequest(BODY.replace("orders_job", "job" + i)));
            nanos[i] = System.nanoTime() - t0;
            assertThat(s.ownerOf("job" + i)).as("job%d runs here at once", i).isEqualTo(JobOwner.local());
            assertThat(calls.keySet()).as("store calls of create %d: %s", i, calls)
                    .doesNotContain("desiredStates", "list", "leases", "syncers", "renew", "renewAll", "heartbeat");
            assertThat(calls.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum())
                    .as("store calls of create %d: %s", i, calls).isLessThanOrEqualTo(8);
        }
        java.util.Arrays.sort(nanos, jobs - 100, jobs);
        System.out.println("HA-FIGURES create store=sqlite jobs=" + jobs + " last_100_creates_median_us="
                + nanos[jobs - 50] / 1000 + " max_us=" + nanos[jobs - 1] / 1000);
    }

    /**
     * Issue 18: an idle syncer writes to the store only its heartbeat and one renewal of all its
     * leases per tick: a caught-up job's progress is not re-written while nothing changes.
     */
    @Test
    void anIdleJobWritesNoProgressAndTheTickRenewsInOneCall() {
        world.append(0);
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> calls =
                new java.util.concurrent.ConcurrentHashMap<>();
        Syncer s = syncer(counting(store(), calls), "127.0.0.1:9190");
        s.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMinutes(1));
        assertThat(s.status("orders_job").observed().state()).isEqualTo(dev.dorisccr.core.job.ObservedState.CAUGHT_UP);

        calls.clear();
        Duration idle = Duration.ofMinutes(10);
        time.runFor(idle);
        long ticks = idle.toMillis() / ha.tickInterval().toMillis();
        assertThat(calls.getOrDefault("put", new java.util.concurrent.atomic.AtomicInteger()).get())
                .as("progress writes while idle: %s", calls).isZero();
        assertThat(calls.get("renewAll").get()).as("one renewal call per tick").isBetween((int) ticks - 1, (int) ticks + 1);
        assertThat(calls).doesNotContainKey("renew");
        assertThat(calls.get("desiredStates").get()).as("one read of the desired states per tick")
                .isBetween((int) ticks - 1, (int) ticks + 1);
        assertThat(calls).as("every job runs here: no read of every lease to find one to take")
                .doesNotContainKey("leases");

        world.append(0); // a change is written again
        time.runFor(Duration.ofMinutes(1));
        assertThat(calls.get("put").get()).isPositive();
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
    }

    /** The store with every call counted by method name. */
    private static MetadataStore counting(MetadataStore d,
            Map<String, java.util.concurrent.atomic.AtomicInteger> calls) {
        return new MetadataStore() {
            private final dev.dorisccr.core.spi.JobStore jobs = proxy(dev.dorisccr.core.spi.JobStore.class, d.jobs(),
                    calls);
            private final dev.dorisccr.core.spi.ProgressStore progress = proxy(dev.dorisccr.core.spi.ProgressStore.class,
                    d.progress(), calls);
            private final dev.dorisccr.core.spi.LeaseStore leases = proxy(dev.dorisccr.core.spi.LeaseStore.class,
                    d.leases(), calls);

            @Override
            public dev.dorisccr.core.spi.JobStore jobs() {
                return jobs;
            }

            @Override
            public dev.dorisccr.core.spi.ProgressStore progress() {
                return progress;
            }

            @Override
            public dev.dorisccr.core.spi.LeaseStore leases() {
                return leases;
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }

    private static <T> T proxy(Class<T> type, T delegate, Map<String, java.util.concurrent.atomic.AtomicInteger> calls) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> {
                    calls.computeIfAbsent(m.getName(), k -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                    try {
                        return m.invoke(delegate, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
