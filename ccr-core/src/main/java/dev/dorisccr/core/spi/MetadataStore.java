package dev.dorisccr.core.spi;

/**
 * One opened metadata store: its three ports over one connection pool (or whatever the technology
 * shares). This is the SPI an embedder implements to keep jobs somewhere else; {@code
 * dev.dorisccr.testkit.store.AbstractMetadataStoreContractTest} and {@code
 * AbstractJobLeaseManagerContractTest} in ccr-testkit check an implementation against this
 * contract, and {@code InMemoryMetadataStore} there is a complete example.
 *
 * <h2>The contract, for every port</h2>
 *
 * <ul>
 *   <li><b>Exceptions.</b> Fail with a {@link dev.dorisccr.core.error.CcrException} whose code is
 *       one of those the method documents: {@code INVALID_ARGUMENT} for bad input (checked
 *       before anything changes), {@code JOB_NOT_FOUND}, {@code JOB_ALREADY_EXISTS}, {@code
 *       VERSION_CONFLICT}, {@code LEASE_LOST}, {@code SECRET_UNREADABLE}, and {@code
 *       STORE_UNAVAILABLE} for anything that kept the store from answering (I/O, timeouts, a
 *       closed store); the engine retries that one with back-off. A failed call changes
 *       nothing. Any other exception type (an {@code UncheckedIOException}, an {@code
 *       IllegalStateException}, a checked exception thrown sneakily) is treated by the engine
 *       as {@code STORE_UNAVAILABLE}: retried with back-off, logged and shown in the job's
 *       status, never a silent stall. Do not rely on that for the other codes: an existing
 *       name reported as an {@code IllegalStateException} is retried instead of refused.
 *       {@link Error}s are not caught.
 *   <li><b>Threads and processes.</b> Every method may be called at the same time from many
 *       threads (the job runners on a shared pool, the lease tick, the HTTP API) and, in high
 *       availability, from several processes each with its own handle on the same data. Each
 *       call is atomic: concurrent creates of one name have one winner, concurrent {@link
 *       LeaseStore#tryAcquire} of one job has at most one winner, and {@link ProgressStore#put}
 *       checks the fencing token in the same atomic step as it writes.
 *   <li><b>Time.</b> The store stamps the times of the records it writes ({@link
 *       JobRecord#createdAt()}, {@link JobRecord#updatedAt()}, {@link ProgressRecord#updatedAt()})
 *       with the clock it was opened with, which is the engine's clock. Lease and heartbeat times
 *       are given by the caller ({@code now}); the store compares them and never reads a clock of
 *       its own for them. A lease is valid while {@code now < expiresAt}.
 *   <li><b>Fencing is by token, not by time.</b> A progress write or a renewal with the token of
 *       the job's current lease succeeds even after that lease expired, as long as no one took
 *       the lease since (the owner stops its job before expiry by itself; the store only has to
 *       refuse an owner that was superseded). A release keeps the token current until the next
 *       acquisition.
 *   <li><b>Names.</b> Job names are checked by {@link StoreNames#requireJobName} (1 to {@link
 *       StoreNames#MAX_JOB_NAME_LENGTH} characters, not blank, no control characters), the one
 *       limit every layer uses; syncer addresses by {@link StoreNames#requireAddress}; secret
 *       names are 1 to {@link StoreNames#MAX_LENGTH} characters. Specs and progress are opaque
 *       text of any length (progress of a database job with many tables runs to megabytes).
 *   <li><b>Order and versions.</b> Lists are ordered by job name (syncers by address). Job
 *       versions and fencing tokens are unique across the store and only grow, so a version read
 *       before a delete never matches the job created again under that name.
 * </ul>
 */
public interface MetadataStore extends AutoCloseable {
    JobStore jobs();

    ProgressStore progress();

    LeaseStore leases();

    /**
     * Closes this handle (its connection pool); the ports fail with {@code STORE_UNAVAILABLE}
     * afterwards. Closing twice does nothing. Other handles on the same data are not affected.
     */
    @Override
    void close();
}
