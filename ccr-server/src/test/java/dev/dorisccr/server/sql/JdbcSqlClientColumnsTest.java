package dev.dorisccr.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.thrift.sql.JdbcSqlClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code JdbcSqlClient.query(statement, columns)} (the shared binlog probe's read) over Connector/J
 * to the simulated FE: the asked columns by label, in the asked order, null for one the answer
 * lacks, the same values as the row maps of {@code query(statement)}.
 */
class JdbcSqlClientColumnsTest {
    @Test
    void readsTheAskedColumnsByLabelInTheAskedOrder() {
        try (FakeDorisCluster c = FakeDorisCluster.builder().name("src").backends(1).build().start()) {
            c.sql("CREATE DATABASE a PROPERTIES (\"binlog.enable\" = \"true\")");
            c.sql("CREATE TABLE a.t (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1"
                    + " PROPERTIES (\"replication_num\" = \"1\")");
            c.sql("INSERT INTO a.t VALUES (1, 1)");
            c.sql("CREATE DATABASE b");
            c.sql("CREATE TABLE b.t (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1"
                    + " PROPERTIES (\"replication_num\" = \"1\", \"binlog.enable\" = \"true\")");
            c.sql("INSERT INTO b.t VALUES (1, 1)");
            ClusterSpec spec = ClusterSpec.of(c.host(), c.mysqlPort(), c.masterThriftPort(), c.user(), c.password());
            try (JdbcSqlClient sql = new JdbcSqlClient(spec, 1, Duration.ofSeconds(5))) {
                List<String> columns = List.of("LastBinlogCommittedTime", "Name", "NoSuchColumn", "Type", "BinlogLength");
                List<Map<String, String>> maps = sql.query(ClusterStatements.showBinlogs());
                List<String[]> rows = sql.query(ClusterStatements.showBinlogs(), columns);

                assertThat(maps).hasSize(2);
                assertThat(rows).hasSameSizeAs(maps);
                for (int i = 0; i < rows.size(); i++) {
                    Map<String, String> m = maps.get(i);
                    assertThat(rows.get(i)).containsExactly(m.get("LastBinlogCommittedTime"), m.get("Name"), null,
                            m.get("Type"), m.get("BinlogLength"));
                }
                assertThat(rows).extracting(r -> r[3]).containsExactlyInAnyOrder("db", "table");
            }
        }
    }
}
