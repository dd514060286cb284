package dev.dorisccr.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.dorisccr.server.config.LogLevel;
import dev.dorisccr.server.config.LogSettings;
import dev.dorisccr.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogSetupTest {
    private static final String RECORD = "^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}] (TRACE|DEBUG|INFO|WARN|ERROR) .*";
    private static final Logger log = LoggerFactory.getLogger(LogSetupTest.class);

    @TempDir Path dir;

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    private Path configure(LogLevel level, LogSettings.Rotation rotation) {
        Path file = dir.resolve("log/ccr_syncer.log");
        LogSetup.configure(ServerConfig.builder(dir)
                .log(LogSettings.DEFAULTS.withFile(file).withLevel(level).withRotation(rotation)).build());
        return file;
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void linesHaveTheGoFormatWithTheJobFromTheMdcAndNoHooksAtInfo() throws Exception {
        Path file = configure(LogLevel.INFO, LogSettings.Rotation.GO_DEFAULTS);

        try (MDC.MDCCloseable ignored = MDC.putCloseable(JobHooksConverter.JOB_KEY, "ccr_test")) {
            log.info("full sync done");
        }
        log.warn("no job here");
        log.debug("not shown at info");

        assertThat(lines(file)).containsExactly(lines(file).get(0), lines(file).get(1));
        assertThat(lines(file).get(0)).matches(RECORD).endsWith("] INFO full sync done ccrName=ccr_test");
        assertThat(lines(file).get(1)).matches(RECORD).endsWith("] WARN no job here");
    }

    @Test
    void debugAddsTheCallerLikeTheGoHooks() throws Exception {
        Path file = configure(LogLevel.DEBUG, LogSettings.Rotation.GO_DEFAULTS);

        log.debug("hello");

        assertThat(lines(file)).singleElement().asString().matches(RECORD)
                .containsPattern("DEBUG hello line=LogSetupTest\\.java:\\d+$");
    }

    @Test
    void controlCharactersFromUsersCannotForgeALine() throws Exception {
        Path file = configure(LogLevel.INFO, LogSettings.Rotation.GO_DEFAULTS);
        String forged = "db\n[2020-01-01 00:00:00.000] ERROR forged\r\u001b[2J\u2028x";

        try (MDC.MDCCloseable ignored = MDC.putCloseable(JobHooksConverter.JOB_KEY, "job\nERROR")) {
            log.info("create_ccr for database {}", forged);
            log.error("failed", new IllegalStateException("bad name " + forged));
        }

        List<String> lines = lines(file);
        assertThat(lines.get(0)).matches(RECORD).contains("db\\n[2020-01-01 00:00:00.000] ERROR forged\\r\\u001b[2J\\u2028x")
                .endsWith("ccrName=job\\nERROR");
        assertThat(lines.get(1)).matches(RECORD).contains("ERROR failed");
        assertThat(lines.subList(2, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("\t"));
        assertThat(lines.stream().filter(l -> l.matches(RECORD))).hasSize(2);
    }

    @Test
    void libraryLoggersStayAtInfoWhenTheSyncerTraces() throws Exception {
        Path file = configure(LogLevel.TRACE, LogSettings.Rotation.GO_DEFAULTS);

        LoggerFactory.getLogger("io.undertow.Noisy").debug("hidden");
        LoggerFactory.getLogger("dev.dorisccr.core.X").trace("shown");

        assertThat(lines(file)).singleElement().asString().contains("TRACE shown");
    }

    @Test
    void theFileRollsOverAtItsSizeLimit() throws Exception {
        Path file = configure(LogLevel.INFO, new LogSettings.Rotation(4096, 7, 30));
        String filler = "x".repeat(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (rolled().isEmpty() && System.nanoTime() < deadline) {
            log.info(filler);
        }

        assertThat(rolled()).isNotEmpty();
        assertThat(rolled().get(0).getFileName().toString()).matches("ccr_syncer\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log");
        assertThat(file).exists();
    }

    private List<Path> rolled() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("log"))) {
            return s.filter(p -> !p.getFileName().toString().equals("ccr_syncer.log")).toList();
        }
    }

    @Test
    void escapingLeavesOrdinaryTextAlone() {
        assertThat(LogEscaping.escape("C:\\dir ünïcode 表 \"q\"")).isEqualTo("C:\\dir ünïcode 表 \"q\"");
        assertThat(LogEscaping.escape("a\tb\u0000c\u007f\u0085")).isEqualTo("a\\tb\\u0000c\\u007f\\u0085");
        assertThat(LogEscaping.escape(null)).isEqualTo("null");
    }
}
