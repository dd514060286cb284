package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enable_db_binlog.sh through the real mysql client against the simulated Doris FE. Skipped only
 * when no mysql client is installed ({@code .ci/run} installs mariadb-client).
 */
class EnableDbBinlogScriptTest {
    private static FakeDorisCluster cluster;

    @TempDir Path dir;
    private DistributionHome dist;

    static boolean mysqlClientInstalled() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "mysql")));
    }

    @BeforeAll
    static void startCluster() {
        assumeTrue(mysqlClientInstalled(), "no mysql client on the PATH (apt-get install mariadb-client)");
        cluster = FakeDorisCluster.builder().name("src").backends(1).build().start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        dist = new DistributionHome(dir);
    }

    private static void createTable(String db, String table, boolean binlog) {
        cluster.sql("CREATE TABLE " + quote(db) + "." + quote(table) + " (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)"
                + " BUCKETS 1" + (binlog ? " PROPERTIES (\"binlog.enable\" = \"true\")" : ""));
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Test
    void goShortOptionsEnableEveryTableWithoutBinlogThenTheDatabaseAndSkipViews() throws Exception {
        cluster.sql("CREATE DATABASE sales");
        createTable("sales", "orders", false);
        createTable("sales", "items", true);
        cluster.sql("CREATE VIEW sales.v_orders AS SELECT * FROM sales.orders");
        int binlogs = cluster.binlogs("sales").size();
        createTable("sales", "probe", false);
        assertThat(cluster.binlogs("sales")).as("no db binlog yet").hasSize(binlogs);

        DistributionHome.Run r = dist.run("enable_db_binlog.sh", "-h", "127.0.0.1", "-p",
                Integer.toString(cluster.mysqlPort()), "-u", cluster.user(), "-P", cluster.password(), "-d", "sales");

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("table sales.orders: binlog enabled")
                .contains("table sales.items: binlog already enabled")
                .contains("table sales.probe: binlog enabled")
                .contains("database sales: binlog enabled (2 table(s) changed, 1 already enabled)")
                .doesNotContain("v_orders");
        assertThat(cluster.tableProperties("sales", "orders")).containsEntry("binlog.enable", "true");
        int before = cluster.binlogs("sales").size();
        createTable("sales", "after", false);
        assertThat(cluster.binlogs("sales")).as("the database now writes binlogs").hasSizeGreaterThan(before);
    }

    @Test
    void longOptionsAndNamesThatNeedQuoting() throws Exception {
        // names Doris accepts that SQL must quote: a hyphen, a keyword (a space or a backtick is no Doris name)
        cluster.sql("CREATE DATABASE `my-db`");
        createTable("my-db", "select", false);

        DistributionHome.Run r = dist.run("enable_db_binlog.sh", "--host=127.0.0.1", "--port",
                Integer.toString(cluster.mysqlPort()), "--user", cluster.user(), "--password", cluster.password(), "--db",
                "my-db");

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("table my-db.select: binlog enabled").contains("database my-db: binlog enabled");
        assertThat(cluster.tableProperties("my-db", "select")).containsEntry("binlog.enable", "true");
    }

    @Test
    void anUnknownDatabaseOrAMissingDbFails() throws Exception {
        DistributionHome.Run none = dist.run("enable_db_binlog.sh", "-h", "127.0.0.1", "-p",
                Integer.toString(cluster.mysqlPort()));
        DistributionHome.Run unknown = dist.run("enable_db_binlog.sh", "-h", "127.0.0.1", "-p",
                Integer.toString(cluster.mysqlPort()), "-u", cluster.user(), "-d", "nope");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.output()).contains("no database");
        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(1);
        assertThat(unknown.output()).contains("ALTER DATABASE nope failed");
    }
}
