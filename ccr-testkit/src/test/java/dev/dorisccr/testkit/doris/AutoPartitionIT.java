package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AUTO PARTITION BY RANGE (date_trunc) / LIST through Connector/J: an INSERT creates the missing
 * partitions with Doris's names, one ADD_PARTITION binlog each before the load's UPSERT, and SHOW
 * CREATE TABLE / SHOW PARTITIONS show them.
 */
class AutoPartitionIT {
    private SimJdbc sim;
    private FakeDorisCluster cluster;
    private Statement s;

    @BeforeEach
    void start() throws SQLException {
        sim = SimJdbc.open(FakeDorisCluster.builder().name("auto").backends(1),
                "CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")", "db");
        cluster = sim.cluster;
        s = sim.s;
    }

    @AfterEach
    void stop() throws SQLException {
        sim.close();
    }

    private String showCreate(String t) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + t)) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Test
    void rangeByDayCreatesPartitionsNamedAsDorisBeforeTheLoad() throws Exception {
        s.execute("CREATE TABLE ev (d DATE NOT NULL, id INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(d, id)"
                + " AUTO PARTITION BY RANGE (date_trunc(`d`, 'day')) () DISTRIBUTED BY HASH(id) BUCKETS 2");
        assertThat(cluster.partitions("db", "ev")).isEmpty();
        long before = cluster.binlogs("db").size();
        s.execute("INSERT INTO ev VALUES ('2024-01-05', 1, 'a'), ('2024-01-05', 2, 'b'), ('2024-01-07', 3, 'c')");
        assertThat(cluster.partitions("db", "ev")).containsExactlyInAnyOrder("p20240105000000", "p20240107000000");
        List<SimBinlog> logs = cluster.binlogs("db").subList((int) before, cluster.binlogs("db").size());
        assertThat(logs).extracting(SimBinlog::type).containsExactly(SimBinlog.ADD_PARTITION, SimBinlog.ADD_PARTITION,
                SimBinlog.UPSERT);
        assertThat(logs.get(0).data()).contains("ADD PARTITION `p20240105000000` VALUES [(\\\"2024-01-05\\\"), "
                + "(\\\"2024-01-06\\\"))");
        assertThat(showCreate("ev")).contains("AUTO PARTITION BY RANGE (date_trunc(`d`, 'day'))\n(PARTITION"
                + " p20240105000000 VALUES [(\"2024-01-05\"), (\"2024-01-06\")),\nPARTITION p20240107000000 VALUES"
                + " [(\"2024-01-07\"), (\"2024-01-08\")))");
        // a row of an existing partition adds none
        s.execute("INSERT INTO ev VALUES ('2024-01-05', 4, 'd')");
        assertThat(cluster.partitions("db", "ev")).hasSize(2);
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ev PARTITION (p20240105000000)")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
        try (ResultSet rs = s.executeQuery("SHOW PARTITIONS FROM ev WHERE PartitionName = 'p20240107000000'")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void rangeUnitsOnDatetimeColumns() throws Exception {
        for (String[] u : List.of(new String[] {"month", "p20240201000000", "2024-02-01 00:00:00", "2024-03-01 00:00:00"},
                new String[] {"year", "p20240101000000", "2024-01-01 00:00:00", "2025-01-01 00:00:00"},
                new String[] {"hour", "p20240229130000", "2024-02-29 13:00:00", "2024-02-29 14:00:00"},
                new String[] {"week", "p20240226000000", "2024-02-26 00:00:00", "2024-03-04 00:00:00"},
                new String[] {"quarter", "p20240101000000", "2024-01-01 00:00:00", "2024-04-01 00:00:00"})) {
            s.execute("CREATE TABLE t_" + u[0] + " (ts DATETIME NOT NULL, id INT) DUPLICATE KEY(ts)"
                    + " AUTO PARTITION BY RANGE date_trunc(ts, '" + u[0] + "') () DISTRIBUTED BY HASH(id) BUCKETS 1");
            s.execute("INSERT INTO t_" + u[0] + " VALUES ('2024-02-29 13:45:10', 1)");
            assertThat(cluster.partitions("db", "t_" + u[0])).as(u[0]).containsExactly(u[1]);
            assertThat(showCreate("t_" + u[0])).as(u[0]).contains("PARTITION " + u[1] + " VALUES [(\"" + u[2]
                    + "\"), (\"" + u[3] + "\")))");
        }
    }

    @Test
    void listCreatesOnePartitionPerNewValueWithDorisNames() throws Exception {
        s.execute("CREATE TABLE cities (city VARCHAR(20) NOT NULL, n INT) DUPLICATE KEY(city)"
                + " AUTO PARTITION BY LIST (`city`) () DISTRIBUTED BY HASH(city) BUCKETS 1");
        s.execute("INSERT INTO cities VALUES ('Beijing', 1), ('你好', 2), ('Beijing', 3), ('new york', 4)");
        assertThat(cluster.partitions("db", "cities")).containsExactlyInAnyOrder("pBeijing7", "p4f60597d2",
                "pnew20york8");
        assertThat(showCreate("cities")).contains("AUTO PARTITION BY LIST (`city`)\n(PARTITION pBeijing7 VALUES IN"
                + " (\"Beijing\"),");
        s.execute("CREATE TABLE multi (a INT NOT NULL, b VARCHAR(5) NOT NULL, n INT) DUPLICATE KEY(a, b)"
                + " AUTO PARTITION BY LIST (a, b) () DISTRIBUTED BY HASH(a) BUCKETS 1");
        s.execute("INSERT INTO multi VALUES (-1, 'x', 1)");
        assertThat(cluster.partitions("db", "multi")).containsExactly("p_2d12x1");
    }

    @Test
    void badAutoPartitionFormsAreDorisErrorsThatChangeNothing() throws Exception {
        for (String[] bad : List.of(
                new String[] {"CREATE TABLE b1 (d DATE, id INT) AUTO PARTITION BY RANGE (date_trunc(d, 'day')) ()"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 1", "AUTO RANGE PARTITION doesn't support NULL column"},
                new String[] {"CREATE TABLE b2 (d INT NOT NULL, id INT) AUTO PARTITION BY RANGE (date_trunc(d, 'day')) ()"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 1", "Auto range partition needs Date/DateV2/Datetime/DatetimeV2"},
                new String[] {"CREATE TABLE b3 (d DATE NOT NULL, id INT) AUTO PARTITION BY RANGE (date_trunc(d, 'decade'))"
                        + " () DISTRIBUTED BY HASH(id) BUCKETS 1", "date_trunc function time unit param only support"},
                new String[] {"CREATE TABLE b4 (d DATE NOT NULL, id INT) AUTO PARTITION BY RANGE (date_trunc(x, 'day')) ()"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 1", "Partition column[x] does not exist in column list."},
                new String[] {"CREATE TABLE b5 (d DATE NOT NULL, id INT) AUTO PARTITION BY RANGE (to_days(d)) ()"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 1", "only support function call expr is date_trunc"},
                new String[] {"CREATE TABLE b6 (d DOUBLE NOT NULL, id INT) AUTO PARTITION BY LIST (d) ()"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 1", "cannot be a list partition key"})) {
            assertThatThrownBy(() -> s.execute(bad[0])).as(bad[0]).isInstanceOf(SQLException.class)
                    .hasMessageContaining(bad[1]);
        }
        assertThat(cluster.tables("db")).isEmpty();
        s.execute("CREATE TABLE ok (d DATE NOT NULL, id INT NOT NULL) DUPLICATE KEY(d)"
                + " AUTO PARTITION BY RANGE (date_trunc(d, 'day')) () DISTRIBUTED BY HASH(id) BUCKETS 1");
        long logs = cluster.binlogs("db").size();
        // a row that fails the load's checks creates no partition
        assertThatThrownBy(() -> s.execute("INSERT INTO ok VALUES ('2024-01-01', 1), ('2024-01-02', NULL)"))
                .isInstanceOf(SQLException.class);
        assertThat(cluster.partitions("db", "ok")).isEmpty();
        assertThat(cluster.binlogs("db")).hasSize((int) logs);
    }
}
