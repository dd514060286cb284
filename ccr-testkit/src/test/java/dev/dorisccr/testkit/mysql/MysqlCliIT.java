package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The mariadb / mysql command-line client against the server (skipped if not installed). */
class MysqlCliIT {

    private static Optional<File> cli() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("mariadb", "mysql")) {
            for (String dir : path.split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void commandLineClientRunsAQuery() throws IOException, InterruptedException {
        Optional<File> cli = cli();
        assumeTrue(cli.isPresent(), "no mariadb/mysql client on PATH");
        ExecutorService executor = Executors.newCachedThreadPool();
        try (MysqlProtocolServer server = MysqlProtocolServer.builder()
                .users(Users.of("root", "secret"))
                .handler(new SampleHandler())
                .executor(executor)
                .start()) {
            Process p = new ProcessBuilder(cli.get().getPath(), "--no-defaults", "--protocol=TCP",
                    "-h", "127.0.0.1", "-P", String.valueOf(server.port()), "-u", "root",
                    "-psecret", "--batch", "-D", "db1", "-e", "SHOW DATABASES; SELECT typed")
                    .redirectErrorStream(true)
                    .start();
            boolean finished = p.waitFor(30, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(finished).as("client finished; output: %s", out).isTrue();
            assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
            assertThat(out).contains("Database\ndb1\ninformation_schema\n");
            assertThat(out).contains("9007199254740993\t42\t0.5\t2026-01-02 03:04:05");
            assertThat(out).contains("NULL\tNULL");
        } finally {
            executor.shutdownNow();
        }
    }
}
