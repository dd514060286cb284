package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A distribution home in a temporary folder, laid out as {@code mvn package} builds it ({@code
 * bin/} with the real scripts from {@code src/dist}, {@code conf/}, {@code db/}, {@code log/}), whose
 * {@code bin/ccr_syncer} runs this build's classes ({@code CCR_CLASSPATH}). Runs the scripts with
 * bounded waits and collects their output.
 */
final class DistributionHome {
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    final Path home;
    final Path bin;
    private final Path outputs;
    private int runs;

    DistributionHome(Path dir) throws IOException {
        this.home = dir.resolve("ccr home");
        this.bin = home.resolve("bin");
        this.outputs = dir.resolve("outputs");
        Path dist = sources();
        Files.createDirectories(bin);
        Files.createDirectories(outputs);
        for (String d : List.of("conf", "db", "log", "lib")) {
            Files.createDirectories(home.resolve(d));
        }
        try (Stream<Path> files = Files.list(dist.resolve("bin"))) {
            for (Path f : files.toList()) {
                Path target = bin.resolve(f.getFileName().toString());
                Files.copy(f, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.copy(dist.resolve("conf/db.conf"), home.resolve("conf/db.conf"));
    }

    /** {@code ccr-server/src/dist}, wherever the tests run from. */
    static Path sources() {
        Path root = Path.of(System.getProperty("ccr.root", ".."));
        Path dist = root.resolve("ccr-server/src/dist");
        return Files.isDirectory(dist) ? dist : Path.of("src/dist").toAbsolutePath();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started script; output goes to a file, read with {@link #output()}. */
    final class Run {
        final Process process;
        final Path out;

        Run(Process process, Path out) {
            this.process = process;
            this.out = out;
        }

        String output() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the end (bounded) and returns the exit code. */
        int exitCode() throws InterruptedException {
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + RUN_TIMEOUT + ": " + output());
            }
            return process.exitValue();
        }
    }

    /** Starts {@code sh bin/<script> args} (as the seed's runbook does) from a folder outside the home. */
    Run start(String script, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sh", bin.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Path out = outputs.resolve(script + "." + (++runs) + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(outputs.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("CCR_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CCR_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -Xshare:auto");
        pb.environment().remove("CCR_HOME");
        pb.environment().remove("CCR_DB_PASSWORD");
        pb.environment().putAll(env);
        return new Run(pb.start(), out);
    }

    Run start(String script, String... args) throws IOException {
        return start(script, Map.of(), args);
    }

    /** Runs a script to its end. */
    Run run(String script, String... args) throws IOException, InterruptedException {
        Run r = start(script, args);
        r.exitCode();
        return r;
    }

    Path pidFile(int port) {
        return bin.resolve("127.0.0.1_" + port + ".pid");
    }

    Path log() {
        return home.resolve("log/ccr_syncer.log");
    }

    String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    static boolean answers(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/version")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"version\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static long pidIn(Path pidFile) throws IOException {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object lock = new Object();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            synchronized (lock) {
                lock.wait(100);
            }
        }
    }
}
