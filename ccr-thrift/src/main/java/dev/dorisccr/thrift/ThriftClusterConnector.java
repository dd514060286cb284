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
import dev.dorisccr.thrift.sql.JdbcSqlClient;
import java.time.Duration;

/**
 * The production {@link ClusterConnector}: Thrift to FEs and BEs over one shared connection pool,
 * JDBC to the FE query port.
 */
public final class ThriftClusterConnector implements ClusterConnector, AutoCloseable {
    private final ThriftConnections connections;
    private final Duration connectTimeout;

    public ThriftClusterConnector(Duration connectTimeout, Duration rpcTimeout) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.connections = new ThriftConnections(connectTimeout, rpcTimeout, 8);
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

    @Override
    public SqlClient sql(ClusterSpec cluster) {
        return new JdbcSqlClient(cluster, 4, connectTimeout);
    }

    @Override
    public void close() {
        connections.close();
    }
}
