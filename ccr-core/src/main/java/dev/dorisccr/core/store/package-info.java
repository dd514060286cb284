/**
 * Ports of the metadata store: jobs (spec + desired state + secrets, versioned), progress (written
 * under a lease's fencing token) and leases (syncer heartbeats, job ownership). Implemented in
 * {@code ccr-store}.
 *
 * <pre>{@code
 * JobRecord job = store.jobs().create("db1_sync", specJson, DesiredState.RUNNING, Map.of("src.password", pw));
 * JobLease lease = store.leases().tryAcquire("db1_sync", "10.0.0.5:9190", clock.instant(), ttl).orElseThrow();
 * store.progress().put("db1_sync", progressJson, lease.token()); // LEASE_LOST once another syncer took over
 * }</pre>
 */
package dev.dorisccr.core.store;
