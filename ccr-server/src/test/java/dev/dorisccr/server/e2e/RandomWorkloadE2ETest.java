package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seeded random mix of loads and DDL on a database job (several seeds per run, each printed);
 * the clusters must end identical table by table.
 */
class RandomWorkloadE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 5, 8})
    void randomLoadsAndDdlEndIdentical(long seed) {
        System.out.println("random workload seed " + seed);
        Random r = new Random(seed);
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE w PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE w");
        List<String> tables = new ArrayList<>();
        List<Integer> uppers = new ArrayList<>();
        int[] nextTable = {0};
        int[] nextRow = {0};
        Runnable createTable = () -> {
            String t = "t" + nextTable[0]++;
            h.src.sql("CREATE TABLE w." + t + " (k INT NOT NULL, v VARCHAR(20)) "
                    + (r.nextBoolean() ? "DUPLICATE KEY(k)" : "UNIQUE KEY(k)")
                    + " PARTITION BY RANGE(k) (PARTITION p100 VALUES LESS THAN (\"100\"))"
                    + " DISTRIBUTED BY HASH(k) BUCKETS " + (1 + r.nextInt(3)));
            tables.add(t);
            uppers.add(100);
        };
        createTable.run();
        createTable.run();
        h.create(h.createBody("w_job", "w", "", "w", ""));
        for (int step = 0; step < 40; step++) {
            int i = r.nextInt(tables.size());
            String t = "w." + tables.get(i);
            int op = r.nextInt(10);
            if (op < 5) {
                int k = r.nextInt(uppers.get(i));
                h.src.sql("INSERT INTO " + t + " (k, v) VALUES (" + k + ", 'v" + nextRow[0]++ + "')");
            } else if (op == 5) {
                h.src.sql("DELETE FROM " + t + " WHERE k < " + r.nextInt(50));
            } else if (op == 6) {
                int up = uppers.get(i) + 100;
                h.src.sql("ALTER TABLE " + t + " ADD PARTITION p" + up + " VALUES LESS THAN (\"" + up + "\")");
                uppers.set(i, up);
            } else if (op == 7) {
                h.src.sql("TRUNCATE TABLE " + t);
            } else if (op == 8 && tables.size() < 4) {
                createTable.run();
            } else if (op == 9 && tables.size() > 1) {
                h.src.sql("DROP TABLE " + t);
                tables.remove(i);
                uppers.remove(i);
            }
            if (r.nextInt(4) == 0) {
                h.run(Duration.ofSeconds(r.nextInt(20)));
            }
        }
        h.run(Duration.ofMinutes(3));

        assertThat(h.dst.tables("w")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(tables);
        for (String t : tables) {
            h.assertSameRows("w", t, "w", t);
            assertThat(h.dst.partitions("w", t)).as("seed %d", seed).isEqualTo(h.src.partitions("w", t));
        }
        assertThat(h.syncer.lag("w_job").lag()).isZero();
    }
}
