package dev.dorisccr.server.process;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.server.config.ServerConfig;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code --daemon}: starts the syncer again as a background process (its own session through
 * {@code setsid} where available, stdin from {@code /dev/null}, stdout and stderr appended to
 * {@code <log>.out}, the log itself in the rotated log file), then waits until the child has written
 * its pid file and answers {@code GET /version}, at most {@code --start_timeout}. On failure it
 * prints why, with the last lines the child logged.
 */
public final class DaemonLauncher {
    private static final int TAIL_LINES = 20;

    private final ServerConfig config;
    private final PrintWriter out;
    private final PrintWriter err;

    public DaemonLauncher(ServerConfig config, PrintWriter out, PrintWriter err) {
        this.config = requireNonNull(config, "config is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    /** Starts the child with {@code args} (the command line given) and waits; the exit code to return. */
    public int start(List<String> args) {
        Path pidFile = config.pidFile().orElseThrow(() -> new IllegalStateException("--daemon needs a pid dir"));
        Path logFile = config.log().file().orElseThrow(() -> new IllegalStateException("--daemon needs a log file"));
        OptionalLong running = PidFile.liveOwner(pidFile);
        if (running.isPresent()) {
            err.println("error: a syncer is already running as process " + running.getAsLong() + " (pid file " + pidFile
                    + "); stop it first");
            return 1;
        }
        Path outFile = outFile(logFile);
        long logStart;
        long outStart;
        Process child;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            outStart = Files.exists(outFile) ? Files.size(outFile) : 0;
            ProcessBuilder pb = new ProcessBuilder(command(args, logFile, pidFile));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(outFile.toFile()));
            pb.redirectErrorStream(true);
            child = pb.start();
        } catch (IOException e) {
            err.println("error: cannot start the syncer in the background: " + e.getMessage());
            return 1;
        }
        return await(child, pidFile, logFile, outFile, logStart, outStart);
    }

    private int await(Process child, Path pidFile, Path logFile, Path outFile, long logStart, long outStart) {
        String probe = "http://" + probeHost() + ":" + config.http().port() + "/version";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + config.process().startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive() && child.exitValue() != 0) {
                err.println("error: the syncer exited with code " + child.exitValue() + " while starting.");
                tail(logFile, logStart);
                tail(outFile, outStart);
                return 1;
            }
            OptionalLong pid = PidFile.liveOwner(pidFile);
            if (pid.isPresent() && answers(http, probe)) {
                out.println("ccr-syncer started as process " + pid.getAsLong() + ": syncer " + config.hostPort()
                        + ", " + probe + " answers; log " + logFile + ", pid file " + pidFile);
                out.flush();
                return 0;
            }
            try {
                child.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("error: interrupted while waiting for the syncer to start");
                return 1;
            }
        }
        err.println("error: the syncer did not answer " + probe + " within " + config.process().startTimeout().toSeconds()
                + " s" + (child.isAlive() ? "; it is still running as process " + child.pid() + "." : "."));
        tail(logFile, logStart);
        tail(outFile, outStart);
        return 1;
    }

    private String probeHost() {
        String bind = config.http().bindAddress();
        if (bind.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (bind.equals("::") || bind.equals("0:0:0:0:0:0:0:0")) {
            return "[::1]";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static boolean answers(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"version\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code <log>.out}: where the JVM's own output goes (e.g. a crash before logging starts). */
    public static Path outFile(Path logFile) {
        String name = logFile.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        return logFile.resolveSibling(base + ".out");
    }

    private List<String> command(List<String> args, Path logFile, Path pidFile) {
        List<String> cmd = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            cmd.add(setsid.toString());
        } else if (Files.isExecutable(Path.of("/usr/bin/nohup"))) {
            cmd.add("/usr/bin/nohup");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.dorisccr.server.cli.CcrSyncerMain");
        cmd.addAll(args);
        // Later flags win: the child runs in the foreground of its own session, logging to the file.
        cmd.add("--daemon=false");
        cmd.add("--log_filename=" + logFile.toAbsolutePath());
        cmd.add("--pid_dir=" + pidFile.toAbsolutePath().getParent());
        return cmd;
    }

    private void tail(Path file, long from) {
        List<String> lines = lastLines(file, from, TAIL_LINES);
        if (lines.isEmpty()) {
            return;
        }
        err.println("last lines of " + file + ":");
        lines.forEach(l -> err.println("  " + l));
        err.flush();
    }

    static List<String> lastLines(Path file, long from, int max) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(from, f.length() - 64 * 1024);
            byte[] b = new byte[(int) Math.max(0, f.length() - start)];
            f.seek(start);
            f.readFully(b);
            String[] all = new String(b, StandardCharsets.UTF_8).split("\n");
            List<String> lines = new ArrayList<>();
            for (int i = Math.max(0, all.length - max); i < all.length; i++) {
                if (!all[i].isBlank()) {
                    lines.add(all[i]);
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }
}
