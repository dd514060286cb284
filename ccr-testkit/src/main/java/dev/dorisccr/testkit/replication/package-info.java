/**
 * Replication tests over two simulated Doris clusters: {@link
 * dev.dorisccr.testkit.replication.DorisClusterPair} (a JUnit 5 extension starting a source and a
 * target cluster with ready {@code ClusterSpec}s), {@link
 * dev.dorisccr.testkit.replication.ReplicaComparison} (target against source: rows, schema, keys,
 * partitions, distribution, {@code is_being_synced}) and {@link
 * dev.dorisccr.testkit.replication.ReplicationAssertions} (the same as test failures).
 *
 * <pre>{@code
 * @RegisterExtension
 * final DorisClusterPair clusters = DorisClusterPair.builder().backends(2).build();
 * ...
 * clusters.assertDatabaseReplicated("shop", "shop");
 * }</pre>
 */
package dev.dorisccr.testkit.replication;
