package dev.dorisccr.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.testkit.gostore.GoStoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGoStoreReaderTest extends AbstractGoStoreReaderContractTest {
    @TempDir
    Path dir;

    @Override
    TestBackend newBackend() {
        return TestBackend.sqlite(dir);
    }

    @Override
    GoStoreFixture.Kind kind() {
        return GoStoreFixture.Kind.SQLITE;
    }

    @Test
    void aMissingFileIsNeitherReadNorCreated() {
        Path missing = dir.resolve("elsewhere").resolve("ccr.db");
        StoreConfig config = StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(missing).build();

        assertThatThrownBy(() -> GoStoreReader.read(config)).isInstanceOf(CcrException.class)
                .hasMessageContaining("does not exist");
        assertThat(Stores.existingJobNames(config)).isEmpty();
        assertThat(Files.exists(missing)).isFalse();
        assertThat(Files.exists(missing.getParent())).isFalse();
    }

    @Test
    void progressIsDecodedFromBase64OrTakenAsJson() {
        String json = "{\"job_name\":\"j\"}";
        String b64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertThat(GoStoreReader.decodeProgress(json)).isEqualTo(json);
        assertThat(GoStoreReader.decodeProgress(" " + b64 + "\n")).isEqualTo(json);
        assertThatThrownBy(() -> GoStoreReader.decodeProgress(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff})))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> GoStoreReader.decodeProgress(Base64.getEncoder().encodeToString("[1]".getBytes())))
                .hasMessageContaining("not a JSON object");
    }
}
