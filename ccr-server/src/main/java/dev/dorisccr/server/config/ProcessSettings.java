package dev.dorisccr.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the syncer process runs: {@code -daemon}, {@code -pid_dir}, {@code -start_timeout}.
 *
 * @param daemon start in the background and return once the HTTP API answers
 * @param pidDir where {@code <host>_<port>.pid} is written, empty for no pid file
 * @param startTimeout how long {@code --daemon} waits for the HTTP API
 */
public record ProcessSettings(boolean daemon, Optional<Path> pidDir, Duration startTimeout) {
    /** In the foreground, no pid file, 60 s for {@code --daemon}. */
    public static final ProcessSettings DEFAULTS = new ProcessSettings(false, Optional.empty(), Duration.ofSeconds(60));

    public ProcessSettings {
        requireNonNull(pidDir, "pidDir is null");
        requireNonNull(startTimeout, "startTimeout is null");
    }
}
