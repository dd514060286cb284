package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.thrift.ThriftClusterConnector;
import dev.dorisccr.thrift.sql.SqlPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One SQL pool per FE endpoint and credentials, shared by every job's client, over the simulator's MySQL port. */
class SharedSqlPoolsTest {
    private final FakeDorisCluster cluster = FakeDorisCluster.builder().name("pools").backends(1)
            .credentials("root", "s3cret-pw").build().start();
    private final ThriftClusterConnector connector = new ThriftClusterConnector(Duration.ofSeconds(2),
            Duration.ofSeconds(5), 2);

    SharedSqlPoolsTest() {
        cluster.createDatabase("db", java.util.Map.of());
    }

    @AfterEach
    void close() {
        connector.close();
        cluster.close();
    }

    private ClusterSpec spec(String password) {
        return ClusterSpec.of("127.0.0.1", cluster.mysqlPort(), cluster.masterThriftPort(), "root", password);
    }

    private static void alive(SqlClient sql) {
        assertThat(sql.query(ClusterStatements.showDatabases())).isNotEmpty();
    }

    @Test
    void manyJobsOnOneClusterShareOnePoolAndTheLastCloseClosesIt() {
        SqlPools pools = connector.sqlPools();
        List<SqlClient> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(connector.sql(spec("s3cret-pw")));
        }
        // two at most in the pool, 50 clients using them in turn
        clients.forEach(SharedSqlPoolsTest::alive);
        assertThat(pools.openPools()).isEqualTo(1);
        assertThat(pools.poolNames()).singleElement().asString().startsWith("doris-sql-127.0.0.1:"
                + cluster.mysqlPort() + "-root").doesNotContain("s3cret-pw");

        for (int i = 0; i < 49; i++) {
            clients.get(i).close();
        }
        clients.get(0).close(); // a second close gives back nothing more
        assertThat(pools.openPools()).isEqualTo(1);
        alive(clients.get(49));

        clients.get(49).close();
        assertThat(pools.openPools()).isZero();
        assertThatThrownBy(() -> alive(clients.get(49))).isInstanceOfSatisfying(CcrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_STATE));
        // a new job opens a fresh pool
        try (SqlClient again = connector.sql(spec("s3cret-pw"))) {
            alive(again);
            assertThat(pools.openPools()).isEqualTo(1);
        }
    }

    @Test
    void otherCredentialsGetAnotherPoolAndAWrongPasswordHurtsNoOneElse() {
        SqlPools pools = connector.sqlPools();
        try (SqlClient good = connector.sql(spec("s3cret-pw")); SqlClient changed = connector.sql(spec("new-pw"))) {
            alive(good);
            assertThat(pools.openPools()).isEqualTo(2);
            assertThat(pools.poolNames()).hasSize(2).allSatisfy(n -> assertThat(n).doesNotContain("pw"));
            // the simulator knows one password: the other pool's calls are refused, clearly and without it
            assertThatThrownBy(() -> alive(changed)).isInstanceOfSatisfying(CcrException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
                assertThat(e.getMessage()).doesNotContain("new-pw").doesNotContain("s3cret-pw");
            });
            alive(good);
        }
        assertThat(pools.openPools()).isZero();
    }

    @Test
    void aBrokenConnectionDoesNotPoisonThePoolForOtherJobs() {
        SqlPools pools = connector.sqlPools();
        List<SqlClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(connector.sql(spec("s3cret-pw")));
        }
        clients.forEach(SharedSqlPoolsTest::alive);
        // a failing statement of one job leaves the connection and the pool usable
        assertThatThrownBy(() -> clients.get(0).query(dev.dorisccr.core.ddl.render.Sql.of("SELEC nonsense")))
                .isInstanceOf(CcrException.class);
        clients.forEach(SharedSqlPoolsTest::alive);

        // the FE restarts: every pooled connection is dead. At most one call per pooled connection
        // fails (as a connection failure, retriable); the pool then opens new ones for everybody
        cluster.restartFrontend();
        int failures = 0;
        for (int round = 0; round < 3; round++) {
            for (SqlClient c : clients) {
                try {
                    alive(c);
                } catch (CcrException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.DORIS_CONNECTION_FAILED);
                    failures++;
                }
            }
        }
        assertThat(failures).isLessThanOrEqualTo(connector.sqlPools().maxConnections());
        clients.forEach(SharedSqlPoolsTest::alive);
        assertThat(pools.openPools()).isEqualTo(1);
        clients.forEach(SqlClient::close);
        assertThat(pools.openPools()).isZero();
    }

    @Test
    void badPoolSizesAreRefused() {
        assertThatThrownBy(() -> new SqlPools(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> new ThriftClusterConnector(Duration.ofSeconds(1), Duration.ofSeconds(1),
                SqlPools.MAX_CONNECTIONS + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
