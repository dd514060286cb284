package dev.dorisccr.core.spi;

/**
 * Makes the clients of a cluster from its {@link ClusterSpec}. Clients are cheap handles over
 * shared pools; close them when done.
 */
public interface ClusterConnector {
    FeClient fe(ClusterSpec cluster);

    /** A client of the BE at {@code host:bePort} as the cluster reports it (host mapping applied inside). */
    BeClient be(ClusterSpec cluster, String host, int bePort);

    SqlClient sql(ClusterSpec cluster);
}
