package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.MetadataStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
    @TempDir
    Path dir;

    /** A loopback port that nothing listens on (bound to port 0, then closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void unreachableMysqlIsAClearStoreUnavailable() throws IOException {
        StoreConfig config = StoreConfig.builder(StoreKind.MYSQL).host("127.0.0.1").port(closedPort())
                .password(Secret.of("hunter2")).connectTimeout(Duration.ofSeconds(1)).build();
        assertUnavailable(config);
    }

    @Test
    void unreachablePostgresIsAClearStoreUnavailable() throws IOException {
        StoreConfig config = StoreConfig.builder(StoreKind.POSTGRESQL).host("127.0.0.1").port(closedPort())
                .password(Secret.of("hunter2")).connectTimeout(Duration.ofSeconds(1)).build();
        assertUnavailable(config);
    }

    @Test
    void sqliteUnderAFileIsAClearStoreUnavailable() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertUnavailable(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(file.resolve("ccr.db")).build());
    }

    private static void assertUnavailable(StoreConfig config) {
        assertThatThrownBy(() -> Stores.open(config, Map.of(), InstantSource.system()))
                .isInstanceOfSatisfying(CcrException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("store=").doesNotContain("hunter2");
                });
    }

    @Test
    void sqliteCreatesItsDirectoryAndUsesWal() throws Exception {
        Path file = dir.resolve("a/b/ccr.db");
        try (MetadataStore store = Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(file).build(),
                Map.of(), InstantSource.system())) {
            assertThat(store.jobs().list()).isEmpty();
            assertThat(store.toString()).contains(file.toString());
        }
        assertThat(file).exists();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aBadKeyInTheEnvironmentFailsAtOpen() {
        StoreConfig config = StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(dir.resolve("ccr.db")).build();
        assertThatThrownBy(() -> Stores.open(config, Map.of(SecretCodec.ENV_KEY, "short"), InstantSource.system()))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }
}
