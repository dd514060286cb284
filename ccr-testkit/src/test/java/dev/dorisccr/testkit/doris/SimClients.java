package dev.dorisccr.testkit.doris;

import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.testkit.time.ManualScheduler;
import dev.dorisccr.thrift.ThriftClusterConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's tests' side: simulated clusters on one manual clock and the production Thrift and JDBC clients
 * to them, all closed together (the last opened first, then the connector).
 */
final class SimClients implements AutoCloseable {
    /** The clusters' clock and scheduler. */
    final ManualScheduler time = new ManualScheduler();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ThriftClusterConnector connector;

    /** Clients with a 2 s connect timeout and {@code rpcTimeout}. */
    SimClients(Duration rpcTimeout) {
        connector = new ThriftClusterConnector(Duration.ofSeconds(2), rpcTimeout);
    }

    /** Builds {@code b} on {@link #time} and starts it. */
    FakeDorisCluster start(FakeDorisCluster.Builder b) {
        FakeDorisCluster c = b.clock(time).build().start();
        open.add(c);
        return c;
    }

    /** A Thrift client to {@code c}'s master FE. */
    FeClient fe(FakeDorisCluster c) {
        return fe(c, c.masterThriftPort());
    }

    /** A Thrift client to the FE of {@code c} on {@code thriftPort} (a follower, or a former master). */
    FeClient fe(FakeDorisCluster c, int thriftPort) {
        FeClient f = connector.fe(ClusterSpec.of("127.0.0.1", c.mysqlPort(), thriftPort, c.user(), c.password()));
        open.add(f);
        return f;
    }

    /** A JDBC (MySQL protocol) client to {@code c}. */
    SqlClient sql(FakeDorisCluster c) {
        SqlClient s = connector.sql(ClusterSpec.of("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(),
                c.password()));
        open.add(s);
        return s;
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        connector.close();
    }
}
