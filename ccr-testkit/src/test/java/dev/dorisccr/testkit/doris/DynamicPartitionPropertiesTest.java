package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dynamic partition properties at CREATE TABLE: Doris's checks and messages, the defaults it fills in. */
class DynamicPartitionPropertiesTest {
    private static final String HEAD = "CREATE TABLE db.%s (d DATE NOT NULL, k INT) DUPLICATE KEY(d)"
            + " PARTITION BY RANGE(d) () DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (%s)";

    private static FakeDorisCluster cluster() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("dyn").build();
        c.sql("CREATE DATABASE db");
        return c;
    }

    @Test
    void acceptedPropertiesAreCompletedWithDorisDefaultsAndShown() {
        FakeDorisCluster c = cluster();
        c.sql(String.format(HEAD, "t", "\"dynamic_partition.time_unit\" = \"DAY\", \"dynamic_partition.end\" = \"3\","
                + " \"dynamic_partition.prefix\" = \"p\", \"replication_num\" = \"1\", \"dynamic_partition.start\" = \"-7\""));
        Map<String, String> p = c.tableProperties("db", "t");
        assertThat(p).containsEntry("dynamic_partition.enable", "true").containsEntry("dynamic_partition.time_unit", "DAY")
                .containsEntry("dynamic_partition.start", "-7").containsEntry("dynamic_partition.end", "3")
                .containsEntry("dynamic_partition.prefix", "p").containsEntry("dynamic_partition.buckets", "3")
                .containsEntry("dynamic_partition.create_history_partition", "false")
                .containsEntry("dynamic_partition.history_partition_num", "-1")
                .containsEntry("replication_num", "1");
        String ddl = c.sql("SHOW CREATE TABLE db.t").get(0).get(1);
        assertThat(ddl).contains("\"dynamic_partition.enable\" = \"true\",\n\"dynamic_partition.time_unit\" = \"DAY\"");
        // auto range and dynamic partitions share their unit; end 0 is allowed then
        c.sql("CREATE TABLE db.a (d DATE NOT NULL, k INT) DUPLICATE KEY(d) AUTO PARTITION BY RANGE (date_trunc(d, 'month'))"
                + " () DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"month\","
                + " \"dynamic_partition.end\" = \"0\", \"dynamic_partition.prefix\" = \"p\", \"dynamic_partition.start\" = \"-3\")");
        assertThat(c.tables("db")).containsExactlyInAnyOrder("a", "t");
    }

    @Test
    void badPropertiesAreDorisErrorsThatChangeNothing() {
        FakeDorisCluster c = cluster();
        String ok = "\"dynamic_partition.time_unit\" = \"DAY\", \"dynamic_partition.end\" = \"3\", \"dynamic_partition.prefix\" = \"p\"";
        for (String[] bad : List.of(
                new String[] {"\"dynamic_partition.frob\" = \"1\", " + ok, "Invalid dynamic partition properties: dynamic_partition.frob"},
                new String[] {"\"dynamic_partition.end\" = \"3\", \"dynamic_partition.prefix\" = \"p\"",
                        "Must assign dynamic_partition.time_unit properties"},
                new String[] {"\"dynamic_partition.time_unit\" = \"DAY\", \"dynamic_partition.end\" = \"3\"",
                        "Must assign dynamic_partition.prefix properties"},
                new String[] {"\"dynamic_partition.time_unit\" = \"DAY\", \"dynamic_partition.prefix\" = \"p\"",
                        "Must assign dynamic_partition.end properties"},
                new String[] {ok.replace("DAY", "MINUTE"), "Unsupported time unit MINUTE. Expect HOUR/DAY/WEEK/MONTH/YEAR."},
                new String[] {ok.replace("DAY", "HOUR"), "dynamic_partition.time_unit could not be HOUR when type of"
                        + " partition column d is DATE or DATEV2"},
                new String[] {ok + ", \"dynamic_partition.start\" = \"1\"", "Dynamic partition start must less than 0"},
                new String[] {ok.replace("\"3\"", "\"0\""), "Dynamic partition end must greater than 0"},
                new String[] {ok.replace("\"3\"", "\"x\""), "Invalid dynamic partition end x"},
                new String[] {ok + ", \"dynamic_partition.buckets\" = \"0\"", "Dynamic partition buckets must greater than 0"},
                new String[] {ok + ", \"dynamic_partition.enable\" = \"yes\"", "Invalid dynamic partition enable: yes."},
                new String[] {ok.replace("\"p\"", "\"1p\""), "Invalid dynamic partition prefix: 1p."},
                new String[] {ok.replace("\"3\"", "\"501\""), "Too many dynamic partitions: 501. Limit: 500"})) {
            assertThatThrownBy(() -> c.sql(String.format(HEAD, "b", bad[0]))).as(bad[0]).isInstanceOf(SimException.class)
                    .hasMessageContaining(bad[1]);
        }
        assertThatThrownBy(() -> c.sql("CREATE TABLE db.l (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY LIST(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (" + ok + ")"))
                .hasMessageContaining("Dynamic partition only support single-column range partition");
        assertThatThrownBy(() -> c.sql("CREATE TABLE db.m (d DATE NOT NULL, k INT) DUPLICATE KEY(d)"
                + " AUTO PARTITION BY RANGE (date_trunc(d, 'month')) () DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (" + ok + ")"))
                .hasMessageContaining("If support auto partition and dynamic partition at same time, they must have the same"
                        + " interval unit.");
        assertThat(c.tables("db")).isEmpty();
    }
}
