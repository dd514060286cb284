package dev.dorisccr.server.logging;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.dorisccr.server.config.LogLevel;
import dev.dorisccr.server.config.LogSettings;
import dev.dorisccr.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback from the flags: the Go syncer's line format, {@code [2006-01-02 15:04:05.000]
 * LEVEL message ccrName=<job> line=<file:line>} (line only at debug and trace, as the Go syncer
 * prints its hooks), control characters escaped; to a rotated file ({@code -log_filename}) or to
 * stdout. {@code -log_level} applies to the syncer's own loggers; libraries log at info or above.
 * When the JVM was started with {@code -Dlogback.configurationFile}, that file rules and nothing
 * is changed.
 */
public final class LogSetup {
    /** The line format; {@code %ccrhooks{line}} adds the caller. */
    public static final String PATTERN = "[%d{yyyy-MM-dd HH:mm:ss.SSS}] %level %cmsg%ccrhooks%n%cex";
    private static final String PATTERN_WITH_LINE = "[%d{yyyy-MM-dd HH:mm:ss.SSS}] %level %cmsg%ccrhooks{line}%n%cex";

    private LogSetup() {}

    /** True when an operator-supplied Logback file configures logging. */
    public static boolean externallyConfigured() {
        return System.getProperty("logback.configurationFile") != null;
    }

    /** Replaces the Logback configuration according to {@code config}. */
    public static void configure(ServerConfig config) {
        requireNonNull(config, "config is null");
        if (externallyConfigured()) {
            return;
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        boolean withLine = config.log().level() == LogLevel.TRACE || config.log().level() == LogLevel.DEBUG;
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Optional<Path> file = config.log().file();
        if (file.isPresent()) {
            root.addAppender(rollingFile(ctx, file.get(), config.log().rotation(), withLine));
            if (config.log().alsoToStderr()) {
                root.addAppender(console(ctx, "System.err", withLine));
            }
        } else {
            root.addAppender(console(ctx, "System.out", withLine));
        }
        Level own = Level.toLevel(config.log().level().name());
        root.setLevel(own.isGreaterOrEqual(Level.INFO) ? own : Level.INFO);
        ctx.getLogger("dev.dorisccr").setLevel(own);
    }

    static PatternLayout layout(LoggerContext ctx, boolean withLine) {
        PatternLayout layout = new PatternLayout();
        layout.getInstanceConverterMap().put("cmsg", EscapedMessageConverter::new);
        layout.getInstanceConverterMap().put("ccrhooks", JobHooksConverter::new);
        layout.getInstanceConverterMap().put("cex", EscapedThrowableConverter::new);
        layout.setPattern(withLine ? PATTERN_WITH_LINE : PATTERN);
        layout.setContext(ctx);
        layout.start();
        return layout;
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext ctx, boolean withLine) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout(ctx, withLine));
        encoder.start();
        return encoder;
    }

    private static OutputStreamAppender<ILoggingEvent> console(LoggerContext ctx, String target, boolean withLine) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(ctx);
        a.setName(target.equals("System.out") ? "STDOUT" : "STDERR");
        a.setTarget(target);
        a.setEncoder(encoder(ctx, withLine));
        a.start();
        return a;
    }

    private static OutputStreamAppender<ILoggingEvent> rollingFile(LoggerContext ctx, Path file,
            LogSettings.Rotation rotation, boolean withLine) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory of " + file, e);
        }
        RollingFileAppender<ILoggingEvent> a = new RollingFileAppender<>();
        a.setContext(ctx);
        a.setName("FILE");
        a.setFile(file.toString());
        a.setAppend(true);
        a.setEncoder(encoder(ctx, withLine));
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(a);
        String name = file.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        policy.setFileNamePattern(file.resolveSibling(base + ".%d{yyyy-MM-dd}.%i.log").toString());
        policy.setMaxFileSize(new FileSize(rotation.maxFileBytes()));
        policy.setMaxHistory(rotation.maxAgeDays());
        policy.setTotalSizeCap(new FileSize(rotation.maxFileBytes() * rotation.maxBackups()));
        policy.setCleanHistoryOnStart(true);
        policy.start();
        a.setRollingPolicy(policy);
        a.setTriggeringPolicy(policy);
        a.start();
        if (!a.isStarted()) {
            throw new IllegalStateException("cannot open the log file " + file);
        }
        return a;
    }
}
