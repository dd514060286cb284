package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class FaultInjectingHandlerTest {
    private static final long SEED = 42L;
    private static final QueryHandler ECHO = (session, sql) -> QueryResult.ok();
    private final Session session =
            new Session(1, "root", "127.0.0.1", Map.of(), BuiltInQueries.DEFAULTS);

    private static List<String> outcomes(FaultInjectingHandler handler, Session session, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(handler.handle(session, "SHOW PROC '/dbs'").getClass().getSimpleName());
        }
        return out;
    }

    @Test
    void seededProbabilityIsReproducibleAndRoughlyRight() {
        System.out.println("FaultInjectingHandlerTest seed " + SEED);
        FaultInjectingHandler a = FaultInjectingHandler.builder(ECHO).seed(SEED)
                .rule(FaultRule.error("^show proc", 0.3, 1105, "HY000", "boom")).build();
        FaultInjectingHandler b = FaultInjectingHandler.builder(ECHO).seed(SEED)
                .rule(FaultRule.error("^show proc", 0.3, 1105, "HY000", "boom")).build();
        List<String> first = outcomes(a, session, 1000);
        assertThat(outcomes(b, session, 1000)).isEqualTo(first);
        long errors = first.stream().filter("Error"::equals).count();
        assertThat(errors).isEqualTo(a.errorCount()).isBetween(240L, 360L);
    }

    @Test
    void probabilityZeroAndOneAndNonMatchingStatements() {
        FaultInjectingHandler handler = FaultInjectingHandler.builder(ECHO).seed(SEED)
                .rule(FaultRule.dropConnection("^SHOW BACKENDS", 0.0))
                .rule(FaultRule.dropConnection("^SHOW FRONTENDS", 1.0))
                .build();
        for (int i = 0; i < 100; i++) {
            assertThat(handler.handle(session, "SHOW BACKENDS")).isEqualTo(QueryResult.ok());
            assertThat(handler.handle(session, "SHOW FRONTENDS"))
                    .isSameAs(QueryResult.disconnect());
            assertThat(handler.handle(session, "SELECT 2")).isEqualTo(QueryResult.ok());
        }
        assertThat(handler.dropCount()).isEqualTo(100);
    }

    @Test
    void firstTerminalFaultWinsAndErrorCarriesItsCode() {
        FaultInjectingHandler handler = FaultInjectingHandler.builder(ECHO).seed(SEED)
                .rule(FaultRule.error("backup", 1.0, 2003, "HY000", "fe down"))
                .rule(FaultRule.dropConnection("backup", 1.0))
                .build();
        assertThat(handler.handle(session, "SHOW BACKUP"))
                .isEqualTo(QueryResult.error(2003, "HY000", "fe down"));
        assertThat(handler.dropCount()).isZero();
    }

    @Test
    void latencyWaitsForTheSchedulerThenRunsTheDelegate() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            FaultInjectingHandler handler = FaultInjectingHandler.builder(ECHO).seed(SEED)
                    .scheduler(scheduler)
                    .rule(FaultRule.latency("slow", 1.0, Duration.ofMillis(150)))
                    .rule(FaultRule.latency("slow", 1.0, Duration.ofMillis(100)))
                    .build();
            long start = System.nanoTime();
            assertThat(handler.handle(session, "SELECT slow")).isEqualTo(QueryResult.ok());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(handler.latencyCount()).isEqualTo(1);
        } finally {
            scheduler.shutdownNow();
        }
        FaultInjectingHandler stopped = FaultInjectingHandler.builder(ECHO).seed(SEED)
                .scheduler(scheduler)
                .rule(FaultRule.latency("slow", 1.0, Duration.ofMillis(1)))
                .build();
        assertThat(stopped.handle(session, "slow")).isInstanceOfSatisfying(
                QueryResult.Error.class, e -> assertThat(e.message()).contains("scheduler"));
    }

    @Test
    void badConfigurationFails() {
        assertThatThrownBy(() -> FaultInjectingHandler.builder(ECHO).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> FaultInjectingHandler.builder(ECHO).seed(1)
                .rule(FaultRule.latency("x", 1.0, Duration.ofMillis(1))).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scheduler");
        assertThatThrownBy(() -> FaultRule.dropConnection("x", 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.dropConnection("x", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.latency("x", 1.0, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionHooksAreForwarded() {
        SampleHandler sample = new SampleHandler();
        FaultInjectingHandler handler = FaultInjectingHandler.builder(sample).seed(SEED).build();
        handler.onConnect(session);
        handler.onDisconnect(session);
        assertThat(sample.connects.get()).isEqualTo(1);
        assertThat(sample.disconnects.get()).isEqualTo(1);
        assertThat(handler.onInitDb(session, "nosuchdb"))
                .isInstanceOf(QueryResult.Error.class);
        assertThat(FaultInjectingHandler.builder(ECHO).seed(SEED).build()
                .onInitDb(session, "any")).isEqualTo(QueryResult.ok());
    }
}
