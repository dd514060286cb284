package dev.dorisccr.server.config;

/**
 * How the jobs read the source's binlog.
 *
 * @param binlogBatchSize binlogs fetched per getBinlog call
 */
public record PacingSettings(int binlogBatchSize) {
    /** 100 binlogs a call. */
    public static final PacingSettings DEFAULTS = new PacingSettings(100);

    public PacingSettings {
        if (binlogBatchSize < 1) {
            throw new IllegalArgumentException("binlogBatchSize < 1");
        }
    }
}
