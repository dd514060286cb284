package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.syncer.PreflightReport.Check;
import dev.dorisccr.core.syncer.PreflightReport.Outcome;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The checks of {@code create_ccr} that depend on a cluster alone (the connection over the MySQL
 * protocol and Thrift, the backends, the Doris version, {@code enable_feature_binlog}), kept for a
 * short time once they all passed, so that many creates against the same clusters (1,000 jobs
 * created in a row) ask each FE once per time to live instead of eight round trips per create.
 * Keyed by the whole {@link ClusterSpec}, the password included: another password, user, port or
 * host is checked afresh, so a bad one gets the same error as before. Only a cluster whose every
 * such check was {@code OK} is kept; a warning or a failure is always checked again. Thread-safe.
 */
final class ClusterChecks {
    /** How long a cluster's passed checks answer for it: as long as the shared database listing. */
    static final Duration DEFAULT_TTL = DatabaseIds.DEFAULT_TTL;

    /**
     * @param checks the passed checks, named without their side ({@code sql}, {@code thrift}, ...)
     * @param version the Doris version read ({@code [major, minor, patch]})
     */
    record Passed(long atMs, List<Check> checks, int[] version) {}

    /** The checks kept, named without their side. */
    static final java.util.Set<String> NAMES = java.util.Set.of("sql", "thrift", "backends", "version",
            "enable_feature_binlog");

    private final InstantSource clock;
    private final long ttlMs;
    private final ConcurrentMap<ClusterSpec, Passed> passed = new ConcurrentHashMap<>();

    ClusterChecks(InstantSource clock, Duration ttl) {
        this.clock = requireNonNull(clock, "clock is null");
        this.ttlMs = requireNonNull(ttl, "ttl is null").toMillis();
    }

    /** The checks of {@code cluster} that all passed within the time to live, if any. */
    Optional<Passed> get(ClusterSpec cluster) {
        Passed p = passed.get(cluster);
        if (p == null || clock.millis() - p.atMs() >= ttlMs) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Keeps {@code checks} (named without their side) when every one is OK; forgets the cluster otherwise. */
    void put(ClusterSpec cluster, List<Check> checks, int[] version) {
        boolean complete = checks.stream().map(Check::name).collect(java.util.stream.Collectors.toSet()).equals(NAMES);
        if (version != null && complete && checks.stream().allMatch(c -> c.outcome() == Outcome.OK)) {
            passed.put(cluster, new Passed(clock.millis(), List.copyOf(checks), version.clone()));
        } else {
            passed.remove(cluster);
        }
    }
}
