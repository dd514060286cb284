package dev.dorisccr.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ServerOptionsTest {
    @Command(name = "t")
    static final class Holder {
        @Mixin ServerOptions options = new ServerOptions();
    }

    private static ServerOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options;
    }

    @Test
    void defaultsAreTheGoSyncers() {
        ServerConfig c = parse().toConfig();

        assertThat(c.storeKind()).isEqualTo(StoreKind.SQLITE3);
        assertThat(c.sqliteFile()).isEqualTo(Path.of("db/ccr.db"));
        assertThat(c.hostPort()).isEqualTo("127.0.0.1:9190");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.rpcTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.commitTxnTimeout()).isEqualTo(Duration.ofSeconds(33));
        assertThat(c.maxIngestConcurrencyPerBackend()).isEqualTo(48);
    }

    @Test
    void goSingleDashFlagsAndDoubleDashFlagsBothWork() {
        ServerConfig c = parse("-db_type=mysql", "-db_host=10.0.0.5", "--db_user", "ccr", "-db_password=pw",
                "-host=syncer-a", "--port", "9191", "-rpc_timeout=1m30s", "-log_level=debug").toConfig();

        assertThat(c.storeKind()).isEqualTo(StoreKind.MYSQL);
        assertThat(c.dbPort()).isEqualTo(3306);
        assertThat(c.dbUser()).isEqualTo("ccr");
        assertThat(c.hostPort()).isEqualTo("syncer-a:9191");
        assertThat(c.rpcTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(c.toString()).doesNotContain("pw");
    }

    @Test
    void postgresDefaultsToItsPort() {
        assertThat(parse("--db_type", "postgresql").toConfig().dbPort()).isEqualTo(5432);
    }

    @Test
    void badFlagsGiveClearErrors() {
        assertThatThrownBy(() -> parse("--db_type", "oracle").toConfig()).hasMessageContaining("--db_type must be");
        assertThatThrownBy(() -> parse("--db_user", "x").toConfig()).hasMessageContaining("sqlite3 has no users");
        assertThatThrownBy(() -> parse("--port", "70000").toConfig()).hasMessageContaining("--port out of range");
        assertThatThrownBy(() -> parse("--rpc_timeout", "10").toConfig()).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> parse("--rpc_timeout", "xs").toConfig()).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> parse("--rpc_timeout", "0s").toConfig()).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> parse("--log_level", "loud").toConfig()).hasMessageContaining("--log_level");
        assertThatThrownBy(() -> parse("--max_ingest_concurrency_per_backend", "0").toConfig())
                .hasMessageContaining("[1, 4096]");
    }
}
