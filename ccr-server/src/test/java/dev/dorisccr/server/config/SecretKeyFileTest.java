package dev.dorisccr.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.spi.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets are encrypted at rest by default in a SQLite store (issue 19). */
class SecretKeyFileTest {
    @TempDir Path dir;

    @Test
    void theKeyIsMadeOnceWithMode600AndReadAfterwards() throws Exception {
        Path db = dir.resolve("db").resolve("ccr.db");
        Secret first = SecretKeyFile.loadOrCreate(db);
        Path file = dir.resolve("db").resolve(SecretKeyFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(first.reveal())).hasSize(32);
        assertThat(SecretKeyFile.loadOrCreate(db).reveal()).isEqualTo(first.reveal());
        assertThat(first.toString()).doesNotContain(first.reveal());
    }

    @Test
    void anEmptyKeyFileIsAClearError() throws Exception {
        Files.writeString(dir.resolve(SecretKeyFile.NAME), "\n");
        assertThatThrownBy(() -> SecretKeyFile.loadOrCreate(dir.resolve("ccr.db"))).isInstanceOf(CcrException.class)
                .hasMessageContaining("is empty");
    }
}
