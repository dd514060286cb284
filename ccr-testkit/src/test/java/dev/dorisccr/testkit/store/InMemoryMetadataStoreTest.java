package dev.dorisccr.testkit.store;

import dev.dorisccr.core.spi.MetadataStore;
import java.time.InstantSource;

class InMemoryMetadataStoreTest extends AbstractMetadataStoreContractTest {
    private InMemoryMetadataStore data;

    @Override
    protected MetadataStore openStore(InstantSource clock) {
        if (data == null) {
            data = new InMemoryMetadataStore(clock);
            return data;
        }
        return data.share();
    }
}
