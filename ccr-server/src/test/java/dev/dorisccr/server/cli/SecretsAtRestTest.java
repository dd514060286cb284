package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.server.config.ServerConfig;
import dev.dorisccr.server.config.StoreSettings;
import dev.dorisccr.store.jdbc.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve wiring encrypts job secrets at rest by default (issue 19). */
class SecretsAtRestTest {
    @TempDir Path dir;

    @Test
    void aSqliteStoreWithoutCcrSecretKeyStoresPasswordsEncrypted() throws Exception {
        ServerConfig config = ServerConfig.builder(dir)
                .store(StoreSettings.defaults(dir).withSqliteFile(dir.resolve("ccr.db"))).build();
        try (var store = Stores.open(ServeCommand.storeConfig(config, Map.of()), Map.of(), InstantSource.system())) {
            store.jobs().create("j", "{}", DesiredState.RUNNING, Map.of("src.password", Secret.of("hunter2-plain")));
        }
        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ccr.db"));
                ResultSet rs = c.createStatement().executeQuery("SELECT * FROM ccr_job_secrets")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    stored.add(String.valueOf(rs.getString(i)));
                }
            }
        }
        assertThat(stored).isNotEmpty().noneMatch(v -> v.contains("hunter2-plain")).anyMatch(v -> v.startsWith("enc:v1:"));
        // a restart reads them back with the same key file
        try (var store = Stores.open(ServeCommand.storeConfig(config, Map.of()), Map.of(), InstantSource.system())) {
            assertThat(store.jobs().get("j").orElseThrow().secrets().get("src.password").reveal()).isEqualTo("hunter2-plain");
        }
    }
}
