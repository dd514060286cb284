package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aliases, keyword and unicode names, views, rollups, replace table/partitions over the simulator. */
class MoreDdlE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.setUnicodeNameSupport(true); // SET GLOBAL enable_unicode_name_support = true: the names below need it
        h.dst.setUnicodeNameSupport(true);
        h.src.sql("CREATE DATABASE `select` PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE `select`.`订单` (`from` INT NOT NULL, `值` VARCHAR(20)) DUPLICATE KEY(`from`)"
                + " PARTITION BY RANGE(`from`) (PARTITION p1 VALUES LESS THAN (\"100\"), PARTITION p2 VALUES LESS THAN"
                + " (\"200\")) DISTRIBUTED BY HASH(`from`) BUCKETS 2");
        h.src.sql("INSERT INTO `select`.`订单` VALUES (1, 'ä'), (150, 'ö')");
        h.dst.sql("CREATE DATABASE `where`");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void tableJobWithAliasAndUnicodeKeywordNames() {
        h.create(h.createBody("alias_job", "select", "订单", "where", "order copy"));
        h.run(Duration.ofMinutes(2));
        h.assertSameRows("select", "订单", "where", "order copy");

        h.src.sql("ALTER TABLE `select`.`订单` ADD PARTITION p3 VALUES LESS THAN (\"300\")");
        h.src.sql("INSERT INTO `select`.`订单` VALUES (250, 'ü')");
        h.src.sql("TRUNCATE TABLE `select`.`订单` PARTITION (p1)");
        h.src.sql("ALTER TABLE `select`.`订单` ADD COLUMN `order` BIGINT DEFAULT \"7\"");
        h.src.sql("INSERT INTO `select`.`订单` VALUES (5, 'x', 8)");
        h.run(Duration.ofMinutes(1));

        h.assertSameRows("select", "订单", "where", "order copy");
        assertThat(h.dst.partitions("where", "order copy")).containsExactly("p1", "p2", "p3");
        assertThat(h.dst.tables("where")).containsExactly("order copy");
    }

    @Test
    void viewsRollupsAndReplacedTablesInADbJob() {
        h.src.sql("CREATE TABLE `select`.tmp (`from` INT NOT NULL, `值` VARCHAR(20)) DUPLICATE KEY(`from`)"
                + " PARTITION BY RANGE(`from`) (PARTITION p1 VALUES LESS THAN (\"100\"), PARTITION p2 VALUES LESS THAN"
                + " (\"200\")) DISTRIBUTED BY HASH(`from`) BUCKETS 2");
        h.create(h.createBody("db_job", "select", "", "where", ""));
        h.run(Duration.ofMinutes(2));

        h.src.sql("CREATE VIEW `select`.v1 AS SELECT `from` FROM `select`.`订单`");
        h.src.sql("INSERT INTO `select`.tmp VALUES (9, 'tmp')");
        h.src.sql("ALTER TABLE `select`.`订单` REPLACE WITH TABLE tmp PROPERTIES (\"swap\" = \"true\")");
        h.src.sql("INSERT INTO `select`.`订单` VALUES (10, 'after swap')");
        h.src.sql("ALTER TABLE `select`.tmp ADD ROLLUP r1 (`from`)");
        h.src.sql("INSERT INTO `select`.tmp VALUES (11, 'after rollup')");
        h.src.sql("ALTER TABLE `select`.tmp DROP ROLLUP r1");
        h.src.sql("INSERT INTO `select`.tmp VALUES (12, 'after drop rollup')");
        h.run(Duration.ofMinutes(3));

        assertThat(h.dst.tables("where")).containsExactlyInAnyOrder("订单", "tmp", "v1");
        h.assertSameRows("select", "订单", "where", "订单");
        h.assertSameRows("select", "tmp", "where", "tmp");

        h.src.sql("DROP VIEW `select`.v1");
        h.src.sql("DROP TABLE `select`.tmp");
        h.run(Duration.ofMinutes(1));
        assertThat(h.dst.tables("where")).containsExactly("订单");
    }
}
