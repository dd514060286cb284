package dev.dorisccr.core.store;

/** One opened metadata store: its three ports over one connection pool. */
public interface MetadataStore extends AutoCloseable {
    JobStore jobs();

    ProgressStore progress();

    LeaseStore leases();

    /** Closes the connection pool; the ports fail afterwards. */
    @Override
    void close();
}
