package dev.dorisccr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.JobStore;
import dev.dorisccr.core.spi.LeaseStore;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder, ownership and health, on manual time (no cluster: no job needs one here). */
class CcrEngineTest {
    @TempDir Path dir;
    private final ManualScheduler time = new ManualScheduler();
    private MetadataStore sqlite;

    /** A caller's store: SQLite whose lease store fails while {@link #down}, and which counts its closes. */
    private final class CallersStore implements MetadataStore {
        volatile boolean down;
        int closes;

        @Override
        public JobStore jobs() {
            return sqlite.jobs();
        }

        @Override
        public ProgressStore progress() {
            return sqlite.progress();
        }

        @Override
        public LeaseStore leases() {
            LeaseStore real = sqlite.leases();
            return (LeaseStore) Proxy.newProxyInstance(LeaseStore.class.getClassLoader(),
                    new Class<?>[] {LeaseStore.class}, (proxy, method, args) -> {
                        if (down) {
                            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "store is down (test)");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private CallersStore callersStore() {
        sqlite = Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(dir.resolve("ccr.db")).build(), Map.of(),
                time);
        return new CallersStore();
    }

    @AfterEach
    void closeStore() {
        if (sqlite != null) {
            sqlite.close();
        }
    }

    @Test
    void healthIsStoppedBeforeStartDegradedWhileTheStoreFailsAndHealthyAgainAfter() {
        CallersStore store = callersStore();
        try (CcrEngine engine = CcrEngine.builder().store(store).scheduler(time).clock(time).build()) {
            assertThat(engine.health().state()).isEqualTo(EngineHealth.State.STOPPED);
            assertThat(engine.health().reasons()).containsExactly("not started");

            engine.start();
            time.runFor(Duration.ofSeconds(10));
            assertThat(engine.health().isHealthy()).isTrue();

            store.down = true;
            time.runFor(Duration.ofSeconds(10));
            assertThat(engine.health().state()).isEqualTo(EngineHealth.State.DEGRADED);
            assertThat(engine.health().reasons()).singleElement().asString()
                    .contains("store or lease tick failing").contains("STORE_UNAVAILABLE").contains("store is down");

            store.down = false;
            time.runFor(Duration.ofSeconds(10));
            assertThat(engine.health().isHealthy()).isTrue();
        }
    }

    @Test
    void aStoreGivenAsAnObjectStaysTheCallersAndAClosedEngineDoesNotStartAgain() {
        CallersStore store = callersStore();
        CcrEngine engine = CcrEngine.builder().store(store).scheduler(time).clock(time).build();
        engine.start();
        time.runFor(Duration.ofSeconds(5));

        assertThat(engine.close(Duration.ofSeconds(1))).isTrue();
        assertThat(engine.close(Duration.ofSeconds(1))).as("closing again does nothing").isTrue();

        assertThat(store.closes).isZero();
        assertThat(sqlite.jobs().list()).isEmpty(); // still open
        assertThat(engine.health().reasons()).containsExactly("closed");
        assertThatThrownBy(engine::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void thePoolsTheEngineCreatedEndWithIt() {
        CcrEngine engine = CcrEngine.builder().sqliteStore(dir.resolve("own.db")).build();
        engine.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !engineThreads().isEmpty());

        assertThat(engine.close(Duration.ofSeconds(5))).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> engineThreads().isEmpty());
    }

    private static java.util.List<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ccr-engine-")).toList();
    }

    @Test
    void badSettingsFailAtOnceAndOpenNothing() {
        assertThatThrownBy(() -> CcrEngine.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store is required");
        assertThatThrownBy(() -> CcrEngine.builder().schedulerThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schedulerThreads");
        assertThatThrownBy(() -> CcrEngine.builder().ingestPerBackend(5000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CcrEngine.builder().ingestTotal(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingestTotal");
        assertThatThrownBy(() -> CcrEngine.builder().sqlConnectionsPerCluster(2000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqlConnectionsPerCluster");
        assertThatThrownBy(() -> CcrEngine.builder().rpcTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpcTimeout");
        assertThatThrownBy(() -> CcrEngine.builder().leaseTtl(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CcrEngine.builder().binlogBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CcrEngine.builder().identity("no port")).isInstanceOfSatisfying(CcrException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(CcrEngine.builder().identity("10.0.0.5:9190").identity("embedded.host:0")).isNotNull();
    }

    @Test
    void theDefaultIdentityIsUniquePerEngineAndAcceptedByTheStore() {
        String a = CcrEngine.defaultIdentity();
        String b = CcrEngine.defaultIdentity();
        assertThat(a).matches("embedded-" + ProcessHandle.current().pid() + "-[0-9a-f]{8}\\.[A-Za-z0-9.-]+:0")
                .isNotEqualTo(b);
    }
}
