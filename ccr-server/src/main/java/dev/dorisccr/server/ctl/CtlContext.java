package dev.dorisccr.server.ctl;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What {@code ctl} takes from its process, injected so tests can give their own: environment
 * variables (passwords), stdin ({@code --file -}), the pause between two {@code watch} frames,
 * the clock that stamps them, and whether stdout is a terminal (redraw in place).
 *
 * @param env a variable's value, or null when it is not set
 * @param stdin what {@code --file -} reads
 * @param pause waits between two {@code watch} frames
 * @param clock stamps {@code watch} frames
 * @param terminal whether stdout is a terminal: {@code watch} then clears the screen between frames
 */
public record CtlContext(UnaryOperator<String> env, InputStream stdin, Pause pause, Clock clock, boolean terminal) {
    public CtlContext {
        requireNonNull(env, "env is null");
        requireNonNull(stdin, "stdin is null");
        requireNonNull(pause, "pause is null");
        requireNonNull(clock, "clock is null");
    }

    /** The process's own environment, stdin, clock and console. */
    public static CtlContext system() {
        return new CtlContext(System::getenv, System.in, Pause.REAL, Clock.systemDefaultZone(), System.console() != null);
    }

    /** The wait between two frames of {@code watch}. */
    @FunctionalInterface
    public interface Pause {
        /** Waits in real time: the operator watches the screen. */
        Pause REAL = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

        void pause(Duration d) throws InterruptedException;
    }
}
