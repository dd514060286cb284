package dev.dorisccr.testkit.store;

import dev.dorisccr.core.spi.MetadataStore;
import java.time.InstantSource;

class InMemoryJobLeaseManagerTest extends AbstractJobLeaseManagerContractTest {
    @Override
    protected MetadataStore openStore(InstantSource clock) {
        return new InMemoryMetadataStore(clock);
    }

    /** Issue 18's figure: 1,000 jobs on three syncers (then four, then three again). */
    @Override
    protected int balanceJobs() {
        return 1000;
    }
}
