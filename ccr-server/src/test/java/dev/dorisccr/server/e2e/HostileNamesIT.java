package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names Doris accepts but that break naive quoting, end to end through the {@code ccr_syncer}
 * process: databases and tables named by keywords and with hyphens (Doris's name rules, {@code
 * FeNameFormat}: letters, digits, {@code -} and {@code _}), columns with a space, a double quote, a
 * comma, a colon and {@code @} (Doris's column rule allows them), partitions named by a keyword and
 * with a hyphen, a view with a hyphen, and job names with spaces, quotes, a backtick, a semicolon
 * and unicode. Created over HTTP ({@code /create_ccr}), then full sync, upserts, ADD COLUMN, ADD
 * PARTITION, RENAME and CREATE VIEW; {@code /job_status}, {@code /view}, {@code /metrics} and the
 * log must name the jobs, and every table must equal its source at the end (rows, columns,
 * partitions). Unicode table, column and partition names once both clusters allow them
 * ({@code enable_unicode_name_support}). A job name with a control character is refused and
 * changes nothing.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HostileNamesIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String TABLE_JOB = "select * from \"jobs\"; -- 'quoted' `back` 表 ✓";
    private static final String DB_JOB = "db job-1 ; DROP TABLE x";

    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String endpoint(FakeDorisCluster c, String db, String table) {
        return "{\"host\": \"127.0.0.1\", \"port\": \"" + c.mysqlPort() + "\", \"thrift_port\": \"" + c.masterThriftPort()
                + "\", \"user\": \"" + c.user() + "\", \"password\": \"" + c.password() + "\", \"database\": " + json(db)
                + ", \"table\": " + json(table) + "}";
    }

    private static String nameBody(String job) {
        return "{\"name\": " + json(job) + "}";
    }

    @Test
    void keywordHyphenQuoteAndUnicodeNamesReplicate() throws Exception {
        FakeDorisCluster src = FakeDorisCluster.builder().name("src").backends(2).credentials("root", "src-secret-1")
                .build().start();
        open.add(src);
        FakeDorisCluster dst = FakeDorisCluster.builder().name("dst").backends(2).credentials("root", "dst-secret-1")
                .build().start();
        open.add(dst);
        // a keyword database with a keyword table (table job); a hyphenated database (db job)
        src.sql("CREATE DATABASE `select` PROPERTIES (\"binlog.enable\" = \"true\")");
        src.sql("CREATE DATABASE `my-db` PROPERTIES (\"binlog.enable\" = \"true\")");
        dst.sql("CREATE DATABASE `select`");
        dst.sql("CREATE DATABASE `my-db`");
        src.sql("CREATE TABLE `select`.`table` (`key` INT NOT NULL, `my col` VARCHAR(20), `a\"b` INT,"
                + " `x,y:z` VARCHAR(10)) UNIQUE KEY(`key`) PARTITION BY RANGE(`key`) (PARTITION `from` VALUES LESS"
                + " THAN (\"100\"), PARTITION `p-2` VALUES LESS THAN (\"200\")) DISTRIBUTED BY HASH(`key`) BUCKETS 2");
        src.sql("CREATE TABLE `my-db`.`t-1` (`@at` INT NOT NULL, `order` VARCHAR(20)) DUPLICATE KEY(`@at`)"
                + " DISTRIBUTED BY HASH(`@at`) BUCKETS 3");
        src.sql("INSERT INTO `select`.`table` VALUES (1, 'a b', 1, 'x'), (150, 'it''s', 2, 'y\"z')");
        src.sql("INSERT INTO `my-db`.`t-1` VALUES (1, 'group'), (2, '`tick`')");

        SyncerProcess syncer = new SyncerProcess(dir.resolve("syncer"));
        open.add(syncer);
        syncer.start();
        syncer.awaitReady(LIMIT);

        // a control character in a job name: refused, nothing created
        HttpResponse<String> refused = syncer.post("/create_ccr", "{\"name\": " + json("bad\njob") + ", \"src\": "
                + endpoint(src, "select", "table") + ", \"dest\": " + endpoint(dst, "select", "table") + "}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"success\":false", "control character");
        assertThat(syncer.post("/list_jobs", "{}").body()).doesNotContain("bad");

        ok(syncer.post("/create_ccr", "{\"name\": " + json(TABLE_JOB) + ", \"src\": " + endpoint(src, "select", "table")
                + ", \"dest\": " + endpoint(dst, "select", "table") + "}"));
        ok(syncer.post("/create_ccr", "{\"name\": " + json(DB_JOB) + ", \"src\": " + endpoint(src, "my-db", "")
                + ", \"dest\": " + endpoint(dst, "my-db", "") + "}"));
        List<String[]> tables = List.of(new String[] {"select", "table"}, new String[] {"my-db", "t-1"});
        awaitEqual(syncer, src, dst, tables);

        // upserts and DDL under the same names
        src.sql("INSERT INTO `select`.`table` (`key`, `my col`, `a\"b`, `x,y:z`) VALUES (1, 'updated', 3, ':'),"
                + " (2, 'two', 4, ',')");
        src.sql("ALTER TABLE `select`.`table` ADD COLUMN `new col` INT DEFAULT \"7\"");
        src.sql("ALTER TABLE `select`.`table` ADD PARTITION `p-3` VALUES LESS THAN (\"300\")");
        src.sql("INSERT INTO `select`.`table` (`key`, `my col`, `new col`) VALUES (250, 'in p-3', 8)");
        src.sql("ALTER TABLE `my-db`.`t-1` ADD COLUMN `a\"b` INT DEFAULT \"1\"");
        src.sql("INSERT INTO `my-db`.`t-1` VALUES (3, 'desc', 5)");
        src.sql("ALTER TABLE `my-db`.`t-1` RENAME `t-2`");
        src.sql("INSERT INTO `my-db`.`t-2` VALUES (4, 'after rename', 6)");
        src.sql("CREATE VIEW `my-db`.`v-1` AS SELECT `@at`, `order` FROM `my-db`.`t-2` WHERE `@at` > 1");
        src.sql("CREATE TABLE `my-db`.`from` (`k` INT NOT NULL, `my col` VARCHAR(20)) UNIQUE KEY(`k`)"
                + " DISTRIBUTED BY HASH(`k`) BUCKETS 1");
        src.sql("INSERT INTO `my-db`.`from` VALUES (1, 'new table')");
        awaitEqual(syncer, src, dst, List.of(new String[] {"select", "table"}, new String[] {"my-db", "t-2"},
                new String[] {"my-db", "from"}));
        // unicode names, where both clusters allow them (SET GLOBAL enable_unicode_name_support = true; as in
        // Doris, a column may then hold no space: `new col` could not be added any more)
        src.setUnicodeNameSupport(true);
        dst.setUnicodeNameSupport(true);
        src.sql("CREATE TABLE `my-db`.`订单` (`编号` INT NOT NULL, `名字` VARCHAR(20)) UNIQUE KEY(`编号`)"
                + " PARTITION BY RANGE(`编号`) (PARTITION `分区一` VALUES LESS THAN (\"10\")) DISTRIBUTED BY HASH(`编号`)"
                + " BUCKETS 2");
        src.sql("INSERT INTO `my-db`.`订单` VALUES (1, '苹果'), (2, 'ß')");
        src.sql("ALTER TABLE `my-db`.`订单` ADD COLUMN `价格` INT DEFAULT \"0\"");
        src.sql("ALTER TABLE `my-db`.`订单` ADD PARTITION `分区二` VALUES LESS THAN (\"20\")");
        src.sql("INSERT INTO `my-db`.`订单` VALUES (15, '梨', 3)");
        List<String[]> after = List.of(new String[] {"select", "table"}, new String[] {"my-db", "t-2"},
                new String[] {"my-db", "from"}, new String[] {"my-db", "订单"});
        awaitEqual(syncer, src, dst, after);
        await().atMost(LIMIT).pollInterval(Duration.ofMillis(200)).pollInSameThread()
                .until(() -> dst.tableExists("my-db", "v-1"));
        assertThat(dst.isView("my-db", "v-1")).isTrue();
        assertThat(dst.tableExists("my-db", "t-1")).isFalse();

        for (String job : List.of(TABLE_JOB, DB_JOB)) {
            String status = syncer.post("/job_status", nameBody(job)).body();
            assertThat(status).contains("\"success\":true").doesNotContain("FAILED").contains(json(job));
            String path = "/view?job=" + URLEncoder.encode(job, StandardCharsets.UTF_8).replace("+", "%20")
                    + "&type=json";
            // the status page samples every 10 s: the job shows from its first round on
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(() -> syncer.get(path).statusCode() == 200);
            assertThat(syncer.get(path).body()).contains(json(job));
        }
        String metrics = syncer.get("/metrics").body();
        assertThat(metrics).as("metrics label values escape the quote (Prometheus text format)")
                .contains("\"select * from \\\"jobs\\\"; -- 'quoted' `back` 表 ✓\"")
                .contains("\"" + DB_JOB + "\"");
        syncer.close();
        String log = Files.readString(dir.resolve("syncer/log/ccr_syncer.log"), StandardCharsets.UTF_8);
        assertThat(log).contains(TABLE_JOB).contains(DB_JOB);
        assertThat(log.lines()).as("every log line starts with its timestamp: no forged line")
                .allSatisfy(l -> assertThat(l).matches("(\\[\\d{4}-\\d\\d-\\d\\d |\\s|Caused by: |$).*"));
        SecretScan.of("src-secret-1", "dst-secret-1", src.token(), dst.token()).assertNoneIn(dir.resolve("syncer/log"));
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.body()).contains("\"success\":true");
    }

    private static void awaitEqual(SyncerProcess syncer, FakeDorisCluster src, FakeDorisCluster dst,
            List<String[]> tables) {
        TableCompare[] last = new TableCompare[1];
        try {
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> (last[0] = TableCompare.of(src, dst, tables)).equal());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not replicated: " + last[0] + "\n" + SyncerProcess.tail(syncer.home()
                    .resolve("log/ccr_syncer.log")), e);
        }
    }
}
