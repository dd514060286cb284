package dev.dorisccr.server.e2e;

import static org.awaitility.Awaitility.await;

import dev.dorisccr.server.cli.CcrSyncerMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ccr_syncer} program as a separate JVM ({@code serve} on a SQLite store under {@code
 * home}), started and SIGKILLed ({@link Process#destroyForcibly}) by a test. Every start uses the
 * same home, host and port, so a restart is the same syncer: it takes its own leases back at once.
 * The process's stdout and stderr are appended to {@code home/process.out}; its log goes to {@code
 * home/log}.
 */
final class SyncerProcess implements AutoCloseable {
    private final Path home;
    private final int port;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private Process process;
    private int starts;
    private long startedNanos;

    SyncerProcess(Path home) throws IOException {
        this(home, List.of());
    }

    /** With more {@code serve} flags, e.g. {@code --config_file} naming a shared MySQL/PostgreSQL store. */
    SyncerProcess(Path home, List<String> extraArgs) throws IOException {
        this.home = home;
        this.port = freePort();
        this.extraArgs = List.copyOf(extraArgs);
        Files.createDirectories(home.resolve("log"));
    }

    /** This syncer's identity in the store ({@code --host 127.0.0.1 --port port}). */
    String address() {
        return "127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Path home() {
        return home;
    }

    int port() {
        return port;
    }

    int starts() {
        return starts;
    }

    /** Launches the process (does not wait for it to serve). */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the syncer process is running");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Dccr.home=" + home, "-cp", System.getProperty("java.class.path"), CcrSyncerMain.class.getName(),
                "serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--bind_address", "127.0.0.1",
                "--log_dir", home.resolve("log").toString(), "--connect_timeout", "2s", "--rpc_timeout", "10s"));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("process.out").toFile()));
        pb.environment().remove("CCR_SECRET_KEY");
        startedNanos = System.nanoTime();
        process = pb.start();
        starts++;
    }

    /** Milliseconds since the last {@link #start}. */
    long sinceStartMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Waits until the process answers {@code /version}; fails when it exits or stays silent {@code limit}. */
    void awaitReady(Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(50)).pollInSameThread().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the syncer process exited with " + process.exitValue() + ": "
                        + tail(home.resolve("process.out")));
            }
            try {
                return get("/version").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Lets the process run {@code d}; fails when it exits by itself meanwhile. */
    void runFor(Duration d) throws InterruptedException {
        if (process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the syncer process exited by itself with " + process.exitValue() + ": "
                    + tail(home.resolve("process.out")));
        }
    }

    /** SIGKILL: nothing is flushed, released or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the syncer process survived SIGKILL for 30 s");
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops the process gently (SIGTERM, the stop script's way) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
