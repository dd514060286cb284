package dev.dorisccr.testkit.store;

import dev.dorisccr.core.spi.MetadataStore;
import java.time.InstantSource;

class InMemoryJobLeaseManagerTest extends AbstractJobLeaseManagerContractTest {
    @Override
    protected MetadataStore openStore(InstantSource clock) {
        return new InMemoryMetadataStore(clock);
    }
}
