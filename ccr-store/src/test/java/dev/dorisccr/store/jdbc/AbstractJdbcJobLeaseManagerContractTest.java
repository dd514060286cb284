package dev.dorisccr.store.jdbc;

import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.testkit.store.AbstractJobLeaseManagerContractTest;
import java.time.InstantSource;
import java.util.Map;

/** The shipped HA contract (ccr-testkit) over one JDBC database per test. */
abstract class AbstractJdbcJobLeaseManagerContractTest extends AbstractJobLeaseManagerContractTest {
    private TestBackend backend;

    abstract TestBackend newBackend();

    @Override
    protected MetadataStore openStore(InstantSource clock) {
        backend = newBackend();
        return Stores.open(backend.config().build(), Map.of(), clock);
    }

    @Override
    protected void dropStore() throws Exception {
        if (backend != null) {
            backend.drop();
        }
    }
}
