package dev.dorisccr.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The groups of {@link ServerConfig}: defaults, copies, validation, and no password in any toString. */
class ServerConfigTest {
    private static final Path HOME = Path.of("/opt/ccr");

    @Test
    void defaultsAreTheGoSyncers() {
        ServerConfig c = ServerConfig.builder(HOME).build();

        assertThat(c.store()).isEqualTo(StoreSettings.defaults(HOME));
        assertThat(c.store().sqliteFile()).isEqualTo(HOME.resolve("db/ccr.db"));
        assertThat(c.hostPort()).isEqualTo("127.0.0.1:9190");
        assertThat(c.http().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.log().file()).isEmpty();
        assertThat(c.pidFile()).isEmpty();
        assertThat(c.rpc().commitTxnTimeout()).isEqualTo(Duration.ofSeconds(33));
        assertThat(c.pacing().binlogBatchSize()).isEqualTo(100);
        assertThat(c.apply().pipelineDepth()).isEqualTo(8);
        assertThat(c.audit().verifyInterval()).isZero();
    }

    @Test
    void toBuilderAndWithPortCopyEveryGroup() {
        ServerConfig c = ServerConfig.builder(HOME)
                .store(new StoreSettings(StoreKind.MYSQL, HOME.resolve("x.db"), "db", 3307, "u", "pw", "ccr2"))
                .http(new HttpSettings("syncer-a", 9191, "127.0.0.1"))
                .log(LogSettings.DEFAULTS.withFile(Path.of("/var/log/s.log")).withLevel(LogLevel.DEBUG))
                .process(new ProcessSettings(true, Optional.of(Path.of("/run")), Duration.ofSeconds(5)))
                .rpc(new RpcSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)))
                .pacing(new PacingSettings(16, java.time.Duration.ofMillis(500)))
                .apply(new ApplySettings(1, 2, 3, 4, 5))
                .audit(new AuditSettings(AuditSettings.DEFAULTS.journalRetention(), Duration.ofHours(1)))
                .build();

        assertThat(c.toBuilder().build()).isEqualTo(c);
        ServerConfig moved = c.withPort(9200);
        assertThat(moved.http()).isEqualTo(c.http().withPort(9200));
        assertThat(moved.toBuilder().http(c.http()).build()).isEqualTo(c);
        assertThat(moved.pidFile()).contains(Path.of("/run/syncer-a_9200.pid"));
    }

    @Test
    void noToStringShowsThePassword() {
        StoreSettings store = new StoreSettings(StoreKind.POSTGRESQL, HOME.resolve("x.db"), "db", 5432, "u",
                "hunter2", "ccr");
        ServerConfig c = ServerConfig.builder(HOME).store(store).build();

        assertThat(store.toString() + c).doesNotContain("hunter2").contains("postgresql u@db:5432/ccr (password set)");
        assertThat(StoreSettings.defaults(HOME).description()).isEqualTo("sqlite3 file=" + HOME.resolve("db/ccr.db"));
    }

    @Test
    void eachGroupRefusesWhatCannotWork() {
        assertThatThrownBy(() -> HttpSettings.DEFAULTS.withPort(70_000)).hasMessageContaining("port out of range");
        assertThatThrownBy(() -> new PacingSettings(0, java.time.Duration.ZERO)).hasMessageContaining("binlogBatchSize < 1");
        assertThatThrownBy(() -> new ApplySettings(0, 1, 1, 1, 1)).hasMessageContaining("pipelineDepth < 1");
        assertThatThrownBy(() -> new ApplySettings(1, 1, 1, 0, 1)).hasMessageContaining("maxSqlConnectionsPerCluster");
        assertThatThrownBy(() -> new AuditSettings(AuditSettings.DEFAULTS.journalRetention(), Duration.ofSeconds(-1)))
                .hasMessageContaining("verifyInterval < 0");
        assertThatThrownBy(() -> new LogSettings.Rotation(10, 1, 1)).hasMessageContaining("1 KiB");
        assertThatThrownBy(() -> ServerConfig.builder(HOME).rpc(null).build()).hasMessageContaining("rpc is null");
    }
}
