package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.testkit.store.AbstractMetadataStoreContractTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped store contract ({@link AbstractMetadataStoreContractTest} in ccr-testkit) plus what
 * only the JDBC stores promise: secrets encrypted at rest with the configured key, a clear error
 * for a wrong or missing key, and versioned schema migrations. One subclass per database.
 */
abstract class AbstractJdbcMetadataStoreContractTest extends AbstractMetadataStoreContractTest {
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());

    private TestBackend backend;

    abstract TestBackend newBackend();

    private TestBackend backend() {
        if (backend == null) {
            backend = newBackend();
        }
        return backend;
    }

    @Override
    protected MetadataStore openStore(InstantSource clock) {
        return Stores.open(backend().config().build(), Map.of(SecretCodec.ENV_KEY, KEY), clock);
    }

    @Override
    protected void dropStore() throws Exception {
        if (backend != null) {
            backend.drop();
        }
    }

    /** A handle opened with {@code env} (the secret key), closed by the test. */
    MetadataStore open(Map<String, String> env) {
        return Stores.open(backend().config().build(), env, clock);
    }

    @Test
    public void secretsAreEncryptedAtRestAndReadableByAnotherSyncerWithTheKey() throws Exception {
        createJob("j");
        try (Connection c = backend().raw();
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
    public void wrongOrMissingKeyGivesAClearError() {
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

    /**
     * A syncer frozen inside a store transaction (GC, SIGSTOP, a VM pause) holding the fencing
     * sequence row does not block the other syncers for ever: the server ends its session after the
     * busy timeout and the others go on (the HA chaos suite met a store where every lease expired).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    public void aSessionFrozenInsideATransactionLosesItsLocksAfterTheBusyTimeout() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(backend().config().build().kind() != StoreKind.SQLITE3,
                "SQLite has no server to end a session");
        createJob("j");
        try (MetadataStore other = Stores.open(backend().config().busyTimeout(java.time.Duration.ofSeconds(1)).build(),
                Map.of(SecretCodec.ENV_KEY, KEY), clock);
                Connection frozen = ((JdbcMetadataStore) other).connection()) {
            frozen.setAutoCommit(false);
            Sequences.next(frozen); // holds the row every job version and fencing token comes from, then sits idle
            long t0 = System.nanoTime();
            store.jobs().create("k", SPEC, DesiredState.RUNNING, Map.of());
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(store.jobs().get("k")).isPresent();
            assertThat(waitedMs).as("waited for the frozen session").isLessThan(30_000);
            assertThatThrownBy(frozen::commit).as("the frozen session was ended").isInstanceOf(java.sql.SQLException.class);
        }
    }

    @Test
    public void reencryptRewritesEverySecretUnderTheNewKeyInOneGo() throws Exception {
        createJob("j1");
        store.jobs().create("j2", SPEC, DesiredState.PAUSED, Map.of("src.password", PASSWORD,
                "dest.password", Secret.of("second")));
        List<String> before = rawSecrets();

        assertThat(Stores.reencrypt(backend().config().build(), Map.of(SecretCodec.ENV_KEY, KEY),
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
        assertCode(() -> Stores.reencrypt(backend().config().build(), Map.of(SecretCodec.ENV_KEY, KEY),
                Optional.of(Secret.of(KEY))), ErrorCode.SECRET_UNREADABLE);
        assertThat(rawSecrets()).isEqualTo(rekeyed);
        // to plaintext only when asked
        Stores.reencrypt(backend().config().build(), Map.of(SecretCodec.ENV_KEY, OTHER_KEY), Optional.empty());
        assertThat(rawSecrets()).allMatch(v -> v.startsWith("plain:"));
    }

    private List<String> rawSecrets() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = backend().raw();
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
    public void plaintextSecretsWithoutKeyAreReadAfterAKeyIsSet() {
        store.close();
        try (MetadataStore plain = open(Map.of())) {
            store = plain;
            createJob("j");
        }
        try (MetadataStore keyed = open(Map.of(SecretCodec.ENV_KEY, KEY))) {
            assertThat(keyed.jobs().get("j").orElseThrow().secrets().get("src.password")).isEqualTo(PASSWORD);
        }
    }

    @Test
    public void schemaTooNewIsRefused() throws Exception {
        createJob("j");
        try (Connection c = backend().raw(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ccr_schema_version (version, description, applied_at)"
                    + " VALUES (999, 'from the future', 0)");
        }
        assertThatThrownBy(() -> open(Map.of(SecretCodec.ENV_KEY, KEY)))
                .isInstanceOfSatisfying(CcrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_SCHEMA_TOO_NEW);
                    assertThat(e.getMessage()).contains("999");
                });
    }

    /** A store of schema 1 (before issue 18) gets the lease index at open, and a second run changes nothing. */
    @Test
    public void aVersionOneStoreIsMigratedToTheLeaseIndex() throws Exception {
        createJob("j");
        try (Connection c = backend().raw(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ccr_schema_version WHERE version >= 2");
            try {
                s.execute("DROP INDEX ccr_job_leases_owner ON ccr_job_leases"); // MySQL's form
            } catch (SQLException e) {
                s.execute("DROP INDEX ccr_job_leases_owner"); // SQLite's and PostgreSQL's
            }
        }
        openAnother(); // migrations 2 (the index) and 3 (the journal) run again
        try (Connection c = backend().raw(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ccr_schema_version WHERE version >= 2");
        }
        openAnother(); // and runs again over the existing index: idempotent on every dialect
        try (Connection c = backend().raw()) {
            List<Integer> versions = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM ccr_schema_version")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3);
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), c.getSchema(), "ccr_job_leases", false,
                    false)) {
                while (rs.next()) {
                    indexes.add(String.valueOf(rs.getString("INDEX_NAME")).toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertThat(indexes).contains("ccr_job_leases_owner");
        }
    }

    @Test
    public void schemaVersionIsRecordedOnce() throws Exception {
        openAnother();
        try (Connection c = backend().raw(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM ccr_schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            assertThat(versions).containsExactly(java.util.stream.IntStream.rangeClosed(1, Migrations.LATEST).boxed()
                    .toArray(Integer[]::new));
        }
    }

    /** A store written by the previous version (schema 2) gets the journal table at its next start and keeps its data. */
    @Test
    public void aVersion1StoreIsMigratedToTheJournal() throws Exception {
        createJob("j");
        store.close();
        try (Connection c = backend().raw(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE ccr_journal");
            s.executeUpdate("DELETE FROM ccr_schema_version WHERE version = 3");
        }
        try (MetadataStore upgraded = open(Map.of(SecretCodec.ENV_KEY, KEY))) {
            assertThat(upgraded.jobs().get("j")).isPresent();
            var lease = upgraded.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
            var e = entry("j", 5, "UPSERT", dev.dorisccr.core.spi.JournalOutcome.APPLIED);
            upgraded.progress().put("j", "{}", lease.token(), List.of(e));
            assertThat(upgraded.progress().journal(dev.dorisccr.core.spi.JournalQuery.latest("j"))).containsExactly(e);
        }
        try (Connection c = backend().raw(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM ccr_schema_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.LATEST);
        }
    }
}
