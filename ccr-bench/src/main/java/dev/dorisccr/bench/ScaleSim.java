package dev.dorisccr.bench;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The clusters of {@link ScaleBench}, in a JVM of their own so that the syncer's threads, heap and
 * CPU are measured alone: a source and a target simulated cluster (one BE each), {@code N} source
 * databases {@code s0..s<N-1>} with binlog on, each with one one-bucket table {@code t} of one row (a
 * database runs one backup or restore at a time, so table jobs of one database would copy in turn).
 * It prints one line {@code ports <src mysql> <src thrift> <dst mysql> <dst thrift>} and then answers
 * one line per command read from stdin:
 * <ul>
 *   <li>{@code calls <method>}: the source FE's calls of that Thrift method so far;
 *   <li>{@code procs}: the source FE's {@code SHOW PROC '/binlog'} reads so far (the shared probe);
 *   <li>{@code delay <ms>}: every Thrift call of both clusters' FEs and BEs answers {@code ms} later;
 *   <li>{@code insert <i> <k>}: one row into {@code s<i>.t} on the source;
 *   <li>{@code count <i>}: rows of {@code s<i>.t} on the target;
 *   <li>{@code hold}: the source's backups do not finish (an hour's minimum) until {@code release},
 *       which lets every backup, running or not, finish at its next poll;
 *   <li>{@code quit}.
 * </ul>
 * Args: {@code N}.
 */
public final class ScaleSim {
    private ScaleSim() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (FakeDorisCluster src = FakeDorisCluster.builder().name("scale-src").backends(1).build().start();
                FakeDorisCluster dst = FakeDorisCluster.builder().name("scale-dst").backends(1).build().start()) {
            for (int i = 0; i < n; i++) {
                src.sql("CREATE DATABASE s" + i + " PROPERTIES (\"binlog.enable\" = \"true\")");
                src.sql("CREATE TABLE s" + i + ".t (k INT NOT NULL, v INT) DUPLICATE KEY(k)"
                        + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"binlog.enable\" = \"true\")");
                src.sql("INSERT INTO s" + i + ".t VALUES (0, 0)");
            }
            out.println("ports " + src.mysqlPort() + " " + src.masterThriftPort() + " " + dst.mysqlPort() + " "
                    + dst.masterThriftPort());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.trim().split(" ");
                switch (w[0]) {
                    case "calls" -> out.println(src.faults().calls(w[1]));
                    case "procs" -> out.println(src.binlogProcReads());
                    case "delay" -> {
                        RpcFaults.Fault d = new RpcFaults.Fault.Delay(Duration.ofMillis(Long.parseLong(w[1])));
                        for (FakeDorisCluster c : new FakeDorisCluster[] {src, dst}) {
                            c.faults().clear();
                            c.backendFaults().clear();
                            c.faults().add(".*", 1.0, -1, d);
                            c.backendFaults().add(".*", 1.0, -1, d);
                        }
                        out.println("ok");
                    }
                    case "insert" -> {
                        src.insert("s" + w[1], "t", java.util.List.of(Map.of("k", w[2], "v", w[2])));
                        out.println("ok");
                    }
                    case "count" -> out.println(dst.rows("s" + w[1], "t").size());
                    case "hold" -> {
                        src.setSnapshotJobDuration(Duration.ofHours(1), Duration.ZERO);
                        out.println("ok");
                    }
                    case "release" -> {
                        src.setSnapshotJobDuration(Duration.ZERO, Duration.ZERO);
                        out.println("ok");
                    }
                    case "quit" -> {
                        out.println("bye");
                        return;
                    }
                    default -> out.println("error unknown command " + w[0]);
                }
            }
        }
    }
}
