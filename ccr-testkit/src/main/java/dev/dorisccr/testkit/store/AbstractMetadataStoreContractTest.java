package dev.dorisccr.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.JournalEntry;
import dev.dorisccr.core.spi.JournalOutcome;
import dev.dorisccr.core.spi.JournalQuery;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressRecord;
import dev.dorisccr.core.spi.StoreNames;
import dev.dorisccr.core.spi.SyncerInfo;
import dev.dorisccr.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetadataStore} must have (the contract written on the {@code
 * dev.dorisccr.core.spi} interfaces): extend it once per store technology and implement {@link
 * #openStore}. The JDBC stores, the {@link InMemoryMetadataStore} and the custom store of {@code
 * ccr-examples} all pass it.
 *
 * <pre>{@code
 * class MyStoreTest extends AbstractMetadataStoreContractTest {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected MetadataStore openStore(InstantSource clock) {
 *         return MyStore.open(dir, clock); // every call: a new handle on the same data
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractMetadataStoreContractTest {
    /** The lease time-to-live the tests use. */
    protected static final Duration TTL = Duration.ofSeconds(15);
    /** A spec with quotes, SQL and non-ASCII text: stored and read back byte for byte. */
    protected static final String SPEC =
            "{\"src\":{\"host\":\"fe1\",\"db\":\"d'b\\\"; DROP TABLE ccr_jobs; --\"},\"t\":\"表\"}";
    protected static final Secret PASSWORD = Secret.of("p'w\"d; DROP TABLE ccr_jobs; -- ünï");

    /** The clock handed to {@link #openStore}; the store stamps its records' times with it. */
    protected final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T00:00:00Z"));
    /** The store under test, opened before each test and closed after it. */
    protected MetadataStore store;
    private final List<MetadataStore> opened = new ArrayList<>();

    /**
     * Opens a handle on this test's store. The first call of a test gets an empty store; every
     * further call of the same test opens another handle on the same data, as a second syncer
     * process (its own connection pool) or a restarted one would. The store must stamp the times of
     * the records it writes ({@code createdAt}, {@code updatedAt}) with {@code clock}.
     */
    protected abstract MetadataStore openStore(InstantSource clock);

    /** Called after each test once every handle is closed: drop what the test created. */
    protected void dropStore() throws Exception {}

    /** Another handle on the test's store, closed after the test. */
    protected final MetadataStore openAnother() {
        MetadataStore s = openStore(clock);
        opened.add(s);
        return s;
    }

    @BeforeEach
    protected void openFirstStore() {
        store = openAnother();
    }

    @AfterEach
    protected void closeStores() throws Exception {
        try {
            for (MetadataStore s : opened) {
                s.close();
            }
            opened.clear();
        } finally {
            dropStore();
        }
    }

    /** Creates a running job named {@code name} with {@link #SPEC} and one secret. */
    protected JobRecord createJob(String name) {
        return store.jobs().create(name, SPEC, DesiredState.RUNNING, Map.of("src.password", PASSWORD));
    }

    /** The call fails with a {@link CcrException} of {@code code}. */
    protected static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CcrException.class,
                e -> assertThat(e.code()).as("error code of %s", e.getMessage()).isEqualTo(code));
    }

    @Test
    public void jobRoundTripsWithHostileTextAndSecrets() {
        JobRecord created = createJob("db1_sync");
        assertThat(store.jobs().get("db1_sync")).contains(created);
        JobRecord read = store.jobs().get("db1_sync").orElseThrow();
        assertThat(read.spec()).isEqualTo(SPEC);
        assertThat(read.desiredState()).isEqualTo(DesiredState.RUNNING);
        assertThat(read.secrets().get("src.password").reveal()).isEqualTo(PASSWORD.reveal());
        assertThat(read.createdAt()).as("stamped by the store's clock").isEqualTo(clock.instant());
        assertThat(read.updatedAt()).isEqualTo(clock.instant());
        assertThat(store.jobs().get("missing")).isEmpty();
    }

    @Test
    public void listAndStatesAreOrderedByName() {
        createJob("b");
        createJob("a");
        store.jobs().create("c", "{}", DesiredState.PAUSED, Map.of());
        assertThat(store.jobs().list()).extracting(JobRecord::name).containsExactly("a", "b", "c");
        assertThat(store.jobs().desiredStates())
                .containsExactly(Map.entry("a", DesiredState.RUNNING), Map.entry("b", DesiredState.RUNNING),
                        Map.entry("c", DesiredState.PAUSED));
    }

    @Test
    public void versionsAreUniqueAcrossTheStoreAndOnlyGrow() {
        JobRecord a = createJob("a");
        JobRecord b = createJob("b");
        assertThat(b.version()).isGreaterThan(a.version());
        JobRecord a2 = store.jobs().update("a", a.version(), "{}", DesiredState.PAUSED, Map.of());
        assertThat(a2.version()).isGreaterThan(b.version());
    }

    @Test
    public void duplicateCreateFailsAndKeepsTheOriginal() {
        JobRecord first = createJob("j");
        assertCode(() -> store.jobs().create("j", "{\"other\":1}", DesiredState.PAUSED, Map.of()),
                ErrorCode.JOB_ALREADY_EXISTS);
        assertThat(store.jobs().get("j")).contains(first);
    }

    @Test
    public void updateChecksTheVersion() {
        JobRecord v1 = createJob("j");
        clock.advance(Duration.ofSeconds(1));
        JobRecord v2 = store.jobs().update("j", v1.version(), "{\"n\":2}", DesiredState.PAUSED,
                Map.of("dst.password", Secret.of("x")));
        assertThat(v2.version()).isGreaterThan(v1.version());
        assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
        assertThat(v2.updatedAt()).isEqualTo(clock.instant()).isAfter(v1.updatedAt());
        assertThat(v2.secrets()).as("secrets are replaced, not merged").containsOnlyKeys("dst.password");
        assertThat(store.jobs().get("j")).contains(v2);

        assertCode(() -> store.jobs().update("j", v1.version(), "{\"n\":3}", DesiredState.RUNNING, Map.of()),
                ErrorCode.VERSION_CONFLICT);
        assertThat(store.jobs().get("j")).contains(v2);
        assertCode(() -> store.jobs().update("nope", 1, "{}", DesiredState.RUNNING, Map.of()),
                ErrorCode.JOB_NOT_FOUND);
    }

    @Test
    public void deleteRemovesEverythingAndAStaleDeleteCannotHitARecreatedJob() {
        JobRecord old = createJob("j");
        JobLease lease = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":1}", lease.token());
        store.jobs().delete("j", old.version());
        assertThat(store.jobs().get("j")).isEmpty();
        assertThat(store.progress().get("j")).isEmpty();
        assertThat(store.leases().leases()).isEmpty();

        JobRecord recreated = createJob("j");
        assertThat(recreated.version()).isGreaterThan(old.version());
        assertCode(() -> store.jobs().delete("j", old.version()), ErrorCode.VERSION_CONFLICT);
        assertThat(store.jobs().get("j")).contains(recreated);
        assertCode(() -> store.jobs().delete("other", 1), ErrorCode.JOB_NOT_FOUND);
        assertCode(() -> store.progress().put("j", "{}", lease.token()), ErrorCode.LEASE_LOST);
    }

    @Test
    public void badInputIsRejectedAndChangesNothing() {
        int max = StoreNames.MAX_JOB_NAME_LENGTH;
        assertCode(() -> store.jobs().create(" ", "{}", DesiredState.RUNNING, Map.of()), ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.jobs().create("x".repeat(max + 1), "{}", DesiredState.RUNNING, Map.of()),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.jobs().create("a\nb", "{}", DesiredState.RUNNING, Map.of()),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.jobs().create("ok", "{}", DesiredState.RUNNING, Map.of(" ", Secret.of("x"))),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.jobs().get("a\u0000b"), ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.leases().heartbeat("no-port", clock.instant()), ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.leases().heartbeat("host:70000", clock.instant()), ErrorCode.INVALID_ARGUMENT);
        assertThat(store.jobs().list()).isEmpty();
        assertThat(store.leases().syncers()).isEmpty();
        assertThat(store.jobs().create("x".repeat(max), "{}", DesiredState.RUNNING, Map.of()).name()).hasSize(max);
        createJob("j");
        assertCode(() -> store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), Duration.ZERO),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.progress().put("j", "{}", 0), ErrorCode.INVALID_ARGUMENT);
        assertThat(store.leases().leases()).isEmpty();
        assertThat(store.progress().get("j")).isEmpty();
    }

    @Test
    public void progressNeedsTheCurrentFencingToken() {
        createJob("j");
        assertCode(() -> store.progress().put("j", "{}", 1), ErrorCode.LEASE_LOST);
        assertThat(store.progress().get("j")).isEmpty();

        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":1}", a.token());
        clock.advance(Duration.ofSeconds(1));
        store.progress().put("j", "{\"seq\":2}", a.token());
        assertThat(store.progress().get("j")).contains(new ProgressRecord("j", "{\"seq\":2}", a.token(),
                clock.instant()));

        clock.advance(TTL);
        JobLease b = store.leases().tryAcquire("j", "10.0.0.2:9190", clock.instant(), TTL).orElseThrow();
        assertThat(b.token()).isGreaterThan(a.token());
        assertCode(() -> store.progress().put("j", "{\"seq\":99}", a.token()), ErrorCode.LEASE_LOST);
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo("{\"seq\":2}");
        store.progress().put("j", "{\"seq\":3}", b.token());
        assertThat(store.progress().get("j").orElseThrow().fencingToken()).isEqualTo(b.token());
    }

    /**
     * Fencing is by token, not by time: a lease that expired but that nobody took since still
     * fences its owner's writes in (the owner stops itself before expiry; the store only has to
     * refuse a superseded owner).
     */
    @Test
    public void aWriteUnderAnExpiredLeaseNobodyRetookIsAccepted() {
        createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        clock.advance(TTL.multipliedBy(3));
        assertThat(a.isExpiredAt(clock.instant())).isTrue();
        store.progress().put("j", "{\"late\":true}", a.token());
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo("{\"late\":true}");
        assertThat(store.leases().renew(a, clock.instant(), TTL).expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    public void largeProgressFits() {
        createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        String big = "{\"ids\":\"" + "7".repeat(2_000_000) + "\"}";
        store.progress().put("j", big, a.token());
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo(big);
    }

    @Test
    public void leaseLifecycle() {
        createJob("j");
        Instant t0 = clock.instant();
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", t0, TTL).orElseThrow();
        assertThat(a.expiresAt()).isEqualTo(t0.plus(TTL));
        assertThat(store.leases().tryAcquire("j", "10.0.0.2:9190", t0.plusSeconds(14), TTL)).isEmpty();
        assertThat(store.leases().ownerAddress("j", t0)).contains("10.0.0.1:9190");
        assertThat(store.leases().expired(t0)).isEmpty();

        JobLease renewed = store.leases().renew(a, t0.plusSeconds(10), TTL);
        assertThat(renewed.token()).isEqualTo(a.token());
        assertThat(renewed.expiresAt()).isEqualTo(t0.plusSeconds(25));
        assertThat(store.leases().tryAcquire("j", "10.0.0.2:9190", t0.plusSeconds(20), TTL)).isEmpty();

        Instant t1 = t0.plusSeconds(25);
        assertThat(store.leases().expired(t1)).extracting(JobLease::jobName).containsExactly("j");
        assertThat(store.leases().ownerAddress("j", t1)).isEmpty();
        JobLease b = store.leases().tryAcquire("j", "10.0.0.2:9190", t1, TTL).orElseThrow();
        assertThat(b.token()).isGreaterThan(a.token());
        assertCode(() -> store.leases().renew(renewed, t1, TTL), ErrorCode.LEASE_LOST);
        assertThat(store.leases().release(renewed, t1)).isFalse();

        assertThat(store.leases().release(b, t1.plusSeconds(1))).isTrue();
        JobLease c = store.leases().tryAcquire("j", "10.0.0.3:9190", t1.plusSeconds(1), TTL).orElseThrow();
        assertThat(c.token()).isGreaterThan(b.token());
        JobLease again = store.leases().tryAcquire("j", "10.0.0.3:9190", t1.plusSeconds(2), TTL).orElseThrow();
        assertThat(again.token()).as("re-acquiring bumps the token").isGreaterThan(c.token());
        assertThat(store.leases().leases()).containsExactly(again);
        assertCode(() -> store.leases().tryAcquire("missing", "10.0.0.3:9190", t1, TTL), ErrorCode.JOB_NOT_FOUND);
    }

    /**
     * {@code renewAll} renews the current leases (more than one statement's worth, 250) and leaves
     * out, unchanged, those taken over or deleted; an empty set is a no-op.
     */
    @Test
    public void renewAllRenewsTheCurrentLeasesAndLeavesOutTheLostOnes() {
        Instant t0 = clock.instant();
        List<JobLease> held = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String name = String.format(java.util.Locale.ROOT, "j%03d", i);
            createJob(name);
            held.add(store.leases().tryAcquire(name, "10.0.0.1:9190", t0, TTL).orElseThrow());
        }
        createJob("other");
        JobLease others = store.leases().tryAcquire("other", "10.0.0.2:9190", t0, TTL).orElseThrow();
        Instant t1 = t0.plus(TTL); // all expired
        JobLease taken = store.leases().tryAcquire("j007", "10.0.0.2:9190", t1, TTL).orElseThrow();
        JobLease deleted = held.get(123);
        store.jobs().delete(deleted.jobName(), store.jobs().get(deleted.jobName()).orElseThrow().version());

        Instant t2 = t1.plusSeconds(1);
        List<JobLease> renewed = store.leases().renewAll(held, t2, TTL);

        assertThat(renewed).hasSize(248).extracting(JobLease::jobName).isSorted()
                .doesNotContain("j007", deleted.jobName());
        assertThat(renewed).allSatisfy(l -> assertThat(l.expiresAt()).isEqualTo(t2.plus(TTL)));
        Map<String, JobLease> stored = new java.util.TreeMap<>();
        store.leases().leases().forEach(l -> stored.put(l.jobName(), l));
        assertThat(stored.get("j007")).as("taken over: unchanged").isEqualTo(taken);
        assertThat(stored.get("other")).as("another owner's lease: unchanged").isEqualTo(others);
        assertThat(stored).doesNotContainKey(deleted.jobName());
        for (JobLease l : renewed) {
            assertThat(stored.get(l.jobName())).isEqualTo(l);
        }
        assertThat(store.leases().renewAll(List.of(), t2, TTL)).isEmpty();
        assertCode(() -> store.leases().renewAll(held, t2, Duration.ZERO), ErrorCode.INVALID_ARGUMENT);
    }

    /** The renewed leases fence as before: the token is kept, a superseded one stays refused. */
    @Test
    public void renewAllKeepsFencing() {
        createJob("a");
        createJob("b");
        Instant t0 = clock.instant();
        JobLease a = store.leases().tryAcquire("a", "10.0.0.1:9190", t0, TTL).orElseThrow();
        JobLease b = store.leases().tryAcquire("b", "10.0.0.1:9190", t0, TTL).orElseThrow();
        JobLease b2 = store.leases().tryAcquire("b", "10.0.0.2:9190", t0.plus(TTL), TTL).orElseThrow();
        List<JobLease> renewed = store.leases().renewAll(List.of(a, b), t0.plus(TTL), TTL);
        assertThat(renewed).extracting(JobLease::jobName).containsExactly("a");
        assertThat(renewed.get(0).token()).isEqualTo(a.token());
        store.progress().put("a", "{}", a.token());
        assertCode(() -> store.progress().put("b", "{}", b.token()), ErrorCode.LEASE_LOST);
        store.progress().put("b", "{}", b2.token());
    }

    @Test
    public void exactlyOneOfManyConcurrentAcquirersWins() throws Exception {
        createJob("j");
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Optional<JobLease>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String owner = "10.0.0." + (i + 1) + ":9190";
                calls.add(() -> store.leases().tryAcquire("j", owner, clock.instant(), TTL));
            }
            int winners = 0;
            for (Future<Optional<JobLease>> f : pool.invokeAll(calls)) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void concurrentCreatesOfOneNameHaveOneWinner() throws Exception {
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String spec = "{\"by\":" + i + "}";
                calls.add(() -> {
                    try {
                        store.jobs().create("j", spec, DesiredState.RUNNING, Map.of());
                        return true;
                    } catch (CcrException e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.JOB_ALREADY_EXISTS);
                        return false;
                    }
                });
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.jobs().list()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void twoSyncersWithTheirOwnHandlesNeverBothWin() throws Exception {
        int jobs = 20;
        for (int i = 0; i < jobs; i++) {
            createJob("j" + i);
        }
        MetadataStore other = openAnother();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> mine = () -> acquireAll(store, "10.0.0.1:9190", jobs);
            Callable<Integer> theirs = () -> acquireAll(other, "10.0.0.2:9190", jobs);
            int won = 0;
            for (Future<Integer> f : pool.invokeAll(List.of(mine, theirs))) {
                won += f.get();
            }
            assertThat(won).isEqualTo(jobs);
            assertThat(store.leases().leases()).hasSize(jobs);
            assertThat(other.leases().leases()).isEqualTo(store.leases().leases());
        } finally {
            pool.shutdownNow();
        }
    }

    private int acquireAll(MetadataStore s, String owner, int jobs) {
        int won = 0;
        for (int i = 0; i < jobs; i++) {
            if (s.leases().tryAcquire("j" + i, owner, clock.instant(), TTL).isPresent()) {
                won++;
            }
        }
        return won;
    }

    @Test
    public void syncerHeartbeats() {
        Instant t0 = clock.instant();
        store.leases().heartbeat("b:9190", t0);
        store.leases().heartbeat("a:9190", t0);
        store.leases().heartbeat("a:9190", t0.plusSeconds(5));
        assertThat(store.leases().syncers())
                .containsExactly(new SyncerInfo("a:9190", t0.plusSeconds(5)), new SyncerInfo("b:9190", t0));
        assertThat(store.leases().removeSyncersSilentSince(t0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.leases().syncers()).extracting(SyncerInfo::address).containsExactly("a:9190");
    }

    @Test
    public void anotherHandleSeesTheSameJobsSecretsAndProgress() {
        createJob("j");
        JobLease lease = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":7}", lease.token());
        MetadataStore other = openAnother();
        assertThat(other.jobs().get("j").orElseThrow().secrets().get("src.password").reveal())
                .isEqualTo(PASSWORD.reveal());
        assertThat(other.progress().get("j").orElseThrow().progress()).isEqualTo("{\"seq\":7}");
        assertThat(other.leases().leases()).containsExactly(lease);
    }

    @Test
    public void aClosedHandleFailsWithStoreUnavailableAndTheOthersGoOn() {
        createJob("j");
        MetadataStore other = openAnother();
        other.close();
        other.close();
        assertCode(() -> other.jobs().list(), ErrorCode.STORE_UNAVAILABLE);
        assertCode(() -> other.progress().get("j"), ErrorCode.STORE_UNAVAILABLE);
        assertCode(() -> other.leases().leases(), ErrorCode.STORE_UNAVAILABLE);
        assertThat(store.jobs().get("j")).isPresent();
    }

    @Test
    public void closingAndReopeningKeepsTheData() {
        JobRecord j = createJob("j");
        store.close();
        store = openAnother();
        assertThat(store.jobs().get("j")).contains(j);
    }

    // ---- the apply journal

    /** A journal entry of job {@code job} at {@code seq}, made now. */
    protected JournalEntry entry(String job, long seq, String type, JournalOutcome outcome) {
        return new JournalEntry(job, seq, type, List.of("orders", "表"), outcome,
                "it's \"quoted\"; DROP TABLE ccr_progress; -- ünï", seq * 10, "ccrj-" + job + "-" + seq, seq + 1000,
                outcome == JournalOutcome.FAILED ? "INTERNAL_ERROR" : "", clock.instant());
    }

    @Test
    public void journalIsWrittenWithTheProgressAndReadNewestFirst() {
        createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        assertThat(store.progress().keepsJournal()).isTrue();
        assertThat(store.progress().journal(JournalQuery.latest("j"))).isEmpty();
        JournalEntry e1 = entry("j", 11, "UPSERT", JournalOutcome.APPLIED);
        JournalEntry e2 = entry("j", 12, "DUMMY", JournalOutcome.SKIPPED);
        store.progress().put("j", "{\"seq\":12}", a.token(), List.of(e1, e2));
        clock.advance(Duration.ofMillis(1500));
        JournalEntry e3 = entry("j", 13, "ALTER_JOB", JournalOutcome.FAILED);
        store.progress().put("j", "{\"seq\":12}", a.token(), List.of(e3));
        store.progress().put("j", "{\"seq\":12}", a.token(), List.of());
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo("{\"seq\":12}");
        assertThat(store.progress().journal(JournalQuery.latest("j"))).containsExactly(e3, e2, e1);
        assertThat(openAnother().progress().journal(JournalQuery.latest("j"))).containsExactly(e3, e2, e1);
    }

    /** A write refused by the fence writes no entry either: the journal never claims what the progress does not. */
    @Test
    public void journalIsFencedWithTheProgress() {
        createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":1}", a.token(), List.of(entry("j", 1, "UPSERT", JournalOutcome.APPLIED)));
        clock.advance(TTL);
        JobLease b = store.leases().tryAcquire("j", "10.0.0.2:9190", clock.instant(), TTL).orElseThrow();
        assertCode(() -> store.progress().put("j", "{\"seq\":2}", a.token(),
                List.of(entry("j", 2, "UPSERT", JournalOutcome.APPLIED))), ErrorCode.LEASE_LOST);
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo("{\"seq\":1}");
        assertThat(store.progress().journal(JournalQuery.latest("j"))).extracting(JournalEntry::commitSeq)
                .containsExactly(1L);
        store.progress().put("j", "{\"seq\":2}", b.token(), List.of(entry("j", 2, "UPSERT", JournalOutcome.APPLIED)));
        assertThat(store.progress().journal(JournalQuery.latest("j"))).extracting(JournalEntry::commitSeq)
                .containsExactly(2L, 1L);
    }

    @Test
    public void journalQueriesFilterBySeqTypeAndOutcomeAndLimit() {
        createJob("j");
        createJob("k");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        JobLease b = store.leases().tryAcquire("k", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        List<JournalEntry> all = new ArrayList<>();
        for (long seq = 1; seq <= 20; seq++) {
            all.add(entry("j", seq, seq % 2 == 0 ? "UPSERT" : "ALTER_JOB",
                    seq % 5 == 0 ? JournalOutcome.SKIPPED : JournalOutcome.APPLIED));
        }
        store.progress().put("j", "{}", a.token(), all);
        store.progress().put("k", "{}", b.token(), List.of(entry("k", 7, "UPSERT", JournalOutcome.APPLIED)));
        List<JournalEntry> got = store.progress().journal(new JournalQuery("j", 5, 12, "UPSERT", Set.of(), 100));
        assertThat(got).extracting(JournalEntry::commitSeq).containsExactly(12L, 10L, 8L, 6L);
        got = store.progress().journal(new JournalQuery("j", 1, 20, "", Set.of(JournalOutcome.SKIPPED), 100));
        assertThat(got).extracting(JournalEntry::commitSeq).containsExactly(20L, 15L, 10L, 5L);
        got = store.progress().journal(new JournalQuery("j", 1, 20, "UPSERT",
                Set.of(JournalOutcome.SKIPPED, JournalOutcome.FAILED), 1));
        assertThat(got).extracting(JournalEntry::commitSeq).containsExactly(20L);
        assertThat(store.progress().journal(JournalQuery.latest("j").withLimit(3))).extracting(JournalEntry::commitSeq)
                .containsExactly(20L, 19L, 18L);
        assertThat(store.progress().journal(JournalQuery.latest("k"))).extracting(JournalEntry::jobName)
                .containsExactly("k");
        assertThat(store.progress().journal(JournalQuery.latest("nobody"))).isEmpty();
    }

    @Test
    public void journalIsPrunedByAgeAndCountPerJob() {
        createJob("j");
        createJob("k");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        JobLease b = store.leases().tryAcquire("k", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        Instant old = clock.instant();
        store.progress().put("j", "{}", a.token(), List.of(entry("j", 1, "UPSERT", JournalOutcome.APPLIED),
                entry("j", 2, "UPSERT", JournalOutcome.APPLIED)));
        clock.advance(Duration.ofHours(1));
        for (long seq = 3; seq <= 8; seq++) {
            store.progress().put("j", "{}", a.token(), List.of(entry("j", seq, "UPSERT", JournalOutcome.APPLIED)));
        }
        store.progress().put("k", "{}", b.token(), List.of(entry("k", 1, "UPSERT", JournalOutcome.APPLIED)));
        assertCode(() -> store.progress().pruneJournal(clock.instant(), 0), ErrorCode.INVALID_ARGUMENT);
        assertThat(store.progress().journal(JournalQuery.latest("j"))).hasSize(8);

        assertThat(store.progress().pruneJournal(old.plusSeconds(1), 1000)).isEqualTo(2); // by age
        assertThat(store.progress().pruneJournal(old, 4)).isEqualTo(2); // by count: 3 and 4 go, k keeps its one
        assertThat(store.progress().journal(JournalQuery.latest("j"))).extracting(JournalEntry::commitSeq)
                .containsExactly(8L, 7L, 6L, 5L);
        assertThat(store.progress().journal(JournalQuery.latest("k"))).hasSize(1);
        assertThat(store.progress().pruneJournal(old, 4)).isZero();
    }

    @Test
    public void deletingAJobRemovesItsJournal() {
        JobRecord j = createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{}", a.token(), List.of(entry("j", 1, "UPSERT", JournalOutcome.APPLIED)));
        store.jobs().delete("j", j.version());
        createJob("j");
        assertThat(store.progress().journal(JournalQuery.latest("j"))).isEmpty();
    }

    @Test
    public void anEntryOfAnotherJobIsRefusedAndNothingIsWritten() {
        createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":1}", a.token());
        assertCode(() -> store.progress().put("j", "{\"seq\":2}", a.token(),
                List.of(entry("j", 2, "UPSERT", JournalOutcome.APPLIED), entry("k", 2, "UPSERT", JournalOutcome.APPLIED))),
                ErrorCode.INVALID_ARGUMENT);
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo("{\"seq\":1}");
        assertThat(store.progress().journal(JournalQuery.latest("j"))).isEmpty();
    }
}
