package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CREATE TABLE accepts every column type Doris users declare; values load and read back; SHOW CREATE TABLE keeps them. */
class ColumnTypesTest {
    @Test
    void everyColumnTypeIsAcceptedLoadedAndShown() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("types").build();
        c.sql("CREATE DATABASE db");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, ti TINYINT, si SMALLINT, bi BIGINT, li LARGEINT, f FLOAT, d DOUBLE,"
                + " dc DECIMAL(10, 2), dc3 DECIMALV3(20, 4), dt DATE, dtm DATETIME, dtm3 DATETIME(3), ch CHAR(4),"
                + " vc VARCHAR(20), s STRING, b BOOLEAN, j JSON, v VARIANT, a ARRAY<INT>, m MAP<STRING,INT>,"
                + " st STRUCT<name:VARCHAR(10),age:INT>, ip IPV4, ip6 IPV6,)"
                + " DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        String ddl = c.sql("SHOW CREATE TABLE db.t").get(0).get(1);
        assertThat(ddl).contains("`li` LARGEINT NULL").contains("`dc` DECIMAL(10, 2) NULL")
                .contains("`dtm3` DATETIME(3) NULL").contains("`a` ARRAY<INT> NULL").contains("`m` MAP<STRING,INT> NULL")
                .contains("`st` STRUCT<name:VARCHAR(10),age:INT> NULL").contains("`ip` IPV4 NULL");
        c.sql("INSERT INTO db.t (k, ti, si, bi, li, f, d, dc, dc3, dt, dtm, dtm3, ch, vc, s, b, j, v) VALUES"
                + " (1, -1, 300, 9000000000, 170141183460469231731687303715884105727, 1.5, 2.25, 12.3, 1.23456,"
                + " '2024-02-29', '2024-02-29 10:11:12', '2024-02-29 10:11:12.345', 'ab', '中文', 'str', true,"
                + " '{\"a\": 1}', '{\"k\": [1, 2]}')");
        assertThat(c.rows("db", "t")).containsExactly(Arrays.asList("1", "-1", "300", "9000000000",
                "170141183460469231731687303715884105727", "1.5", "2.25", "12.30", "1.2346", "2024-02-29",
                "2024-02-29 10:11:12", "2024-02-29 10:11:12.345", "ab", "中文", "str", "1", "{\"a\":1}",
                "{\"k\":[1,2]}", null, null, null, null, null));
        // the text SHOW CREATE TABLE prints creates the same table again
        c.sql("CREATE DATABASE again");
        c.sql(ddl.replaceFirst("CREATE TABLE `t`", "CREATE TABLE again.`t`"));
        assertThat(c.tableDef("again", "t").columns()).isEqualTo(c.tableDef("db", "t").columns());
        assertThat(c.sql("SHOW CREATE TABLE again.t").get(0).get(1)).isEqualTo(ddl);
    }
}
