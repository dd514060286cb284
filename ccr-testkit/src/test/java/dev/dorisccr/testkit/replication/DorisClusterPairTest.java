package dev.dorisccr.testkit.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DorisClusterPairTest {
    @RegisterExtension
    final DorisClusterPair clusters = DorisClusterPair.builder().backends(2).target(b -> b.credentials("root", "pw"))
            .build();

    private static final String TABLE = "CREATE TABLE d.t (id INT NOT NULL, v VARCHAR(10)) UNIQUE KEY(id)"
            + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (10), PARTITION p2 VALUES LESS THAN (20))"
            + " DISTRIBUTED BY HASH(id) BUCKETS 2";

    private void sameTableOnBoth() {
        clusters.source().sql("CREATE DATABASE d PROPERTIES (\"binlog.enable\" = \"true\")");
        clusters.source().sql(TABLE);
        clusters.target().sql("CREATE DATABASE d");
        clusters.target().sql(TABLE + " PROPERTIES (\"is_being_synced\" = \"true\")");
        for (FakeDorisCluster c : new FakeDorisCluster[] {clusters.source(), clusters.target()}) {
            c.sql("INSERT INTO d.t VALUES (1, 'a'), (2, 'b'), (12, 'c')");
        }
    }

    @Test
    void eachTestGetsTwoStartedClustersWithTheirSpecs() {
        ClusterSpec s = clusters.sourceSpec();
        ClusterSpec t = clusters.targetSpec();
        assertThat(s.port()).isEqualTo(clusters.source().mysqlPort());
        assertThat(s.thriftPort()).isEqualTo(clusters.source().masterThriftPort());
        assertThat(t.port()).isEqualTo(clusters.target().mysqlPort()).isNotEqualTo(s.port());
        assertThat(t.user()).isEqualTo("root");
        assertThat(t.password().reveal()).isEqualTo("pw");
        assertThat(clusters.source().backendPorts()).hasSize(2);
        assertThat(clusters.source().name()).isEqualTo("src");
        assertThat(clusters.target().name()).isEqualTo("dst");
        assertThat(clusters.createCcrBody("j", "d", "", "d", "")).startsWith("{\"name\": \"j\", \"src\": {")
                .contains("\"port\": \"" + t.port() + "\"");
    }

    @Test
    void theClustersAreClosedAfterTheTest() throws Exception {
        DorisClusterPair pair = DorisClusterPair.builder().build();
        pair.beforeEach(null);
        int port = pair.source().mysqlPort();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
        pair.afterEach(null);
        assertThatThrownBy(pair::source).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only during a test");
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void equalTablesHoldAndTheLinesSaySo() {
        sameTableOnBoth();
        ReplicaComparison c = ReplicaComparison.database(clusters.source(), "d", clusters.target(), "d");
        assertThat(c.holds()).as(c.toString()).isTrue();
        assertThat(c.lines()).containsExactly("ok   tables: source [t], target [t]",
                "ok   t: 3 rows, 2 columns, partitions [p1, p2], is_being_synced");
        clusters.assertDatabaseReplicated("d", "d");
        clusters.assertTableReplicated("d", "t", "d", "t");
    }

    @Test
    void missingAndExtraRowsAreShownWithBothSides() {
        sameTableOnBoth();
        clusters.target().sql("DELETE FROM d.t WHERE id = 2");
        clusters.target().sql("INSERT INTO d.t VALUES (13, 'x')");
        assertThatThrownBy(() -> clusters.assertTableReplicated("d", "t", "d", "t"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("table d.t on dst is not a replica of d.t on src")
                .hasMessageContaining("missing on the target [[2, b]]")
                .hasMessageContaining("extra on the target [[13, x]]");
    }

    @Test
    void schemaPartitionsAndTheSyncMarkAreCompared() throws IOException {
        sameTableOnBoth();
        clusters.target().sql("ALTER TABLE d.t ADD COLUMN w INT");
        clusters.target().sql("ALTER TABLE d.t DROP PARTITION p2");
        clusters.target().sql("ALTER TABLE d.t SET (\"is_being_synced\" = \"false\")");
        ReplicaComparison c = ReplicaComparison.database(clusters.source(), "d", clusters.target(), "d");
        assertThat(c.holds()).isFalse();
        assertThat(String.join("\n", c.differences())).contains("d.t: columns: source", "d.t: partitions: source [p1, p2],"
                + " target [p1]", "is_being_synced is false on the target");
        assertThat(c.lines().get(1)).startsWith("DIFF t: ").contains("differs: ");
    }

    @Test
    void missingTablesAndViewsAreDifferences() {
        sameTableOnBoth();
        clusters.source().sql("CREATE VIEW d.v AS SELECT id FROM d.t");
        ReplicaComparison c = ReplicaComparison.database(clusters.source(), "d", clusters.target(), "d");
        assertThat(c.differences()).containsExactly("tables of d: source [t, v], target [t]");
        assertThat(ReplicaComparison.table(clusters.source(), "d", "t", clusters.target(), "d", "nope").differences())
                .containsExactly("d.nope: missing on the target");
    }
}
