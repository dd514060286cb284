package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A HikariCP pool against the server, with injected faults. */
class PooledFaultsIT {
    private static final long SEED = 20261123L;

    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private FaultInjectingHandler faults;
    private MysqlProtocolServer server;
    private HikariDataSource pool;

    @BeforeEach
    void start() {
        executor = Executors.newCachedThreadPool();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        System.out.println("PooledFaultsIT seed " + SEED);
        faults = FaultInjectingHandler.builder(new SampleHandler())
                .seed(SEED)
                .scheduler(scheduler)
                .rule(FaultRule.dropConnection("^SELECT drop_me$", 1.0))
                .rule(FaultRule.latency("/\\* slow \\*/", 1.0, Duration.ofMillis(300)))
                .rule(FaultRule.error("^SELECT session_id /\\* flaky \\*/", 1.0, 1105, "HY000",
                        "injected"))
                .build();
        server = MysqlProtocolServer.builder()
                .users(Users.of("root", "secret"))
                .handler(faults)
                .executor(executor)
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(""));
        config.setUsername("root");
        config.setPassword("secret");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        config.setConnectionTimeout(10_000);
        config.setPoolName("mysqlwire-it");
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void stop() {
        pool.close();
        server.close();
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    private long sessionId(String suffix) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT session_id" + suffix)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void poolOfFourServesConcurrentQueries() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Set<Long> sessions = ConcurrentHashMap.newKeySet();
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 25; i++) {
                        try {
                            sessions.add(sessionId(""));
                        } catch (SQLException e) {
                            throw new IllegalStateException("query failed", e);
                        }
                    }
                }, clients));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
        assertThat(sessions).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(4);
    }

    @Test
    void droppedConnectionFailsTheStatementAndThePoolRecovers() throws SQLException {
        sessionId("");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 4);
        long acceptedBefore = server.acceptedCount();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT drop_me"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).startsWith("08"));
        }
        assertThat(faults.dropCount()).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            assertThat(sessionId("")).isPositive();
        }
        // Hikari evicted the broken connection and opened a replacement.
        await().atMost(Duration.ofSeconds(20)).until(() -> server.acceptedCount() > acceptedBefore
                && pool.getHikariPoolMXBean().getTotalConnections() == 4);
    }

    @Test
    void latencyAndErrorFaults() throws SQLException {
        long start = System.nanoTime();
        assertThat(sessionId(" /* slow */")).isPositive();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(faults.latencyCount()).isEqualTo(1);

        assertThatThrownBy(() -> sessionId(" /* flaky */"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1105);
                    assertThat(e.getMessage()).contains("injected");
                });
        assertThat(faults.errorCount()).isEqualTo(1);
        assertThat(sessionId("")).isPositive();
    }
}
