package dev.dorisccr.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * How to reach one Doris cluster: its master FE (MySQL port and Thrift rpc port), the credentials,
 * and the host mapping. This is the connection part of the Go syncer's {@code src}/{@code dest}
 * spec; the database/table scope lives in the job spec.
 *
 * @param host FE host (as given by the user; the master may be discovered elsewhere)
 * @param port FE MySQL (query) port, e.g. 9030
 * @param thriftPort FE rpc port, e.g. 9020
 * @param user Doris user
 * @param password Doris password (never logged)
 * @param cluster the Doris cluster name, "" when unused
 * @param hostMapping reported address -> dialable address
 */
public record ClusterSpec(
        String host, int port, int thriftPort, String user, Secret password, String cluster, HostMapping hostMapping) {
    public ClusterSpec {
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(hostMapping, "hostMapping is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        checkPort("port", port);
        checkPort("thriftPort", thriftPort);
    }

    public static ClusterSpec of(String host, int port, int thriftPort, String user, String password) {
        return new ClusterSpec(host, port, thriftPort, user, Secret.of(password), "", HostMapping.none());
    }

    public ClusterSpec withHostMapping(HostMapping mapping) {
        return new ClusterSpec(host, port, thriftPort, user, password, cluster, mapping);
    }

    private static void checkPort(String name, int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }
}
