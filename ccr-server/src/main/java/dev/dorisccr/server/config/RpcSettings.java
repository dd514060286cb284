package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Timeouts of the calls to the Doris clusters.
 *
 * @param connectTimeout Thrift connect timeout
 * @param rpcTimeout Thrift RPC timeout
 * @param commitTxnTimeout commitTxn timeout as given (commitTxn runs under {@code rpcTimeout})
 */
public record RpcSettings(Duration connectTimeout, Duration rpcTimeout, Duration commitTxnTimeout) {
    /** 10 s, 30 s, 33 s: the Go syncer's. */
    public static final RpcSettings DEFAULTS = new RpcSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(33));

    public RpcSettings {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(rpcTimeout, "rpcTimeout is null");
        requireNonNull(commitTxnTimeout, "commitTxnTimeout is null");
    }
}
