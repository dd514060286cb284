package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.server.config.SecretKeyFile;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ccr_syncer re-encrypt} on a SQLite store whose secrets are under its key file (issue 19). */
class ReEncryptCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String NEW_KEY = "q83vEjRWeJq8zRI0VniavM3vEjRWeJq8zRI0VniavM0=";
    private static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir Path dir;
    private Path db;
    private String out;
    private String err;

    @BeforeEach
    void aStoreWithTwoJobs() {
        db = dir.resolve("db/ccr.db");
        try (MetadataStore s = open(SecretKeyFile.loadOrCreate(db))) {
            s.jobs().create("a", "{}", DesiredState.RUNNING, Map.of("src.password", Secret.of("pw-a-src"),
                    "dest.password", Secret.of("pw-a-dest")));
            s.jobs().create("b", "{}", DesiredState.PAUSED, Map.of("src.password", Secret.of("pw-b-src")));
        }
    }

    private MetadataStore open(Secret key) {
        return Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(db).secretKey(key).build(), Map.of(),
                InstantSource.system());
    }

    private int execute(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("CCR_HOME", dir.toString());
        CommandLine cl = new CommandLine(new ReEncryptCommand(env, Clock.fixed(NOW, ZoneOffset.UTC)));
        cl.setOverwrittenOptionsAllowed(true);
        ServerOptions.attach(cl);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private List<String> storedSecrets() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT job_name, secret_name, secret_value FROM ccr_job_secrets ORDER BY 1, 2")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return rows;
    }

    private Path newKeyFile(String key) throws Exception {
        return Files.writeString(dir.resolve("new.key"), key + "\n");
    }

    @Test
    void rewritesEverySecretUnderTheNewKeyAndTheOldKeyNoLongerReadsThem() throws Exception {
        Secret old = SecretKeyFile.loadOrCreate(db);
        List<String> before = storedSecrets();

        int code = execute(Map.of(), "--new-key-file", newKeyFile(NEW_KEY).toString());

        assertThat(code).as(err).isZero();
        assertThat(out).contains("re-encrypted 3 secret(s) under the new key").doesNotContain(NEW_KEY);
        List<String> after = storedSecrets();
        assertThat(after).hasSize(3).allMatch(r -> r.contains(" enc:v1:")).doesNotContainAnyElementsOf(before)
                .noneMatch(r -> r.contains("pw-"));
        try (MetadataStore s = open(Secret.of(NEW_KEY))) {
            assertThat(s.jobs().get("a").orElseThrow().secrets().get("dest.password").reveal()).isEqualTo("pw-a-dest");
            assertThat(s.jobs().get("b").orElseThrow().secrets().get("src.password").reveal()).isEqualTo("pw-b-src");
        }
        try (MetadataStore s = open(old)) {
            assertThatThrownBy(() -> s.jobs().get("a")).isInstanceOf(CcrException.class)
                    .hasMessageContaining("decryption failed");
        }
        // the key file still holds the old key: the next start needs the new one given
        assertThat(SecretKeyFile.loadOrCreate(db).reveal()).isEqualTo(old.reveal());
        assertThat(out).contains("restart every syncer with the new key");
    }

    @Test
    void writeKeyFileReplacesTheStoresKeyFileSoServeReadsTheSecretsAsBefore() throws Exception {
        int code = execute(Map.of("NEW_CCR_KEY", NEW_KEY), "--new-key-env", "NEW_CCR_KEY", "--write-key-file");

        assertThat(code).as(err).isZero();
        Path keyFile = db.getParent().resolve(SecretKeyFile.NAME);
        assertThat(Files.readString(keyFile).trim()).isEqualTo(NEW_KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(keyFile.resolveSibling(SecretKeyFile.NAME + ".new")).doesNotExist();
        try (MetadataStore s = open(SecretKeyFile.loadOrCreate(db))) {
            assertThat(s.jobs().get("a").orElseThrow().secrets().get("src.password").reveal()).isEqualTo("pw-a-src");
        }
    }

    @Test
    void toPlaintextIsExplicitAndWarns() throws Exception {
        int code = execute(Map.of(), "--to-plaintext");

        assertThat(code).as(err).isZero();
        assertThat(storedSecrets()).allMatch(r -> r.contains(" plain:pw-"));
        assertThat(err).contains("warning: the job secrets are stored unencrypted");
    }

    @Test
    void badFlagsAndBadKeysChangeNothingAndNeverEchoTheKey() throws Exception {
        List<String> before = storedSecrets();
        String[][] bad = {
            {},
            {"--to-plaintext", "--new-key-env", "X"},
            {"--new-key-env", "UNSET_VARIABLE"},
            {"--new-key-file", dir.resolve("missing.key").toString()},
            {"--new-key-file", newKeyFile("not base64 !!").toString()},
            {"--new-key-file", newKeyFile("c2hvcnQta2V5").toString()},
            {"--to-plaintext", "--write-key-file"},
        };
        for (String[] args : bad) {
            assertThat(execute(Map.of(), args)).as("%s: %s", List.of(args), err).isEqualTo(2);
            assertThat(err).startsWith("error: ").doesNotContain("c2hvcnQta2V5").doesNotContain("not base64 !!");
            assertThat(storedSecrets()).as("%s changed the store", List.of(args)).isEqualTo(before);
        }
    }

    @Test
    void aCurrentKeyThatCannotReadTheSecretsChangesNothing() throws Exception {
        List<String> before = storedSecrets();

        int code = execute(Map.of("CCR_SECRET_KEY", OTHER_KEY), "--new-key-file", newKeyFile(NEW_KEY).toString());

        assertThat(code).isEqualTo(1);
        assertThat(err).contains("nothing was changed").doesNotContain(OTHER_KEY).doesNotContain(NEW_KEY);
        assertThat(storedSecrets()).isEqualTo(before);
    }

    @Test
    void refusesWhileASyncerHeartbeatsOnTheStore() throws Exception {
        try (MetadataStore s = open(SecretKeyFile.loadOrCreate(db))) {
            s.leases().heartbeat("127.0.0.1:9190", NOW.minusSeconds(3));
        }
        List<String> before = storedSecrets();

        assertThat(execute(Map.of(), "--new-key-file", newKeyFile(NEW_KEY).toString())).isEqualTo(1);
        assertThat(err).contains("the syncer 127.0.0.1:9190 heartbeated 3 s ago");
        assertThat(storedSecrets()).isEqualTo(before);

        assertThat(execute(Map.of(), "--new-key-file", newKeyFile(NEW_KEY).toString(), "--ignore-heartbeats"))
                .as(err).isZero();
        assertThat(storedSecrets()).doesNotContainAnyElementsOf(before);
    }
}
