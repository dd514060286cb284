package dev.dorisccr.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.store.MetadataStore;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

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

    @Test
    void aClosedHandleFailsWithACodeAndTheOthersGoOn() {
        createJob("j");
        MetadataStore other = openAnother();
        store.close();
        assertCode(() -> store.jobs().list(), ErrorCode.STORE_UNAVAILABLE);
        assertCode(() -> store.progress().get("j"), ErrorCode.STORE_UNAVAILABLE);
        assertCode(() -> store.leases().leases(), ErrorCode.STORE_UNAVAILABLE);
        assertThat(other.jobs().get("j")).isPresent();
    }
}
