/**
 * The ports to the Doris clusters and to time: {@link dev.dorisccr.core.spi.ClusterConnector}
 * makes a cluster's {@link dev.dorisccr.core.spi.FeClient}, {@link dev.dorisccr.core.spi.BeClient}
 * and {@link dev.dorisccr.core.spi.SqlClient} from its {@link dev.dorisccr.core.spi.ClusterSpec};
 * {@link dev.dorisccr.core.spi.Scheduler} is the only way the engine waits. The values they carry
 * ({@code BinlogFetch}, {@code SnapshotData}, {@code TabletCommit}, ...) live here too, so the
 * package depends on no other package of the job logic. The production adapters are in
 * {@code ccr-thrift}; the metadata store's ports are in {@code dev.dorisccr.core.store}.
 *
 * <p>An embedder meets two of these types: {@code ClusterSpec}, the address of a cluster, and
 * (in tests) {@code Scheduler}:
 *
 * <pre>{@code
 * ClusterSpec source = ClusterSpec.of("src-fe", 9030, 9020, "root", "secret");
 * CcrEngine engine = CcrEngine.builder().sqliteStore(path).scheduler(manualScheduler).build();
 * }</pre>
 */
package dev.dorisccr.core.spi;
