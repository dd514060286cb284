package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** REPLACE WITH TABLE without swap puts the replaced table in the recycle bin unless FORCE, as Doris. */
class RecycleBinTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeDorisCluster cluster() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("bin").build();
        c.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        for (String t : List.of("a", "b", "c")) {
            c.sql("CREATE TABLE db." + t + " (k INT NOT NULL, v VARCHAR(5)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
            c.sql("INSERT INTO db." + t + " VALUES (1, '" + t + "')");
        }
        return c;
    }

    @Test
    void aTableReplacedWithoutSwapCanBeRecovered() throws Exception {
        FakeDorisCluster c = cluster();
        long aId = c.tableId("db", "a");
        c.sql("ALTER TABLE db.a REPLACE WITH TABLE b PROPERTIES (\"swap\" = \"false\")");
        assertThat(c.tables("db")).containsExactlyInAnyOrder("a", "c");
        assertThat(c.rows("db", "a")).containsExactly(List.of("1", "b"));
        SimBinlog replace = c.binlogs("db").get(c.binlogs("db").size() - 1);
        assertThat(replace.type()).isEqualTo(SimBinlog.REPLACE_TABLE);
        assertThat(JSON.readTree(replace.data()).path("isForce").asBoolean()).isFalse();

        assertThatThrownBy(() -> c.sql("RECOVER TABLE db.a")).hasMessageContaining("Table 'a' already exists");
        c.sql("RECOVER TABLE db.a AS a_old");
        assertThat(c.tableId("db", "a_old")).isEqualTo(aId);
        assertThat(c.rows("db", "a_old")).containsExactly(List.of("1", "a"));
        c.sql("INSERT INTO db.a_old VALUES (2, 'again')");
        assertThat(c.rows("db", "a_old")).hasSize(2);
    }

    @Test
    void forceSkipsTheRecycleBin() throws Exception {
        FakeDorisCluster c = cluster();
        c.sql("ALTER TABLE db.a REPLACE WITH TABLE c PROPERTIES (\"swap\" = \"false\") FORCE");
        SimBinlog replace = c.binlogs("db").get(c.binlogs("db").size() - 1);
        assertThat(JSON.readTree(replace.data()).path("isForce").asBoolean()).isTrue();
        assertThatThrownBy(() -> c.sql("RECOVER TABLE db.a AS a_old")).hasMessageContaining("in recycle bin");
    }
}
