package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CREATE TABLE forms of issue 12 through the stock mysql / mariadb client (skipped if not installed). */
class CreateFormsCliIT {
    private FakeDorisCluster cluster;

    @BeforeEach
    void start() {
        cluster = FakeDorisCluster.builder().name("cli").backends(1).build().start();
        cluster.sql("CREATE DATABASE db");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Optional<File> cli() {
        for (String name : List.of("mysql", "mariadb")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private record Run(int exit, String out) {}

    private Run run(String sql) throws IOException, InterruptedException {
        Optional<File> cli = cli();
        assumeTrue(cli.isPresent(), "no mysql/mariadb client on PATH");
        List<String> cmd = new java.util.ArrayList<>(List.of(cli.get().getPath(), "--no-defaults", "--protocol=TCP",
                "-h", "127.0.0.1", "-P", String.valueOf(cluster.mysqlPort()), "-u", cluster.user()));
        if (!cluster.password().isEmpty()) {
            cmd.add("-p" + cluster.password()); // a bare -p would prompt
        }
        cmd.addAll(List.of("--batch", "--default-character-set=utf8mb4", "-D", "db", "-e", sql));
        File log = File.createTempFile("cli", ".out");
        log.deleteOnExit();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean finished = p.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertThat(finished).as("client finished; output: %s", out).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void formsRunThroughTheCommandLineClient() throws Exception {
        Run ok = run("CREATE TABLE ev (d DATE NOT NULL, id INT NOT NULL, v VARCHAR(10) COMMENT '值') DUPLICATE KEY(d, id)"
                + " AUTO PARTITION BY RANGE (date_trunc(`d`, 'month')) () DISTRIBUTED BY HASH(id) BUCKETS 1;"
                + " INSERT INTO ev VALUES ('2024-05-06', 1, 'a'), ('2024-07-01', 2, 'b');"
                + " CREATE TABLE agg (k INT NOT NULL, u BITMAP BITMAP_UNION, h HLL HLL_UNION) AGGREGATE KEY(k)"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1;"
                + " INSERT INTO agg VALUES (1, to_bitmap(5), hll_hash('x')), (1, to_bitmap(6), hll_hash('x'));"
                + " SELECT k, bitmap_count(u), hll_cardinality(h) FROM agg;"
                + " SHOW CREATE TABLE ev;");
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("k\tbitmap_count(u)\thll_cardinality(h)\n1\t2\t1\n")
                .contains("AUTO PARTITION BY RANGE (date_trunc(`d`, 'month'))")
                .contains("PARTITION p20240501000000 VALUES [(\"2024-05-01\"), (\"2024-06-01\"))")
                .contains("`v` VARCHAR(10) NULL COMMENT \"值\"");
        assertThat(cluster.partitions("db", "ev")).containsExactly("p20240501000000", "p20240701000000");

        Run bad = run("CREATE TABLE bad (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1"
                + " PROPERTIES (\"function_column.sequence_col\" = \"nope\")");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.out()).contains("ERROR 1105").contains("The specified sequence column[nope] not exists");
        assertThat(cluster.tables("db")).containsExactlyInAnyOrder("ev", "agg");
    }
}
