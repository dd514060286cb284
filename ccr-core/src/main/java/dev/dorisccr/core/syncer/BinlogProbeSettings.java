package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The shared source probe ({@code SHOW PROC '/binlog'} once per source cluster per
 * {@code interval} for all its jobs; see {@code docs/engine.md}, "How the polls adapt").
 *
 * @param enabled whether jobs are woken by a shared probe (false: each job polls on its own)
 * @param interval time between two probe reads of one cluster
 * @param servedIdleInterval a probe-served caught-up job's own safety fetch interval (its
 *     getBinlog when nothing moved): it never misses a binlog the probe could not see
 * @param retryInterval time before a failed probe (no ADMIN privilege, an old Doris, the FE
 *     unreachable) is tried again; meanwhile its jobs poll on their own
 */
public record BinlogProbeSettings(boolean enabled, Duration interval, Duration servedIdleInterval,
        Duration retryInterval) {
    /** Defaults: on, 500 ms between reads, a safety fetch every 30 s, a failed probe retried after 60 s. */
    public static final BinlogProbeSettings DEFAULTS = new BinlogProbeSettings(true, Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    /** No probe: every job polls on its own (the pacing of {@code JobMachine.Config}). */
    public static final BinlogProbeSettings DISABLED = DEFAULTS.withEnabled(false);

    public BinlogProbeSettings {
        positive("interval", interval);
        positive("servedIdleInterval", servedIdleInterval);
        positive("retryInterval", retryInterval);
    }

    private static void positive(String name, Duration d) {
        requireNonNull(d, name + " is null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    public BinlogProbeSettings withEnabled(boolean v) {
        return new BinlogProbeSettings(v, interval, servedIdleInterval, retryInterval);
    }

    public BinlogProbeSettings withInterval(Duration v) {
        return new BinlogProbeSettings(enabled, v, servedIdleInterval, retryInterval);
    }

    public BinlogProbeSettings withServedIdleInterval(Duration v) {
        return new BinlogProbeSettings(enabled, interval, v, retryInterval);
    }
}
