/**
 * Ports of the metadata store: jobs (spec + desired state + secrets, versioned), progress (written
 * under a lease's fencing token) and leases (syncer heartbeats, job ownership). Implemented in
 * {@code ccr-store} (SQLite, MySQL/MariaDB, PostgreSQL) and by {@code InMemoryMetadataStore} in
 * {@code ccr-testkit}. The contract an implementation keeps (exceptions, threads, time, fencing,
 * name limits) is on {@link dev.dorisccr.core.store.MetadataStore}; the contract tests to extend
 * are in {@code dev.dorisccr.testkit.store}.
 *
 * <pre>{@code
 * JobRecord job = store.jobs().create("db1_sync", specJson, DesiredState.RUNNING, Map.of("src.password", pw));
 * JobLease lease = store.leases().tryAcquire("db1_sync", "10.0.0.5:9190", clock.instant(), ttl).orElseThrow();
 * store.progress().put("db1_sync", progressJson, lease.token()); // LEASE_LOST once another syncer took over
 * }</pre>
 */
package dev.dorisccr.core.store;
