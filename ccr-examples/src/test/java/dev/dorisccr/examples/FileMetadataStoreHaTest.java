package dev.dorisccr.examples;

import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.testkit.store.AbstractJobLeaseManagerContractTest;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

/** High availability (the project's lease manager) over the custom store example. */
class FileMetadataStoreHaTest extends AbstractJobLeaseManagerContractTest {
    @TempDir Path dir;

    @Override
    protected MetadataStore openStore(InstantSource clock) {
        return FileMetadataStore.open(dir.resolve("store.bin"), clock);
    }
}
