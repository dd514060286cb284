/**
 * What the FE and BE Thrift clients share: pooled connections with timeouts
 * ({@link dev.dorisccr.thrift.rpc.ThriftConnections}) and the mapping of a Doris {@code TStatus} to
 * a coded {@code CcrException} ({@link dev.dorisccr.thrift.rpc.DorisStatus}). A package of its own
 * so that {@code thrift.fe} and {@code thrift.be} depend on it and nothing depends back (no package
 * cycle with {@code dev.dorisccr.thrift}, which wires them).
 *
 * <pre>{@code
 * ThriftConnections connections = new ThriftConnections(Duration.ofSeconds(10), Duration.ofSeconds(30), 8);
 * FeClient fe = new ThriftFeClient(cluster, connections);
 * }</pre>
 */
package dev.dorisccr.thrift.rpc;
