package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stock mariadb / mysql client against the simulated cluster (skipped if not installed): one
 * session runs a partial update, a view with a column list, a join, an IN subquery and SHOW
 * BACKUP, as an operator would type them.
 */
class SimMysqlCliIT {
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

    private static String run(File cli, FakeDorisCluster c, String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cli.getPath(), "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1", "-P",
                String.valueOf(c.mysqlPort()), "-u", c.user(), "-p" + c.password(), "--batch", "-D", "db", "-e", sql)
                .redirectErrorStream(true).start();
        boolean finished = p.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("client finished; output: %s", out).isTrue();
        assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
        return out;
    }

    @Test
    void anOperatorSessionThroughTheStockClient() throws Exception {
        Optional<File> cli = cli();
        assumeTrue(cli.isPresent(), "no mariadb/mysql client on PATH");
        try (FakeDorisCluster c = FakeDorisCluster.builder().name("cli").backends(1).credentials("root", "pw").build().start()) {
            c.sql("CREATE DATABASE db");
            String out = run(cli.get(), c, "CREATE TABLE u (k INT NOT NULL, a INT, b VARCHAR(5)) UNIQUE KEY(k)"
                    + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\");"
                    + " INSERT INTO u VALUES (1, 1, 'one'), (2, 2, 'two');"
                    + " SET enable_unique_key_partial_update = true;"
                    + " INSERT INTO u (k, a) VALUES (1, 100);"
                    + " CREATE VIEW v (key_col, total COMMENT 'sum') AS SELECT k, sum(a) FROM u GROUP BY k;"
                    + " SELECT * FROM u ORDER BY k;"
                    + " SELECT x.k, y.total FROM u x JOIN v y ON x.k = y.key_col WHERE x.k IN (SELECT k FROM u WHERE a > 50);"
                    + " SHOW CREATE VIEW v;"
                    + " BACKUP SNAPSHOT db.s1 TO __keep_on_local__ ON (u);"
                    + " SHOW BACKUP FROM db WHERE SnapshotName LIKE 's%'");
            assertThat(out).contains("k\ta\tb\n1\t100\tone\n2\t2\ttwo\n");
            assertThat(out).contains("k\ttotal\n1\t100\n");
            assertThat(out).contains("CREATE VIEW `v` AS SELECT k AS `key_col`, sum(a) AS `total` FROM u GROUP BY k;");
            assertThat(out).contains("JobId\tSnapshotName\tDbName\tState\tBackupObjs\tCreateTime");
            // a SHOW BACKUP poll moves the job one state on
            assertThat(out).contains("\ts1\tdb\tSNAPSHOTING\t[db.u]\t");
        }
    }
}
