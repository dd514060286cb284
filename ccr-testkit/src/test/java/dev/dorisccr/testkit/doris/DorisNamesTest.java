package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Doris's name rules (FE FeNameFormat) at the simulator's SQL surface, with Doris's messages. */
class DorisNamesTest {
    private FakeDorisCluster c;

    @BeforeEach
    void start() {
        c = FakeDorisCluster.builder().name("names").backends(1).build().start();
        c.sql("CREATE DATABASE ok");
        c.sql("CREATE TABLE ok.t (k INT NOT NULL) DUPLICATE KEY(k) PARTITION BY RANGE(k)"
                + " (PARTITION p1 VALUES LESS THAN (\"10\")) DISTRIBUTED BY HASH(k) BUCKETS 1");
    }

    @AfterEach
    void stop() {
        c.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "my-db", "a_1", "Z"})
    void databaseNamesDorisAccepts(String name) {
        c.sql("CREATE DATABASE `" + name + "`");
        assertThat(c.sql("SHOW DATABASES").stream().map(r -> r.get(0))).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1db", "_db", "my db", "a.b", "a'b", "数据", "a$b"})
    void databaseNamesDorisRefuses(String name) {
        assertThatThrownBy(() -> c.sql("CREATE DATABASE `" + name + "`")).isInstanceOf(SimException.class)
                .hasMessageEndingWith("Incorrect database name '" + name + "'");
    }

    @Test
    void tableColumnAndPartitionNames() {
        c.sql("CREATE TABLE ok.`t-1` (`my col` INT NOT NULL, `a\"b,c:d` INT, `@x` INT) DUPLICATE KEY(`my col`)"
                + " PARTITION BY RANGE(`my col`) (PARTITION `from` VALUES LESS THAN (\"10\"), PARTITION `p-2`"
                + " VALUES LESS THAN (\"20\")) DISTRIBUTED BY HASH(`my col`) BUCKETS 1");
        assertThat(c.partitions("ok", "t-1")).containsExactly("from", "p-2");
        for (String bad : List.of("t 1", "1t", "t.x", "t'x")) {
            assertThatThrownBy(() -> c.sql("CREATE TABLE ok.`" + bad + "` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY"
                    + " HASH(k) BUCKETS 1")).hasMessageContaining("Incorrect table name '" + bad + "'. Table name"
                    + " regex is ");
            assertThatThrownBy(() -> c.sql("ALTER TABLE ok.t RENAME `" + bad + "`"))
                    .hasMessageContaining("Incorrect table name '" + bad + "'");
        }
        assertThatThrownBy(() -> c.sql("ALTER TABLE ok.t ADD COLUMN `it's` INT DEFAULT \"1\""))
                .hasMessageContaining("Incorrect column name 'it's'. Column regex is ");
        assertThatThrownBy(() -> c.sql("ALTER TABLE ok.t ADD COLUMN mv_x INT DEFAULT \"1\""))
                .hasMessageEndingWith("Incorrect column name mv_x, column name can't start with 'mv_'/'mva_'");
        assertThatThrownBy(() -> c.sql("ALTER TABLE ok.t ADD PARTITION `p 2` VALUES LESS THAN (\"20\")"))
                .hasMessageEndingWith("Incorrect partition name 'p 2'");
        assertThatThrownBy(() -> c.sql("ALTER TABLE ok.t RENAME PARTITION p1 placeholder_1"))
                .hasMessageEndingWith("Incorrect partition name 'placeholder_1'");
        assertThat(c.partitions("ok", "t")).containsExactly("p1");
        assertThat(c.tables("ok")).containsExactlyInAnyOrder("t", "t-1");
    }

    @Test
    void unicodeNamesNeedEnableUnicodeNameSupport() {
        String create = "CREATE TABLE ok.`订单` (`名字` INT NOT NULL) DUPLICATE KEY(`名字`) DISTRIBUTED BY HASH(`名字`)"
                + " BUCKETS 1";
        assertThatThrownBy(() -> c.sql(create)).hasMessageContaining("Incorrect table name '订单'");
        c.setUnicodeNameSupport(true);
        c.sql(create);
        c.sql("CREATE DATABASE `数据`");
        assertThat(c.tables("ok")).contains("订单");
        // with unicode names a column may not hold a space any more (as in Doris)
        assertThatThrownBy(() -> c.sql("ALTER TABLE ok.`订单` ADD COLUMN `a b` INT DEFAULT \"1\""))
                .hasMessageContaining("Incorrect column name 'a b'");
    }
}
