package dev.dorisccr.server.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The distribution {@code mvn package} built: the Go syncer's layout, and its launcher runs from lib/. */
class DistributionIT {
    private static Path target() {
        return Path.of(System.getProperty("ccr.root", "..")).resolve("ccr-server/target");
    }

    private static Path distDir() throws IOException {
        try (Stream<Path> s = Files.list(target())) {
            Path dist = s.filter(p -> p.getFileName().toString().matches("ccr-syncer-.*-dist") && Files.isDirectory(p))
                    .findFirst().orElseThrow(() -> new AssertionError("no distribution folder under " + target()));
            try (Stream<Path> inner = Files.list(dist)) {
                return inner.findFirst().orElseThrow();
            }
        }
    }

    private static String run(Path dir, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("CCR_CLASSPATH");
        pb.environment().remove("CCR_HOME");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theFolderHasTheGoLayout() throws Exception {
        Path home = distDir();

        for (String script : List.of("ccr_syncer", "start_syncer.sh", "stop_syncer.sh", "enable_db_binlog.sh")) {
            assertThat(home.resolve("bin").resolve(script)).isExecutable();
        }
        assertThat(home.resolve("lib/ccr-syncer.jar")).isRegularFile();
        assertThat(home.resolve("db")).isDirectory();
        assertThat(home.resolve("log")).isDirectory();
        assertThat(home.resolve("conf/db.conf")).isRegularFile();
        assertThat(home.resolve("conf/logback.xml.sample")).isRegularFile();
        assertThat(home.resolve("doc/operations.md")).isRegularFile();
        assertThat(home.resolve("doc/README.md")).isRegularFile();
    }

    @Test
    void theTarballHoldsTheSameTree() throws Exception {
        Path home = distDir();
        Path tarball = target().resolve(home.getParent().getFileName() + ".tar.gz");

        String listing = run(target(), List.of("tar", "tzvf", tarball.toString()));

        String base = home.getFileName().toString();
        assertThat(listing).contains(base + "/bin/start_syncer.sh").contains(base + "/lib/ccr-syncer.jar")
                .contains(base + "/db/").contains(base + "/log/").contains(base + "/conf/db.conf")
                .containsPattern("-rwxr-xr-x .* " + base + "/bin/ccr_syncer");
    }

    @Test
    void theLauncherRunsFromLib() throws Exception {
        Path home = distDir();

        String out = run(home.resolve("bin"), List.of(home.resolve("bin/ccr_syncer").toString(), "-version"));

        assertThat(out.strip()).as("the version from the jar manifest").matches("ccr-syncer \\d+\\.\\d+\\.\\d+\\S*")
                .doesNotContain("-dev");
    }
}
