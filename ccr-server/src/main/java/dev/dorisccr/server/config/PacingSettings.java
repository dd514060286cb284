package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.syncer.BinlogProbeSettings;
import java.time.Duration;

/**
 * How the jobs read the source's binlog.
 *
 * @param binlogBatchSize binlogs fetched per getBinlog call
 * @param binlogProbeInterval the time between two reads of the shared source binlog probe, zero for none
 */
public record PacingSettings(int binlogBatchSize, Duration binlogProbeInterval) {
    /** 100 binlogs a call; the probe every 500 ms. */
    public static final PacingSettings DEFAULTS = new PacingSettings(100, BinlogProbeSettings.DEFAULTS.interval());

    public PacingSettings {
        if (binlogBatchSize < 1) {
            throw new IllegalArgumentException("binlogBatchSize < 1");
        }
        requireNonNull(binlogProbeInterval, "binlogProbeInterval is null");
        if (binlogProbeInterval.isNegative()) {
            throw new IllegalArgumentException("binlogProbeInterval < 0");
        }
    }

    /** The probe as the engine takes it: off for a zero interval. */
    public BinlogProbeSettings binlogProbe() {
        return binlogProbeInterval.isZero() ? BinlogProbeSettings.DISABLED
                : BinlogProbeSettings.DEFAULTS.withInterval(binlogProbeInterval);
    }
}
