package dev.dorisccr.thrift.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ClusterSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against a real MySQL-protocol server: the throwaway MariaDB of scripts/test-databases.sh. */
class JdbcSqlClientIT {
    private static ClusterSpec cluster(String password) {
        String url = System.getenv("CCR_TEST_MYSQL_URL");
        assumeTrue(url != null, "CCR_TEST_MYSQL_URL is not set (scripts/run-tests.sh sets it)");
        URI u = URI.create(url.substring("jdbc:".length()));
        return ClusterSpec.of(u.getHost(), u.getPort(), 9020, System.getenv("CCR_TEST_MYSQL_USER"), password);
    }

    @Test
    void readsRowsByColumnLabel() {
        try (JdbcSqlClient sql = new JdbcSqlClient(cluster(System.getenv("CCR_TEST_MYSQL_PASSWORD")), 2,
                Duration.ofSeconds(5))) {
            List<Map<String, String>> rows = sql.query(Sql.of("SELECT 1 AS Alive, NULL AS Nothing, 'x' AS Host"));

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("Alive", "1").containsEntry("Host", "x").containsKey("Nothing");
            assertThat(rows.get(0).get("Nothing")).isNull();
            sql.execute(Sql.of("SET @ccr_probe = 1"));
        }
    }

    @Test
    void sqlErrorsAndBadPasswordsAreCodedAndKeepThePasswordOut() {
        try (JdbcSqlClient sql = new JdbcSqlClient(cluster(System.getenv("CCR_TEST_MYSQL_PASSWORD")), 1,
                Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> sql.query(Sql.of("SELEC nonsense"))).isInstanceOf(CcrException.class)
                    .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.DORIS_SQL_FAILED))
                    .hasMessageContaining("1064");
        }
        try (JdbcSqlClient sql = new JdbcSqlClient(cluster("wrong-secret-pw"), 1, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> sql.query(Sql.of("SELECT 1"))).isInstanceOf(CcrException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-pw"));
        }
    }
}
