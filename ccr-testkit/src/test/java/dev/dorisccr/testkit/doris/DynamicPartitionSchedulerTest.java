package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The dynamic partition scheduler driven by the cluster clock: the first run at CREATE TABLE, then
 * passes a test asks for; partitions added and dropped with their binlogs, names as Doris gives them.
 */
class DynamicPartitionSchedulerTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-02-28T10:30:00Z"));
    private final InstantSource clock = () -> now.get();

    private FakeDorisCluster cluster() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("sched").clock(clock).build();
        c.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        return c;
    }

    @Test
    void createRunsOnceThenEachPassAddsAndDropsOnTheClock() {
        FakeDorisCluster c = cluster();
        c.sql("CREATE TABLE db.t (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (\"dynamic_partition.time_unit\" = \"DAY\","
                + " \"dynamic_partition.start\" = \"-1\", \"dynamic_partition.end\" = \"2\","
                + " \"dynamic_partition.prefix\" = \"p\", \"dynamic_partition.buckets\" = \"2\")");
        assertThat(c.partitions("db", "t")).containsExactly("p20240228", "p20240229", "p20240301");
        List<SimBinlog> logs = c.binlogs("db");
        assertThat(logs.subList(logs.size() - 4, logs.size())).extracting(SimBinlog::type).containsExactly(
                SimBinlog.CREATE_TABLE, SimBinlog.ADD_PARTITION, SimBinlog.ADD_PARTITION, SimBinlog.ADD_PARTITION);
        assertThat(c.sql("SHOW PARTITIONS FROM db.t WHERE PartitionName = 'p20240229'")).hasSize(1);
        c.sql("INSERT INTO db.t VALUES ('2024-02-29', 1)");

        assertThat(c.runDynamicPartitionScheduler()).isEmpty();
        now.set(now.get().plus(Duration.ofDays(2)));
        int before = c.binlogs("db").size();
        // now 2024-03-01: offsets -1..2 are 02-29..03-03; 02-28 is before the start and goes
        assertThat(c.runDynamicPartitionScheduler()).containsExactly("+db.t.p20240302", "+db.t.p20240303",
                "-db.t.p20240228");
        assertThat(c.partitions("db", "t")).containsExactly("p20240229", "p20240301", "p20240302", "p20240303");
        assertThat(c.binlogs("db").subList(before, c.binlogs("db").size())).extracting(SimBinlog::type).containsExactly(
                SimBinlog.ADD_PARTITION, SimBinlog.ADD_PARTITION, SimBinlog.DROP_PARTITION);
        now.set(now.get().plus(Duration.ofDays(1)));
        assertThat(c.runDynamicPartitionScheduler()).containsExactly("+db.t.p20240304", "-db.t.p20240229");
        assertThat(c.rows("db", "t")).isEmpty();
    }

    @Test
    void unitsNamesAndWhatItLeavesAlone() {
        FakeDorisCluster c = cluster();
        c.sql("CREATE TABLE db.h (ts DATETIME NOT NULL, k INT) DUPLICATE KEY(ts) PARTITION BY RANGE(ts) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"HOUR\","
                + " \"dynamic_partition.end\" = \"1\", \"dynamic_partition.prefix\" = \"h_\")");
        assertThat(c.partitions("db", "h")).containsExactly("h_2024022810", "h_2024022811");
        c.sql("CREATE TABLE db.m (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d)"
                + " (PARTITION old VALUES [('2024-03-01'), ('2024-03-15')))"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"MONTH\","
                + " \"dynamic_partition.end\" = \"1\", \"dynamic_partition.prefix\" = \"p\")");
        // March overlaps the declared partition: skipped, as Doris skips it
        assertThat(c.partitions("db", "m")).containsExactly("old", "p202402");
        c.sql("CREATE TABLE db.off (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.enable\" = \"false\","
                + " \"dynamic_partition.time_unit\" = \"YEAR\", \"dynamic_partition.end\" = \"1\","
                + " \"dynamic_partition.prefix\" = \"y\")");
        c.sql("CREATE TABLE db.synced (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"is_being_synced\" = \"true\","
                + " \"dynamic_partition.time_unit\" = \"YEAR\", \"dynamic_partition.end\" = \"1\","
                + " \"dynamic_partition.prefix\" = \"y\")");
        assertThat(c.runDynamicPartitionScheduler()).isEmpty();
        assertThat(c.partitions("db", "off")).isEmpty();
        assertThat(c.partitions("db", "synced")).isEmpty();
        c.sql("CREATE TABLE db.w (d DATE NOT NULL, k INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (\"dynamic_partition.time_unit\" = \"WEEK\","
                + " \"dynamic_partition.end\" = \"1\", \"dynamic_partition.prefix\" = \"w\")");
        assertThatThrownBy(c::runDynamicPartitionScheduler).hasMessageContaining("does not model time_unit WEEK");
    }
}
