package dev.dorisccr.server.cli;

import dev.dorisccr.testkit.doris.DorisVersion;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: runs one simulated Doris cluster (ccr-testkit) on loopback until stopped, and
 * prints its ports as one JSON line, e.g. to point a syncer at two clusters in separate processes.
 * Not a Doris: for tests and demos only.
 */
@Command(name = "simulate",
        description = "Run a simulated Doris cluster on 127.0.0.1 (for tests and demos) and print its ports.")
public final class SimulateCommand implements java.util.concurrent.Callable<Integer> {
    // no mixinStandardHelpOptions: its --version clashes with the Doris --version below, and picocli
    // then dropped the whole mixin, so --help was an unknown flag
    @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--name", defaultValue = "doris", description = "Cluster name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--backends", defaultValue = "1", description = "Number of backends (default: ${DEFAULT-VALUE}).")
    int backends;

    @Option(names = "--version", defaultValue = "3.0", description = "Doris line to imitate: 2.1 or 3.0.")
    String version;

    @Option(names = "--mysql-port", defaultValue = "0", description = "MySQL port (0: a free one).")
    int mysqlPort;

    @Option(names = "--user", defaultValue = "root", description = "User (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "", description = "Password (default: empty).")
    String password;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * The one line {@code simulate} prints: the cluster's name, host, MySQL and Thrift ports and
     * its backends' ports, as JSON (docs/getting-started.md shows it).
     */
    static String portsLine(String name, FakeDorisCluster c) {
        StringBuilder bes = new StringBuilder();
        for (Map.Entry<Long, int[]> e : c.backendPorts().entrySet()) {
            bes.append(bes.length() == 0 ? "" : ",").append("{\"id\":").append(e.getKey()).append(",\"be_port\":")
                    .append(e.getValue()[0]).append(",\"http_port\":").append(e.getValue()[1]).append('}');
        }
        return "{\"name\":\"" + name.replace("\"", "") + "\",\"host\":\"127.0.0.1\",\"mysql_port\":" + c.mysqlPort()
                + ",\"thrift_port\":" + c.masterThriftPort() + ",\"backends\":[" + bes + "]}";
    }

    @Override
    public Integer call() throws InterruptedException {
        DorisVersion v = switch (version) {
            case "2.1" -> DorisVersion.V2_1;
            case "3.0" -> DorisVersion.V3_0;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--version must be 2.1 or 3.0, not " + version);
        };
        if (backends < 1 || backends > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--backends must be 1..64");
        }
        FakeDorisCluster c = FakeDorisCluster.builder().name(name).backends(backends).version(v).mysqlPort(mysqlPort)
                .credentials(user, password).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            c.close();
            stopped.countDown();
        }));
        PrintWriter out = spec.commandLine().getOut();
        out.println(portsLine(name, c));
        out.flush();
        stopped.await();
        return 0;
    }
}
