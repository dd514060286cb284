package dev.dorisccr.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.store.jdbc.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ServerOptionsTest {
    private static final Path HOME = Path.of("/opt/ccr");

    @TempDir Path dir;

    @Command(name = "t")
    static final class Holder {
        @Mixin ServerOptions options = new ServerOptions();
    }

    static ServerOptions parse(String... args) {
        Holder h = new Holder();
        CommandLine cl = ServerOptions.attach(new CommandLine(h));
        cl.setOverwrittenOptionsAllowed(true);
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.parseArgs(args);
        return h.options;
    }

    static ServerOptions.Resolved resolve(Map<String, String> env, String... args) {
        return parse(args).resolve(HOME, env::get);
    }

    static ServerOptions.Resolved resolve(String... args) {
        return resolve(Map.of(), args);
    }

    /** One Go flag: extra flags it needs, its value, and what must follow. */
    record Row(String flag, String value, List<String> prefix, Consumer<ServerOptions.Resolved> check) {
        Row(String flag, String value, Consumer<ServerOptions.Resolved> check) {
            this(flag, value, List.of(), check);
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>(List.of(
                new Row("db_type", "mysql", r -> assertThat(r.config().store().kind()).isEqualTo(StoreKind.MYSQL)),
                new Row("db_dir", "/data/x.db", r -> assertThat(r.config().store().sqliteFile()).isEqualTo(Path.of("/data/x.db"))),
                new Row("db_host", "10.0.0.5", r -> assertThat(r.config().store().host()).isEqualTo("10.0.0.5")),
                new Row("db_port", "3307", r -> assertThat(r.config().store().port()).isEqualTo(3307)),
                new Row("db_user", "ccr", List.of("-db_type=mysql"), r -> assertThat(r.config().store().user()).isEqualTo("ccr")),
                new Row("db_password", "pw", r -> {
                    assertThat(r.config().store().password()).isEqualTo("pw");
                    assertThat(r.warnings()).singleElement().asString().contains("visible").doesNotContain("pw ");
                }),
                new Row("host", "syncer-a", r -> assertThat(r.config().hostPort()).isEqualTo("syncer-a:9190")),
                new Row("port", "9191", r -> assertThat(r.config().http().port()).isEqualTo(9191)),
                new Row("bind_address", "127.0.0.1", r -> assertThat(r.config().http().bindAddress()).isEqualTo("127.0.0.1")),
                new Row("log_level", "debug", r -> assertThat(r.config().log().level()).isEqualTo(LogLevel.DEBUG)),
                new Row("log_filename", "/var/log/s.log",
                        r -> assertThat(r.config().log().file()).contains(Path.of("/var/log/s.log"))),
                new Row("log_dir", "/var/log/t.log", r -> assertThat(r.config().log().file()).contains(Path.of("/var/log/t.log"))),
                new Row("log_also_to_stderr", "true", r -> assertThat(r.config().log().alsoToStderr()).isTrue()),
                new Row("log_max_size", "10MB", r -> assertThat(r.config().log().rotation().maxFileBytes()).isEqualTo(10L << 20)),
                new Row("log_max_age_days", "3", r -> assertThat(r.config().log().rotation().maxAgeDays()).isEqualTo(3)),
                new Row("log_max_backups", "5", r -> assertThat(r.config().log().rotation().maxBackups()).isEqualTo(5)),
                new Row("connect_timeout", "5s", r -> assertThat(r.config().rpc().connectTimeout()).isEqualTo(Duration.ofSeconds(5))),
                new Row("rpc_timeout", "1m30s", r -> assertThat(r.config().rpc().rpcTimeout()).isEqualTo(Duration.ofSeconds(90))),
                new Row("commit_txn_timeout", "40s", r -> {
                    assertThat(r.config().rpc().commitTxnTimeout()).isEqualTo(Duration.ofSeconds(40));
                    assertThat(r.warnings()).singleElement().asString().contains("-rpc_timeout");
                }),
                new Row("max_ingest_concurrency_per_backend", "8",
                        r -> assertThat(r.config().apply().maxIngestConcurrencyPerBackend()).isEqualTo(8)),
                new Row("binlog_batch_size", "16", r -> assertThat(r.config().pacing().binlogBatchSize()).isEqualTo(16)),
                new Row("pipeline_depth", "4", r -> assertThat(r.config().apply().pipelineDepth()).isEqualTo(4)),
                new Row("lookahead_threads", "8", r -> assertThat(r.config().apply().lookaheadThreads()).isEqualTo(8)),
                new Row("parallel_table_commits", "true",
                        r -> assertThat(r.config().apply().parallelTableCommits()).isTrue()),
                new Row("max_ingest_concurrency", "64",
                        r -> assertThat(r.config().apply().maxIngestConcurrency()).isEqualTo(64)),
                new Row("max_sql_connections_per_cluster", "4",
                        r -> assertThat(r.config().apply().maxSqlConnectionsPerCluster()).isEqualTo(4)),
                new Row("daemon", "true", r -> {
                    assertThat(r.config().process().daemon()).isTrue();
                    assertThat(r.config().pidFile()).contains(HOME.resolve("bin/127.0.0.1_9190.pid"));
                    assertThat(r.config().log().file()).contains(HOME.resolve("log/ccr_syncer.log"));
                }),
                new Row("pid_dir", "/run/ccr", r -> assertThat(r.config().pidFile()).contains(Path.of("/run/ccr/127.0.0.1_9190.pid"))),
                new Row("start_timeout", "5s", r -> assertThat(r.config().process().startTimeout()).isEqualTo(Duration.ofSeconds(5))),
                new Row("pprof", "true", r -> assertThat(r.warnings()).singleElement().asString().contains("JFR")),
                new Row("pprof_port", "6061", r -> assertThat(r.warnings()).isEmpty()),
                new Row("local_repo_name", "repo", r -> assertThat(r.warnings()).singleElement().asString()
                        .contains("__keep_on_local__")),
                new Row("mysql_max_allowed_packet", "1024", List.of("-db_type=mysql"),
                        r -> assertThat(r.warnings()).singleElement().asString().contains("max_allowed_packet"))));
        for (GoFeature f : GoFeature.values()) {
            boolean warned = f.fixedValue().map(v -> !v).orElse(true);
            rows.add(new Row(f.flag(), Boolean.toString(warned), r -> assertThat(r.warnings()).singleElement().asString()
                    .startsWith("-" + f.flag() + "=" + warned + " has no effect")));
            f.fixedValue().ifPresent(v -> rows.add(new Row(f.flag(), v.toString(), r -> assertThat(r.warnings()).isEmpty())));
        }
        return rows;
    }

    static Stream<Arguments> everyGoFlagInEveryForm() {
        return rows().stream().flatMap(row -> Stream.of(
                Arguments.of("-" + row.flag() + "=" + row.value(), List.of("-" + row.flag() + "=" + row.value()), row),
                Arguments.of("-" + row.flag() + " " + row.value(), List.of("-" + row.flag(), row.value()), row),
                Arguments.of("--" + row.flag() + " " + row.value(), List.of("--" + row.flag(), row.value()), row)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void everyGoFlagInEveryForm(String form, List<String> args, Row row) {
        List<String> all = new ArrayList<>(row.prefix());
        all.addAll(args);

        ServerOptions.Resolved r = resolve(all.toArray(String[]::new));

        row.check().accept(r);
        assertThat(r.toString() + r.config()).doesNotContain("=pw");
    }

    @Test
    void everyGoFeatureFlagHasARow() {
        List<String> flags = rows().stream().map(Row::flag).toList();
        for (GoFeature f : GoFeature.values()) {
            assertThat(flags).contains(f.flag());
        }
    }

    @Test
    void boolFlagsAloneMeanTrueAsInGo() {
        assertThat(resolve("-daemon").config().process().daemon()).isTrue();
        assertThat(resolve("--log_also_to_stderr", "-port", "9").config().log().alsoToStderr()).isTrue();
        assertThat(resolve("-pprof").warnings()).hasSize(1);
        assertThat(resolve("-pprof=false").warnings()).isEmpty();
    }

    @Test
    void defaultsAreTheGoSyncersWithFilesUnderTheHome() {
        ServerConfig c = resolve().config();

        assertThat(c.store().kind()).isEqualTo(StoreKind.SQLITE3);
        assertThat(c.store().sqliteFile()).isEqualTo(HOME.resolve("db/ccr.db"));
        assertThat(c.hostPort()).isEqualTo("127.0.0.1:9190");
        assertThat(c.http().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.log().file()).isEmpty();
        assertThat(c.pidFile()).isEmpty();
        assertThat(c.rpc().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.rpc().rpcTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.rpc().commitTxnTimeout()).isEqualTo(Duration.ofSeconds(33));
        assertThat(c.apply().maxIngestConcurrencyPerBackend()).isEqualTo(48);
        assertThat(c.apply().maxIngestConcurrency()).isEqualTo(256);
        assertThat(c.apply().maxSqlConnectionsPerCluster()).isEqualTo(16);
        assertThat(c.log().rotation()).isEqualTo(LogSettings.Rotation.GO_DEFAULTS);
        assertThat(resolve().warnings()).isEmpty();
    }

    @Test
    void theGoStartScriptsCommandLineIsAcceptedWithoutWarnings() {
        ServerOptions.Resolved r = resolve("-db_dir=/h/db/ccr.db", "-db_type=sqlite3", "-db_host=127.0.0.1",
                "-db_port=3306", "-db_user=", "-db_password=", "-host=127.0.0.1", "-port=9190", "-pprof=false",
                "-pprof_port=6060", "-log_level=info", "-log_filename=/h/log/x.log", "-connect_timeout=10s",
                "-rpc_timeout=30s", "-log_level=debug");

        assertThat(r.warnings()).isEmpty();
        assertThat(r.config().log().level()).as("a repeated flag takes the last value").isEqualTo(LogLevel.DEBUG);
        assertThat(r.config().store().user()).isEqualTo("root");
    }

    @Test
    void postgresDefaultsToItsPort() {
        assertThat(resolve("--db_type", "postgresql").config().store().port()).isEqualTo(5432);
    }

    @Test
    void passwordComesFromTheEnvironmentWhenNotGiven() {
        ServerOptions.Resolved r = resolve(Map.of(ServerOptions.PASSWORD_ENV, "s3cret"), "-db_type=mysql");

        assertThat(r.config().store().password()).isEqualTo("s3cret");
        assertThat(r.warnings()).isEmpty();
        assertThat(r.config().toString() + r.infos()).doesNotContain("s3cret").contains("password set");
    }

    @Test
    void configFileOverridesTheFlagsAsInGoAndKeepsThePasswordOffTheCommandLine() throws Exception {
        Path conf = dir.resolve("db.conf");
        Files.writeString(conf, "# store\ndb_type=mysql\ndb_host = 10.1.1.1\ndb_port=3310\ndb_user=ccr\n"
                + "db_password=\"p#w d\"\ndb_name=\"ccr\" # default value\n\n");

        ServerOptions.Resolved r = resolve(Map.of(ServerOptions.PASSWORD_ENV, "env"), "-config_file=" + conf,
                "-db_type=sqlite3", "-db_host=127.0.0.1");

        assertThat(r.config().store().kind()).isEqualTo(StoreKind.MYSQL);
        assertThat(r.config().store().host()).isEqualTo("10.1.1.1");
        assertThat(r.config().store().port()).isEqualTo(3310);
        assertThat(r.config().store().user()).isEqualTo("ccr");
        assertThat(r.config().store().password()).isEqualTo("p#w d");
        assertThat(r.config().store().database()).isEqualTo("ccr");
        assertThat(r.infos()).anyMatch(i -> i.contains("db_password") && i.contains(conf.toString()));
        assertThat(String.join(" ", r.infos()) + r.config()).doesNotContain("p#w d");
    }

    @Test
    void theDefaultConfigFileIsConfDbConfUnderTheHomeWhenItExists() throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/db.conf"), "db_host=from-default-file\n");

        ServerConfig c = parse().resolve(dir, k -> null).config();

        assertThat(c.store().host()).isEqualTo("from-default-file");
        assertThat(c.store().sqliteFile()).isEqualTo(dir.resolve("db/ccr.db"));
    }

    @Test
    void aLogDirThatIsADirectoryGetsTheDefaultFileName() {
        assertThat(resolve("--log_dir", dir.toString()).config().log().file()).contains(dir.resolve("ccr_syncer.log"));
    }

    @Test
    void badValuesGiveClearErrors() throws Exception {
        Path badConf = dir.resolve("bad.conf");
        Files.writeString(badConf, "db_hots=x\n");
        assertThatThrownBy(() -> resolve("--db_type", "oracle")).hasMessageContaining("-db_type must be");
        assertThatThrownBy(() -> resolve("--db_user", "x")).hasMessageContaining("sqlite3 has no users");
        assertThatThrownBy(() -> resolve("--port", "70000")).hasMessageContaining("-port out of range");
        assertThatThrownBy(() -> resolve("--pprof_port", "0")).hasMessageContaining("-pprof_port out of range");
        assertThatThrownBy(() -> resolve("--rpc_timeout", "10")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> resolve("--rpc_timeout", "xs")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> resolve("--rpc_timeout", "0s")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> resolve("--log_level", "loud")).hasMessageContaining("-log_level");
        assertThatThrownBy(() -> resolve("--log_max_size", "1TB")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> resolve("--log_max_backups", "0")).hasMessageContaining("-log_max_backups");
        assertThatThrownBy(() -> resolve("--bind_address", "no.such.host.invalid")).hasMessageContaining("unknown host");
        assertThatThrownBy(() -> resolve("--max_ingest_concurrency_per_backend", "0")).hasMessageContaining("[1, 4096]");
        assertThatThrownBy(() -> resolve("--max_ingest_concurrency", "5000")).hasMessageContaining("[1, 4096]");
        assertThatThrownBy(() -> resolve("--max_sql_connections_per_cluster", "0")).hasMessageContaining("[1, 1024]");
        assertThatThrownBy(() -> resolve("-config_file", dir.resolve("none.conf").toString()))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> resolve("-config_file", badConf.toString()))
                .hasMessageContaining("unknown key \"db_hots\"").hasMessageContaining("did you mean db_host");
        assertThatThrownBy(() -> resolve("--journal_max_entries", "0")).hasMessageContaining("-journal_max_entries");
        assertThatThrownBy(() -> resolve("--journal_max_age", "7d")).hasMessageContaining("-journal_max_age");
        assertThatThrownBy(() -> resolve("--verify_interval", "30s")).hasMessageContaining("at least 1m");
        assertThatThrownBy(() -> parse("-port", "x")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void journalRetentionAndPeriodicVerificationHaveDefaultsAndFlags() {
        ServerConfig d = resolve().config();
        assertThat(d.audit().journalRetention()).isEqualTo(dev.dorisccr.core.syncer.JournalRetention.Settings.DEFAULTS);
        assertThat(d.audit().verifyInterval()).as("off by default").isZero();
        ServerConfig c = resolve("-journal_max_age=720h", "-journal_max_entries=500", "-verify_interval=6h").config();
        assertThat(c.audit().journalRetention().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(c.audit().journalRetention().maxEntriesPerJob()).isEqualTo(500);
        assertThat(c.audit().verifyInterval()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void leaseTtlHasTheDefaultAFlagAndARange() {
        assertThat(resolve().config().lease().leaseTtl()).isEqualTo(dev.dorisccr.core.ha.HaSettings.DEFAULT_LEASE_TTL);
        assertThat(resolve("-lease_ttl=30s").config().lease().leaseTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(resolve("--lease_ttl", "1m30s").config().lease().leaseTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(resolve("--lease_ttl", "1s").config().lease().leaseTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(resolve("--lease_ttl", "1h").config().lease().leaseTtl()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> resolve("--lease_ttl", "999ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-lease_ttl must be between 1s and 1h, not 999ms");
        assertThatThrownBy(() -> resolve("--lease_ttl", "61m")).hasMessage("-lease_ttl must be between 1s and 1h, not 61m");
        assertThatThrownBy(() -> resolve("--lease_ttl", "0s")).hasMessageContaining("-lease_ttl must be positive");
        assertThatThrownBy(() -> resolve("--lease_ttl", "15")).hasMessageContaining("-lease_ttl: unknown unit");
        assertThatThrownBy(() -> resolve("--lease_ttl", "")).hasMessageContaining("-lease_ttl is empty");
    }

    @Test
    void theBinlogProbeIntervalHasADefaultAnOffValueAndBounds() {
        assertThat(resolve().config().pacing().binlogProbeInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(resolve("-binlog_probe_interval=0").config().pacing().binlogProbeInterval()).as("off").isZero();
        assertThat(resolve("--binlog_probe_interval", "500ms").config().pacing().binlogProbeInterval())
                .isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> resolve("-binlog_probe_interval=10ms")).hasMessageContaining("50ms to 1m");
        assertThatThrownBy(() -> resolve("-binlog_probe_interval=5m")).hasMessageContaining("50ms to 1m");
        assertThatThrownBy(() -> resolve("-binlog_probe_interval=soon")).hasMessageContaining("-binlog_probe_interval");
    }
}
