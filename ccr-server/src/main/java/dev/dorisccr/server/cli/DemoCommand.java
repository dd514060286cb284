package dev.dorisccr.server.cli;

import dev.dorisccr.server.demo.Demo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: shows replication working end to end on simulated clusters, and verifies it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start two simulated Doris clusters and a syncer on 127.0.0.1, create a database job through",
            "the HTTP API, run a workload on the source (inserts, updates, deletes, ADD COLUMN, ADD/DROP",
            "PARTITION, CREATE TABLE, RENAME, TRUNCATE), show the progress and verify that the target equals",
            "the source. Exits 0 only when it does."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the target equals the source", "1:it does not, or a step did not finish in time",
            "2:bad usage"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep-running", description = "Leave everything up after the verification (Ctrl-C stops).")
    boolean keepRunning;

    @Option(names = "--dir", description = "Folder for the syncer's store and log (default: a new temporary folder).")
    Path dir;

    @Option(names = "--timeout", defaultValue = "120s",
            description = "How long each phase may take, e.g. 120s or 5m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration limit = parse(timeout);
        Path home = dir != null ? dir : Files.createTempDirectory("ccr-demo-");
        Files.createDirectories(home);
        PrintWriter out = spec.commandLine().getOut();
        Demo demo = new Demo(out, home, limit);
        boolean ok;
        try {
            ok = demo.run();
        } catch (java.io.IOException e) {
            out.println("demo failed: " + e.getMessage());
            demo.close();
            return 1;
        }
        if (!keepRunning) {
            demo.close();
            return ok ? 0 : 1;
        }
        demo.printHowToConnect();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }));
        stopped.await();
        return ok ? 0 : 1;
    }

    private Duration parse(String v) {
        try {
            String s = v.trim().toLowerCase(java.util.Locale.ROOT);
            Duration d = s.endsWith("m") ? Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)))
                    : Duration.ofSeconds(Long.parseLong(s.endsWith("s") ? s.substring(0, s.length() - 1) : s));
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be like 120s or 5m, not " + v);
        }
    }
}
