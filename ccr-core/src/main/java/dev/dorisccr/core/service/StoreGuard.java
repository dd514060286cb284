package dev.dorisccr.core.service;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ForwardingMetadataStore;
import dev.dorisccr.core.spi.MetadataStore;
import java.util.function.Supplier;

/**
 * The store as the engine sees it: a {@link CcrException} from the store passes unchanged; any
 * other exception (an {@code UncheckedIOException}, an {@code IllegalStateException}, a checked
 * exception thrown sneakily, ...) becomes a {@code STORE_UNAVAILABLE} CcrException naming the
 * operation, with the original as its cause. So every layer above (the job runner's checkpoint,
 * the lease manager, a job's start, the API) handles a custom store's surprise the way it handles
 * an unreachable database: retried with back-off, logged once per decision, shown in the job's
 * status. {@link Error}s are not caught. A {@link ForwardingMetadataStore}: one hook for every call.
 */
final class StoreGuard extends ForwardingMetadataStore {
    private StoreGuard(MetadataStore store) {
        super(store);
    }

    static MetadataStore guard(MetadataStore store) {
        requireNonNull(store, "store is null");
        if (store instanceof StoreGuard) {
            return store;
        }
        return new StoreGuard(store);
    }

    @Override
    protected <T> T around(Operation op, String subject, Supplier<T> call) {
        try {
            return call.get();
        } catch (CcrException e) {
            throw e;
        } catch (Exception e) {
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE,
                    "metadata store failed in " + op.label() + ": " + e, e);
        }
    }
}
