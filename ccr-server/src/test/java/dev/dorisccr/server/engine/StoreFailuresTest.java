package dev.dorisccr.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.machine.CommandExecutor;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.service.ClusterOperations;
import dev.dorisccr.core.service.Syncer;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.SyncerInfo;
import dev.dorisccr.core.syncer.DesyncReport;
import dev.dorisccr.core.syncer.JobLag;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.testkit.engine.SimulatedWorld;
import dev.dorisccr.testkit.store.InMemoryMetadataStore;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A store that throws something other than a CcrException (issue 16: a plain {@code
 * UncheckedIOException} from {@code put} once stalled a job silently): whatever the type, and
 * whichever call fails (a checkpoint, a job's start, the lease tick), the failure is classified
 * {@code STORE_UNAVAILABLE}, retried with back-off, logged and shown in the job's status, and the
 * job catches up without duplicates once the store answers again.
 */
class StoreFailuresTest {
    private static final String BODY = """
            {"name": "j",
             "src": {"host": "127.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                     "password": "pw1", "database": "shop", "table": "orders"},
             "dest": {"host": "127.0.0.1", "port": "9031", "thrift_port": "9021", "user": "root",
                      "password": "pw2", "database": "shop_copy", "table": "orders"}}
            """;

    /** The exception types a custom store might throw, each with the message the test looks for. */
    enum Kind {
        UNCHECKED_IO(() -> new UncheckedIOException("disk on fire", new IOException("disk on fire"))),
        ILLEGAL_STATE(() -> new IllegalStateException("pool shut down")),
        PLAIN_RUNTIME(() -> new RuntimeException("something odd")),
        /** A checked exception thrown without being declared (Lombok's @SneakyThrows, Kotlin). */
        SNEAKY_CHECKED(() -> new IOException("sneaky io"));

        final Supplier<Exception> make;

        Kind(Supplier<Exception> make) {
            this.make = make;
        }
    }

    private final ManualScheduler time = new ManualScheduler();
    private final SimulatedWorld world = new SimulatedWorld(5, 0);
    private final HaSettings ha = new HaSettings(Duration.ofSeconds(15));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private FailingStore store;
    private Syncer syncer;

    private final ClusterOperations clusters = new ClusterOperations() {
        @Override
        public void checkCreate(JobSpec spec) {}

        @Override
        public PreflightReport preflight(JobSpec spec) {
            return new PreflightReport(List.of());
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
            return new DesyncReport(List.of(), List.of());
        }
    };

    @BeforeEach
    void open() {
        logs.start();
        root.addAppender(logs);
        store = new FailingStore(new InMemoryMetadataStore(time));
        syncer = new Syncer(store, clusters, time, time, "127.0.0.1:9190", ha, JobMachine.Config.DEFAULTS);
        syncer.start();
    }

    @AfterEach
    void close() {
        syncer.close();
        root.detachAppender(logs);
    }

    private ObservedStatus observed() {
        return syncer.status("j").observed();
    }

    private List<String> lines(Level atLeast) {
        synchronized (logs.list) {
            return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    private void assertCaughtUpWithoutDuplicates() {
        time.runFor(Duration.ofMinutes(3));
        assertThat(world.targetContent).isEqualTo(world.expectedContent());
        assertThat(world.duplicates).isEmpty();
        assertThat(syncer.progress("j").prevCommitSeq()).isEqualTo(world.lastSeq());
        assertThat(observed().error()).as("healthy again").isEmpty();
    }

    private static void assertNamesTheFailure(JobError e, Kind kind) {
        assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
        assertThat(e.message()).contains(kind.make.get().toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailingCheckpointBacksOffShowsTheErrorAndRecovers(Kind kind) {
        syncer.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMinutes(1));
        store.fail("progress.put", 3, kind);
        world.append(0);
        for (int i = 0; i < 40 && observed().error().isEmpty(); i++) {
            time.runFor(Duration.ofMillis(250));
        }
        ObservedStatus s = observed();
        assertThat(s.state()).isEqualTo(ObservedState.BACKING_OFF);
        assertThat(s.detail()).isEqualTo("checkpoint");
        assertThat(s.nextRetryAtMs()).isGreaterThan(time.millis());
        assertNamesTheFailure(s.error().orElseThrow(), kind);
        assertThat(lines(Level.WARN)).anySatisfy(l -> assertThat(l).startsWith("WARN ")
                .contains("checkpoint failed", kind.make.get().getMessage(), "retrying"));
        assertCaughtUpWithoutDuplicates();
        assertThat(store.failed("progress.put")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobWhoseStartCannotReadItsProgressBacksOffAndStarts(Kind kind) {
        world.append(0);
        store.fail("progress.get", 2, kind);
        syncer.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMillis(100));
        ObservedStatus s = observed();
        assertThat(s.state()).isEqualTo(ObservedState.BACKING_OFF);
        assertThat(s.detail()).isEqualTo("start");
        assertNamesTheFailure(s.error().orElseThrow(), kind);
        assertThat(lines(Level.ERROR)).anySatisfy(l -> assertThat(l).contains("cannot start", "retrying in"));
        assertCaughtUpWithoutDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailingLeaseTickStopsTheJobBeforeItsLeaseExpiresSaysSoAndResumes(Kind kind) {
        syncer.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMinutes(1));
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        int ticks = (int) (ha.leaseTtl().toMillis() / ha.tickInterval().toMillis()) + 2;
        store.fail("leases.renew", ticks, kind);
        world.append(0);
        time.runFor(ha.leaseTtl().plus(ha.tickInterval()));
        assertThat(lines(Level.WARN)).anySatisfy(l -> assertThat(l).startsWith("WARN ")
                .contains("Metadata store unavailable", kind.make.get().toString()));
        assertThat(syncer.ownerOf("j")).isEqualTo(dev.dorisccr.core.syncer.JobOwner.local());
        assertCaughtUpWithoutDuplicates();
        assertThat(store.failed("leases.renew")).isEqualTo(ticks);
    }

    /**
     * A job paused between two ticks stays paused when the next lease round fails: the syncer
     * applies desired states only from a round that read them (issue 18: it no longer reads them
     * a second time per tick, and must not fall back on the previous round's view).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aJobPausedBeforeAFailingLeaseTickStaysPaused(Kind kind) {
        syncer.create(JobSpecJson.parseCreateRequest(BODY));
        time.runFor(Duration.ofMinutes(1));
        assertThat(observed().state()).isEqualTo(ObservedState.CAUGHT_UP);
        syncer.pause("j");
        long at = syncer.progress("j").prevCommitSeq();
        store.fail("leases.renew", 1, kind);
        world.append(0);
        time.runFor(ha.tickInterval().multipliedBy(3));
        assertThat(store.failed("leases.renew")).isEqualTo(1);
        assertThat(observed().state()).isEqualTo(ObservedState.PAUSED);
        assertThat(syncer.progress("j").prevCommitSeq()).as("nothing applied while paused").isEqualTo(at);
        syncer.resume("j");
        assertCaughtUpWithoutDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }

    /** An in-memory store whose named calls throw a {@link Kind} the next n times. */
    private static final class FailingStore implements MetadataStore {
        private final MetadataStore d;
        private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
        private volatile Kind kind = Kind.PLAIN_RUNTIME;

        FailingStore(MetadataStore d) {
            this.d = d;
        }

        void fail(String op, int times, Kind k) {
            kind = k;
            pending.put(op, new AtomicInteger(times));
        }

        int failed(String op) {
            return done.getOrDefault(op, new AtomicInteger()).get();
        }

        private void maybeFail(String op) {
            AtomicInteger n = pending.get(op);
            if (n != null && n.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
                done.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
                throw sneaky(kind.make.get());
            }
        }

        @Override
        public JobStore jobs() {
            return d.jobs();
        }

        @Override
        public ProgressStore progress() {
            return new ProgressStore() {
                @Override
                public Optional<ProgressRecord> get(String jobName) {
                    maybeFail("progress.get");
                    return d.progress().get(jobName);
                }

                @Override
                public void put(String jobName, String progress, long fencingToken) {
                    maybeFail("progress.put");
                    d.progress().put(jobName, progress, fencingToken);
                }
            };
        }

        @Override
        public LeaseStore leases() {
            LeaseStore l = d.leases();
            return new LeaseStore() {
                @Override
                public void heartbeat(String address, Instant now) {
                    l.heartbeat(address, now);
                }

                @Override
                public List<SyncerInfo> syncers() {
                    return l.syncers();
                }

                @Override
                public int removeSyncersSilentSince(Instant before) {
                    return l.removeSyncersSilentSince(before);
                }

                @Override
                public Optional<JobLease> tryAcquire(String jobName, String owner, Instant now, Duration ttl) {
                    return l.tryAcquire(jobName, owner, now, ttl);
                }

                @Override
                public JobLease renew(JobLease lease, Instant now, Duration ttl) {
                    maybeFail("leases.renew");
                    return l.renew(lease, now, ttl);
                }

                @Override
                public boolean release(JobLease lease, Instant now) {
                    return l.release(lease, now);
                }

                @Override
                public List<JobLease> leases() {
                    return l.leases();
                }
            };
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
