package dev.dorisccr.thrift;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.thrift.be.ThriftBeClient;
import dev.dorisccr.thrift.fe.ThriftFeClient;
import dev.dorisccr.thrift.rpc.ThriftConnections;
import dev.dorisccr.thrift.sql.SqlPools;
import java.time.Duration;

/**
 * The production {@link ClusterConnector}: Thrift to FEs and BEs over one connection pool per
 * address, JDBC to the FE query port over one pool per endpoint and credentials ({@link SqlPools}).
 * Every job of a syncer shares them: the clients it hands out are cheap handles, and closing one
 * gives back its reference. Thrift connections carry no credentials (each request does), so they
 * are pooled by address alone.
 */
public final class ThriftClusterConnector implements ClusterConnector, AutoCloseable {
    /** Idle Thrift connections kept per address. */
    public static final int MAX_IDLE_THRIFT_PER_ADDRESS = 8;

    private final ThriftConnections connections;
    private final SqlPools sqlPools;

    /** With {@link SqlPools#DEFAULT_MAX_CONNECTIONS} SQL connections per endpoint and credentials. */
    public ThriftClusterConnector(Duration connectTimeout, Duration rpcTimeout) {
        this(connectTimeout, rpcTimeout, SqlPools.DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * @param maxSqlConnections SQL connections per FE endpoint and credentials, shared by every job
     * @throws IllegalArgumentException when {@code maxSqlConnections} is out of range
     */
    public ThriftClusterConnector(Duration connectTimeout, Duration rpcTimeout, int maxSqlConnections) {
        requireNonNull(connectTimeout, "connectTimeout is null");
        this.sqlPools = new SqlPools(maxSqlConnections, connectTimeout);
        this.connections = new ThriftConnections(connectTimeout, rpcTimeout, MAX_IDLE_THRIFT_PER_ADDRESS);
    }

    @Override
    public FeClient fe(ClusterSpec cluster) {
        return new ThriftFeClient(cluster, connections);
    }

    @Override
    public BeClient be(ClusterSpec cluster, String host, int bePort) {
        return new ThriftBeClient(cluster.hostMapping().map(host), bePort, connections, ThriftBeClient.Pacer.PARK,
                Duration.ofSeconds(1), Duration.ofMinutes(10));
    }

    /** A client of the shared pool of this FE and credentials; closing it gives back its reference. */
    @Override
    public SqlClient sql(ClusterSpec cluster) {
        return sqlPools.client(cluster);
    }

    /** The SQL pools (for metrics and tests: how many are open, their names). */
    public SqlPools sqlPools() {
        return sqlPools;
    }

    @Override
    public void close() {
        connections.close();
        sqlPools.close();
    }
}
