package dev.dorisccr.core.syncer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The shared source probe ({@code SHOW PROC '/binlog'} once per source cluster per
 * {@code interval} for all its jobs; see {@code docs/engine.md}, "How the polls adapt").
 *
 * @param enabled whether jobs are woken by a shared probe (false: each job polls on its own)
 * @param interval the shortest time between two probe reads of one cluster
 * @param maxRowsPerSecond the most rows a probe reads per second from one cluster: a cluster whose
 *     answer has more than {@code interval × maxRowsPerSecond} rows (databases and tables with
 *     binlog) is read less often, every {@code rows / maxRowsPerSecond}; so a small cluster is
 *     read often (a short wake-up lag) and a cluster of many databases costs the FE and the
 *     syncer no more than this
 * @param servedIdleInterval a probe-served caught-up job's own safety fetch interval (its
 *     getBinlog when nothing moved): it never misses a binlog the probe could not see
 * @param retryInterval time before a failed probe (no ADMIN privilege, an old Doris, the FE
 *     unreachable) is tried again; meanwhile its jobs poll on their own
 */
public record BinlogProbeSettings(boolean enabled, Duration interval, int maxRowsPerSecond,
        Duration servedIdleInterval, Duration retryInterval) {
    /**
     * Defaults: on, at least 250 ms between reads and at most 2,000 rows read a second (so every
     * 250 ms up to 500 rows, every 500 ms at 1,000), a safety fetch every 30 s, a failed probe
     * retried after 60 s.
     */
    public static final BinlogProbeSettings DEFAULTS = new BinlogProbeSettings(true, Duration.ofMillis(250), 2_000,
            Duration.ofSeconds(30), Duration.ofSeconds(60));
    /** No probe: every job polls on its own (the pacing of {@code JobMachine.Config}). */
    public static final BinlogProbeSettings DISABLED = DEFAULTS.withEnabled(false);

    public BinlogProbeSettings {
        positive("interval", interval);
        if (maxRowsPerSecond < 1) {
            throw new IllegalArgumentException("maxRowsPerSecond must be at least 1: " + maxRowsPerSecond);
        }
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
        return new BinlogProbeSettings(v, interval, maxRowsPerSecond, servedIdleInterval, retryInterval);
    }

    public BinlogProbeSettings withInterval(Duration v) {
        return new BinlogProbeSettings(enabled, v, maxRowsPerSecond, servedIdleInterval, retryInterval);
    }

    public BinlogProbeSettings withMaxRowsPerSecond(int v) {
        return new BinlogProbeSettings(enabled, interval, v, servedIdleInterval, retryInterval);
    }

    public BinlogProbeSettings withServedIdleInterval(Duration v) {
        return new BinlogProbeSettings(enabled, interval, maxRowsPerSecond, v, retryInterval);
    }

    /**
     * The wait before the next read of a cluster whose last answer had {@code rows} rows: the
     * {@link #interval()}, or longer so that at most {@link #maxRowsPerSecond()} rows are read a
     * second.
     */
    public Duration pace(int rows) {
        long ms = (long) Math.ceil(rows * 1000.0 / maxRowsPerSecond);
        return ms > interval.toMillis() ? Duration.ofMillis(ms) : interval;
    }
}
