package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The syncer's log: the {@code -log_*} flags.
 *
 * @param level level of the syncer's own loggers
 * @param file log file, empty for stdout
 * @param alsoToStderr with a log file, also write every line to stderr
 * @param rotation size, age and count limits of the rotated log files
 */
public record LogSettings(LogLevel level, Optional<Path> file, boolean alsoToStderr, Rotation rotation) {
    /** info to stdout, the Go syncer's rotation limits. */
    public static final LogSettings DEFAULTS = new LogSettings(LogLevel.INFO, Optional.empty(), false,
            Rotation.GO_DEFAULTS);

    public LogSettings {
        requireNonNull(level, "level is null");
        requireNonNull(file, "file is null");
        requireNonNull(rotation, "rotation is null");
    }

    public LogSettings withLevel(LogLevel v) {
        return new LogSettings(v, file, alsoToStderr, rotation);
    }

    /** A copy logging to {@code v}; null for stdout. */
    public LogSettings withFile(Path v) {
        return new LogSettings(level, Optional.ofNullable(v), alsoToStderr, rotation);
    }

    public LogSettings withAlsoToStderr(boolean v) {
        return new LogSettings(level, file, v, rotation);
    }

    public LogSettings withRotation(Rotation v) {
        return new LogSettings(level, file, alsoToStderr, v);
    }

    /**
     * Limits of the rotated log files, like the Go syncer's lumberjack settings.
     *
     * @param maxFileBytes a file rolls over at this size
     * @param maxAgeDays rolled files older than this are deleted
     * @param maxBackups at most this many rolled files are kept
     */
    public record Rotation(long maxFileBytes, int maxAgeDays, int maxBackups) {
        /** 1 GiB, 7 days, 30 files: the Go syncer's. */
        public static final Rotation GO_DEFAULTS = new Rotation(1L << 30, 7, 30);

        public Rotation {
            if (maxFileBytes < 1024) {
                throw new IllegalArgumentException("maxFileBytes < 1 KiB");
            }
            if (maxAgeDays < 1) {
                throw new IllegalArgumentException("maxAgeDays < 1");
            }
            if (maxBackups < 1) {
                throw new IllegalArgumentException("maxBackups < 1");
            }
        }
    }
}
