package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.store.DesiredState;
import dev.dorisccr.core.store.JobLease;
import dev.dorisccr.core.store.JobRecord;
import dev.dorisccr.core.store.MetadataStore;
import dev.dorisccr.core.store.ProgressRecord;
import dev.dorisccr.core.store.SyncerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every metadata store must have; one subclass per technology. */
abstract class AbstractMetadataStoreContractTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
    static final Duration TTL = Duration.ofSeconds(15);
    static final String SPEC = "{\"src\":{\"host\":\"fe1\",\"db\":\"d'b\\\"; DROP TABLE ccr_jobs; --\"},\"t\":\"表\"}";
    static final Secret PASSWORD = Secret.of("p'w\"d; DROP TABLE ccr_jobs; -- ünï");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T00:00:00Z"));
    TestBackend backend;
    MetadataStore store;

    abstract TestBackend newBackend();

    @BeforeEach
    void openStore() {
        backend = newBackend();
        store = open(Map.of(SecretCodec.ENV_KEY, KEY));
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.drop();
        }
    }

    MetadataStore open(Map<String, String> env) {
        return Stores.open(backend.config().build(), env, clock);
    }

    JobRecord createJob(String name) {
        return store.jobs().create(name, SPEC, DesiredState.RUNNING, Map.of("src.password", PASSWORD));
    }

    static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void jobRoundTripsWithHostileTextAndSecrets() {
        JobRecord created = createJob("db1_sync");
        assertThat(store.jobs().get("db1_sync")).contains(created);
        JobRecord read = store.jobs().get("db1_sync").orElseThrow();
        assertThat(read.spec()).isEqualTo(SPEC);
        assertThat(read.secrets().get("src.password").reveal()).isEqualTo(PASSWORD.reveal());
        assertThat(read.createdAt()).isEqualTo(clock.instant());
        assertThat(store.jobs().get("missing")).isEmpty();
    }

    @Test
    void listAndStatesAreOrderedByName() {
        createJob("b");
        createJob("a");
        store.jobs().create("c", "{}", DesiredState.PAUSED, Map.of());
        assertThat(store.jobs().list()).extracting(JobRecord::name).containsExactly("a", "b", "c");
        assertThat(store.jobs().desiredStates())
                .containsExactly(Map.entry("a", DesiredState.RUNNING), Map.entry("b", DesiredState.RUNNING),
                        Map.entry("c", DesiredState.PAUSED));
    }

    @Test
    void duplicateCreateFailsAndKeepsTheOriginal() {
        JobRecord first = createJob("j");
        assertCode(() -> store.jobs().create("j", "{\"other\":1}", DesiredState.PAUSED, Map.of()),
                ErrorCode.JOB_ALREADY_EXISTS);
        assertThat(store.jobs().get("j")).contains(first);
    }

    @Test
    void updateChecksTheVersion() {
        JobRecord v1 = createJob("j");
        clock.advance(Duration.ofSeconds(1));
        JobRecord v2 = store.jobs().update("j", v1.version(), "{\"n\":2}", DesiredState.PAUSED,
                Map.of("dst.password", Secret.of("x")));
        assertThat(v2.version()).isGreaterThan(v1.version());
        assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
        assertThat(v2.updatedAt()).isAfter(v1.updatedAt());
        assertThat(store.jobs().get("j")).contains(v2);

        assertCode(() -> store.jobs().update("j", v1.version(), "{\"n\":3}", DesiredState.RUNNING, Map.of()),
                ErrorCode.VERSION_CONFLICT);
        assertThat(store.jobs().get("j")).contains(v2);
        assertCode(() -> store.jobs().update("nope", 1, "{}", DesiredState.RUNNING, Map.of()),
                ErrorCode.JOB_NOT_FOUND);
    }

    @Test
    void deleteRemovesEverythingAndAStaleDeleteCannotHitARecreatedJob() {
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
    void badInputIsRejectedAndChangesNothing() {
        assertCode(() -> store.jobs().create(" ", "{}", DesiredState.RUNNING, Map.of()), ErrorCode.INVALID_ARGUMENT);
        int max = dev.dorisccr.core.store.StoreNames.MAX_JOB_NAME_LENGTH;
        assertCode(() -> store.jobs().create("x".repeat(max + 1), "{}", DesiredState.RUNNING, Map.of()),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.jobs().create("a\nb", "{}", DesiredState.RUNNING, Map.of()),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.jobs().create("ok", "{}", DesiredState.RUNNING, Map.of(" ", Secret.of("x"))),
                ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.leases().heartbeat("no-port", clock.instant()), ErrorCode.INVALID_ARGUMENT);
        assertCode(() -> store.leases().heartbeat("host:70000", clock.instant()), ErrorCode.INVALID_ARGUMENT);
        assertThat(store.jobs().list()).isEmpty();
        assertThat(store.leases().syncers()).isEmpty();
        assertThat(store.jobs().create("x".repeat(max), "{}", DesiredState.RUNNING, Map.of()).name()).hasSize(max);
    }

    @Test
    void progressNeedsTheCurrentFencingToken() {
        createJob("j");
        assertCode(() -> store.progress().put("j", "{}", 1), ErrorCode.LEASE_LOST);
        assertThat(store.progress().get("j")).isEmpty();

        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":1}", a.token());
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

    @Test
    void largeProgressFits() {
        createJob("j");
        JobLease a = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        String big = "{\"ids\":\"" + "7".repeat(2_000_000) + "\"}";
        store.progress().put("j", big, a.token());
        assertThat(store.progress().get("j").orElseThrow().progress()).isEqualTo(big);
    }

    @Test
    void leaseLifecycle() {
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

    @Test
    void exactlyOneOfManyConcurrentAcquirersWins() throws Exception {
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
    void twoSyncersWithTheirOwnPoolsNeverBothWin() throws Exception {
        int jobs = 20;
        for (int i = 0; i < jobs; i++) {
            createJob("j" + i);
        }
        try (MetadataStore other = open(Map.of(SecretCodec.ENV_KEY, KEY))) {
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
            } finally {
                pool.shutdownNow();
            }
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
    void syncerHeartbeats() {
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
    void secretsAreEncryptedAtRestAndReadableByAnotherSyncerWithTheKey() throws Exception {
        createJob("j");
        try (Connection c = backend.raw();
                PreparedStatement ps = c.prepareStatement("SELECT secret_value FROM ccr_job_secrets");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("enc:v1:").doesNotContain("DROP");
        }
        // Another syncer (another pool) taking the job over reads the same credentials (CS#668).
        try (MetadataStore other = open(Map.of(SecretCodec.ENV_KEY, KEY))) {
            assertThat(other.jobs().get("j").orElseThrow().secrets().get("src.password").reveal())
                    .isEqualTo(PASSWORD.reveal());
        }
    }

    @Test
    void wrongOrMissingKeyGivesAClearError() {
        createJob("j");
        try (MetadataStore wrong = open(Map.of(SecretCodec.ENV_KEY, OTHER_KEY))) {
            assertThatThrownBy(() -> wrong.jobs().get("j"))
                    .isInstanceOfSatisfying(CcrException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SECRET_UNREADABLE);
                        assertThat(e.getMessage()).contains("CCR_SECRET_KEY").contains("job=j")
                                .doesNotContain(PASSWORD.reveal());
                    });
            assertThat(wrong.jobs().desiredStates()).containsKey("j");
        }
        try (MetadataStore none = open(Map.of())) {
            assertCode(() -> none.jobs().list(), ErrorCode.SECRET_UNREADABLE);
        }
    }

    @Test
    void reencryptRewritesEverySecretUnderTheNewKeyInOneGo() throws Exception {
        createJob("j1");
        store.jobs().create("j2", SPEC, DesiredState.PAUSED, Map.of("src.password", PASSWORD,
                "dest.password", Secret.of("second")));
        List<String> before = rawSecrets();

        assertThat(Stores.reencrypt(backend.config().build(), Map.of(SecretCodec.ENV_KEY, KEY),
                Optional.of(Secret.of(OTHER_KEY)))).isEqualTo(3);

        assertThat(rawSecrets()).hasSize(3).allMatch(v -> v.startsWith("enc:v1:")).doesNotContainAnyElementsOf(before);
        try (MetadataStore rekeyed = open(Map.of(SecretCodec.ENV_KEY, OTHER_KEY))) {
            assertThat(rekeyed.jobs().get("j1").orElseThrow().secrets().get("src.password")).isEqualTo(PASSWORD);
            assertThat(rekeyed.jobs().get("j2").orElseThrow().secrets().get("dest.password").reveal())
                    .isEqualTo("second");
        }
        assertCode(() -> store.jobs().get("j1"), ErrorCode.SECRET_UNREADABLE);
        // a key that cannot read the values changes nothing
        List<String> rekeyed = rawSecrets();
        assertCode(() -> Stores.reencrypt(backend.config().build(), Map.of(SecretCodec.ENV_KEY, KEY),
                Optional.of(Secret.of(KEY))), ErrorCode.SECRET_UNREADABLE);
        assertThat(rawSecrets()).isEqualTo(rekeyed);
        // to plaintext only when asked
        Stores.reencrypt(backend.config().build(), Map.of(SecretCodec.ENV_KEY, OTHER_KEY), Optional.empty());
        assertThat(rawSecrets()).allMatch(v -> v.startsWith("plain:"));
    }

    private List<String> rawSecrets() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = backend.raw();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT secret_value FROM ccr_job_secrets ORDER BY job_name, secret_name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void plaintextSecretsWithoutKeyAreReadAfterAKeyIsSet() {
        store.close();
        store = open(Map.of());
        createJob("j");
        store.close();
        store = open(Map.of(SecretCodec.ENV_KEY, KEY));
        assertThat(store.jobs().get("j").orElseThrow().secrets().get("src.password")).isEqualTo(PASSWORD);
    }

    @Test
    void reopeningKeepsDataAndSchemaTooNewIsRefused() throws Exception {
        createJob("j");
        store.close();
        store = open(Map.of(SecretCodec.ENV_KEY, KEY));
        assertThat(store.jobs().get("j")).isPresent();
        try (Connection c = backend.raw(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ccr_schema_version (version, description, applied_at)"
                    + " VALUES (999, 'from the future', 0)");
        }
        assertThatThrownBy(() -> open(Map.of(SecretCodec.ENV_KEY, KEY)))
                .isInstanceOfSatisfying(CcrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_SCHEMA_TOO_NEW);
                    assertThat(e.getMessage()).contains("999");
                });
    }

    @Test
    void schemaVersionIsRecordedOnce() throws Exception {
        store.close();
        store = open(Map.of(SecretCodec.ENV_KEY, KEY));
        try (Connection c = backend.raw(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM ccr_schema_version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            assertThat(versions).containsExactly(Migrations.LATEST);
        }
    }
}
