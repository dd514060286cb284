/**
 * The SPI: the engine's ports, all in this one package, to the Doris clusters, to time and to the
 * metadata store; what a custom metadata store or cluster client implements, and the values those
 * ports carry. Public API for implementers (docs/embedding.md, section 8, lists every type here:
 * {@code ClusterSpec} and the store types the front door reaches, the rest as the SPI). Nothing
 * here depends on any other package of the job logic.
 *
 * <h2>Clusters and time</h2>
 * {@link dev.dorisccr.core.spi.ClusterConnector} makes a cluster's
 * {@link dev.dorisccr.core.spi.FeClient}, {@link dev.dorisccr.core.spi.BeClient} and
 * {@link dev.dorisccr.core.spi.SqlClient} from its {@link dev.dorisccr.core.spi.ClusterSpec};
 * {@link dev.dorisccr.core.spi.Scheduler} is the only way the engine waits. The values they carry
 * ({@code BinlogFetch}, {@code SnapshotData}, {@code TabletCommit}, ...) live here too. The
 * production adapters are in {@code ccr-thrift}.
 *
 * <h2>Metadata store</h2>
 * {@link dev.dorisccr.core.spi.MetadataStore}: jobs (spec + desired state + secrets, versioned),
 * progress (written under a lease's fencing token) and leases (syncer heartbeats, job ownership).
 * Implemented in {@code ccr-store} (SQLite, MySQL/MariaDB, PostgreSQL) and by
 * {@code InMemoryMetadataStore} in {@code ccr-testkit}. The contract an implementation keeps
 * (exceptions, threads, time, fencing, name limits) is on {@code MetadataStore}; the contract
 * tests to extend are in {@code dev.dorisccr.testkit.store}.
 *
 * <pre>{@code
 * JobRecord job = store.jobs().create("db1_sync", specJson, DesiredState.RUNNING, Map.of("src.password", pw));
 * JobLease lease = store.leases().tryAcquire("db1_sync", "10.0.0.5:9190", clock.instant(), ttl).orElseThrow();
 * store.progress().put("db1_sync", progressJson, lease.token()); // LEASE_LOST once another syncer took over
 * }</pre>
 *
 * <p>An embedder meets few of these types: {@code ClusterSpec}, the address of a cluster,
 * {@code MetadataStore} when bringing their own store, and (in tests) {@code Scheduler}:
 *
 * <pre>{@code
 * ClusterSpec source = ClusterSpec.of("src-fe", 9030, 9020, "root", "secret");
 * CcrEngine engine = CcrEngine.builder().sqliteStore(path).scheduler(manualScheduler).build();
 * }</pre>
 */
package dev.dorisccr.core.spi;
