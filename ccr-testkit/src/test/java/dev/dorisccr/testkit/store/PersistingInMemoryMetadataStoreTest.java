package dev.dorisccr.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.testkit.store.InMemoryMetadataStore.Contents;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The persisting in-memory store keeps the whole contract (the kit runs against it, every handle
 * reopened from the last contents written, as a durable store would be), and a change counts only
 * once its writer took it: a failing writer undoes the change.
 */
class PersistingInMemoryMetadataStoreTest extends AbstractMetadataStoreContractTest {
    private final List<Contents> written = new ArrayList<>();
    private boolean failWrites;
    private InMemoryMetadataStore data;

    private void write(Contents c) {
        if (failWrites) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "injected write failure");
        }
        written.add(c);
    }

    @Override
    protected MetadataStore openStore(InstantSource clock) {
        if (data == null) {
            data = InMemoryMetadataStore.persisting(clock, Contents.EMPTY, this::write);
            return data;
        }
        return data.share();
    }

    /** A store reopened from what the writer last got holds what the first one held. */
    @Test
    void theLastContentsWrittenAreTheWholeStore() {
        store.jobs().create("j", SPEC, DesiredState.RUNNING, Map.of("src.password", PASSWORD));
        JobLease lease = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        store.progress().put("j", "{\"seq\":1}", lease.token());
        Contents last = written.get(written.size() - 1);
        assertThat(last).isEqualTo(data.contents());
        InMemoryMetadataStore reopened = InMemoryMetadataStore.persisting(clock, last, c -> { });
        assertThat(reopened.jobs().get("j")).isEqualTo(store.jobs().get("j"));
        assertThat(reopened.progress().get("j")).isEqualTo(store.progress().get("j"));
        assertThat(reopened.leases().leases()).isEqualTo(store.leases().leases());
        // the sequence goes on from the contents: a new token is greater than every one given out
        JobLease other = reopened.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        assertThat(other.token()).isGreaterThan(lease.token());
    }

    @Test
    void aChangeTheWriterRefusesIsUndoneAndFailsWithItsCode() {
        store.jobs().create("j", SPEC, DesiredState.RUNNING, Map.of());
        JobLease lease = store.leases().tryAcquire("j", "10.0.0.1:9190", clock.instant(), TTL).orElseThrow();
        Contents before = data.contents();
        int writes = written.size();
        failWrites = true;
        assertThatThrownBy(() -> store.jobs().create("k", SPEC, DesiredState.RUNNING, Map.of()))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThatThrownBy(() -> store.progress().put("j", "{}", lease.token())).isInstanceOf(CcrException.class);
        assertThatThrownBy(() -> store.leases().renew(lease, clock.instant(), TTL)).isInstanceOf(CcrException.class);
        assertThatThrownBy(() -> store.jobs().delete("j", store.jobs().get("j").orElseThrow().version()))
                .isInstanceOf(CcrException.class);
        assertThat(data.contents()).as("nothing changed").isEqualTo(before);
        assertThat(written).hasSize(writes);
        failWrites = false;
        assertThat(store.jobs().get("k")).isEmpty();
        store.progress().put("j", "{}", lease.token()); // the lease and its token are still the same
        assertThat(written).hasSize(writes + 1);
    }

    @Test
    void readsAndRefusedCallsDoNotWrite() {
        store.jobs().create("j", SPEC, DesiredState.RUNNING, Map.of());
        int writes = written.size();
        store.jobs().list();
        store.leases().syncers();
        assertThatThrownBy(() -> store.jobs().create("j", SPEC, DesiredState.RUNNING, Map.of()))
                .isInstanceOf(CcrException.class);
        assertThatThrownBy(() -> store.progress().put("j", "{}", 12345)).isInstanceOf(CcrException.class);
        assertThat(written).hasSize(writes);
    }
}
