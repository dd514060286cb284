package dev.dorisccr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.testkit.store.AbstractMetadataStoreContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom store example passes the store contract kit shipped in ccr-testkit. */
class FileMetadataStoreTest extends AbstractMetadataStoreContractTest {
    @TempDir Path dir;
    private FileMetadataStore first;

    /** The first handle opens the file; later ones share it, or open the file again once it is closed. */
    @Override
    protected MetadataStore openStore(InstantSource clock) {
        if (first == null || first.isClosed()) {
            first = FileMetadataStore.open(dir.resolve("store.bin"), clock);
            return first;
        }
        return first.share();
    }

    @Test
    void everyChangeIsInTheFileAndAnotherFileIsAClearError() throws IOException {
        createJob("j");
        try (FileMetadataStore again = FileMetadataStore.open(dir.resolve("store.bin"), clock)) {
            assertThat(again.jobs().get("j").orElseThrow().spec()).isEqualTo(SPEC);
        }
        Files.writeString(dir.resolve("other.bin"), "not a store");
        assertCode(() -> FileMetadataStore.open(dir.resolve("other.bin"), clock), ErrorCode.CORRUPT_METADATA);
        Files.write(dir.resolve("short.bin"), new byte[] {0, 0, 0, 1});
        assertCode(() -> FileMetadataStore.open(dir.resolve("short.bin"), clock), ErrorCode.STORE_UNAVAILABLE);
    }
}
