package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.job.SubSyncState;
import dev.dorisccr.core.job.SyncProgress;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.json.SyncProgressJson;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.JobRecord;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.testkit.gostore.GoJobJson;
import dev.dorisccr.testkit.gostore.GoProgressJson;
import dev.dorisccr.testkit.gostore.GoStoreFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code migrate-from-go} over a Go-shaped SQLite store holding jobs in every kind of state; this
 * syncer's store is the same file (the default) or another one. Cluster endpoints are closed
 * loopback ports: only the job whose upsert was committing needs to ask its target, and fails.
 */
class MigrateFromGoCommandTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir Path dir;
    private Path goFile;
    private GoJobJson.Endpoint src;
    private GoJobJson.Endpoint dest;
    private String out;
    private String err;

    @BeforeEach
    void goStore() throws Exception {
        int dead = closedPort();
        src = new GoJobJson.Endpoint("127.0.0.1", dead, dead, "root", "Src-Pa55word", "shop", "", 10001, 0);
        dest = new GoJobJson.Endpoint("127.0.0.1", dead, dead, "admin", "Dest-Pa55word", "shop_copy", "", 20001, 0);
        goFile = dir.resolve("db").resolve("ccr.db");
        Files.createDirectories(goFile.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goFile)) {
            GoStoreFixture go = new GoStoreFixture(c, GoStoreFixture.Kind.SQLITE);
            go.createTables();
            add(go, GoJobJson.of("inc_db", src, dest),
                    GoProgressJson.idle("inc_db", GoProgressJson.DB_INCREMENTAL_SYNC, 1200));
            add(go, GoJobJson.of("paused_table", src.withTable("orders", 10002), dest.withTable("orders", 0)).state(1),
                    GoProgressJson.idle("paused_table", GoProgressJson.TABLE_INCREMENTAL_SYNC, 800));
            add(go, GoJobJson.of("mid_full", src, dest), GoProgressJson.idle("mid_full", GoProgressJson.DB_FULL_SYNC, 0)
                    .inFlight(GoProgressJson.RESTORE_SNAPSHOT, 0, "ccrs_shop_1700000000"));
            add(go, GoJobJson.of("mid_ingest", src, dest),
                    GoProgressJson.idle("mid_ingest", GoProgressJson.DB_INCREMENTAL_SYNC, 500)
                            .inFlight(GoProgressJson.INGEST_BINLOG, 501, GoProgressJson.upsertData(501, 4711, List.of())));
            add(go, GoJobJson.of("mid_partial", src, dest),
                    GoProgressJson.idle("mid_partial", GoProgressJson.DB_PARTIAL_SYNC, 900)
                            .partial("orders", 10002, List.of("p1"))
                            .inFlight(GoProgressJson.GET_SNAPSHOT_INFO, 901, "ccrp_shop_orders_1700000000"));
        }
    }

    private static void add(GoStoreFixture go, GoJobJson job, GoProgressJson progress) throws Exception {
        String json = progress.toJson();
        String name = json.substring(json.indexOf(":\"") + 2, json.indexOf("\","));
        go.addJob(name, job.toJson(), "127.0.0.1:9190");
        go.putProgress(name, json);
    }

    private void addBadJobs() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goFile)) {
            GoStoreFixture go = new GoStoreFixture(c, GoStoreFixture.Kind.SQLITE);
            go.addJob("bad_json", "{\"name\":\"bad_json\",\"src\":{\"password\":\"Src-Pa55word\" oops", "h:1");
            add(go, GoJobJson.of("bad_state", src, dest), GoProgressJson.idle("bad_state", 7, 5));
            add(go, GoJobJson.of("mid_commit", src, dest),
                    GoProgressJson.idle("mid_commit", GoProgressJson.DB_INCREMENTAL_SYNC, 300)
                            .inFlight(GoProgressJson.COMMIT_TRANSACTION, 301, GoProgressJson.upsertData(301, 99, List.of())));
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--db_dir", goFile.toString(), "--connect_timeout", "500ms",
                "--rpc_timeout", "2s"));
        all.addAll(List.of(args));
        return execute(Map.of("CCR_HOME", dir.toString(), "CCR_SECRET_KEY", KEY), all);
    }

    private int execute(Map<String, String> env, List<String> all) {
        CommandLine cl = new CommandLine(new MigrateFromGoCommand(env, Clock.fixed(NOW, ZoneOffset.UTC)));
        cl.setOverwrittenOptionsAllowed(true);
        ServerOptions.attach(cl);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private MetadataStore ours() {
        return Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(goFile).build(),
                Map.of("CCR_SECRET_KEY", KEY), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<String> tables(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void dryRunPrintsThePlanPerJobAndWritesNothing() throws Exception {
        assertThat(run("--dry-run")).as(out + err).isZero();

        assertThat(out).contains("inc_db: db_sync src 127.0.0.1:" + src.port() + " shop -> dest 127.0.0.1:"
                + dest.port() + " shop_copy")
                .contains("Go DBIncrementalSync/Done, prev_commit_seq 1200, commit_seq 1200: continues incrementally"
                        + " after commit seq 1200")
                .contains("paused_table: table_sync src 127.0.0.1:" + src.port() + " shop.orders")
                .contains("Go DBFullSync/RestoreSnapshot, prev_commit_seq 0, commit_seq 0: full sync, because the Go"
                        + " syncer was in the middle of a full sync (snapshot ccrs_shop_1700000000)")
                .contains("aborts the Go txn 4711 of upsert 501")
                .contains("partial sync of partitions p1 of table orders")
                .contains("would import")
                .contains("dry run: 5 job(s) would be imported, 0 skipped, 0 cannot be imported; nothing was written")
                .doesNotContain("Pa55word");
        assertThat(err).doesNotContain("Pa55word");
        assertThat(tables(goFile)).containsExactly("jobs", "progresses", "syncers");
    }

    @Test
    void importsEveryJobWithItsProgressSecretsEncrypted() throws Exception {
        assertThat(run()).as(out + err).isZero();
        assertThat(out).contains("5 job(s) imported, 0 skipped, 0 not imported").doesNotContain("Pa55word");

        try (MetadataStore store = ours()) {
            assertThat(store.jobs().list()).extracting(JobRecord::name)
                    .containsExactly("inc_db", "mid_full", "mid_ingest", "mid_partial", "paused_table");
            SyncProgress inc = progress(store, "inc_db");
            JobRecord rec = store.jobs().get("inc_db").orElseThrow();
            assertThat(inc.syncState()).isEqualTo(SyncState.DB_INCREMENTAL_SYNC);
            assertThat(inc.isDone()).isTrue();
            assertThat(inc.prevCommitSeq()).isEqualTo(1200);
            assertThat(inc.incarnation()).as("the incarnation is the created record's version").isPositive()
                    .isLessThan(rec.version());
            assertThat(rec.desiredState()).isEqualTo(DesiredState.RUNNING);
            JobSpec spec = JobSpecJson.fromStoredJson(rec.spec(), rec.secrets());
            assertThat(spec.source().cluster().password().reveal()).isEqualTo("Src-Pa55word");
            assertThat(spec.target().cluster().password().reveal()).isEqualTo("Dest-Pa55word");
            assertThat(spec.target().cluster().user()).isEqualTo("admin");
            assertThat(rec.spec()).doesNotContain("Pa55word");

            JobRecord paused = store.jobs().get("paused_table").orElseThrow();
            assertThat(paused.desiredState()).isEqualTo(DesiredState.PAUSED);
            assertThat(progress(store, "paused_table").prevCommitSeq()).isEqualTo(800);
            assertThat(progress(store, "mid_full").syncState()).isEqualTo(SyncState.DB_FULL_SYNC);
            assertThat(progress(store, "mid_ingest").subSyncState()).isEqualTo(SubSyncState.ROLLBACK_TRANSACTION);
            assertThat(progress(store, "mid_partial").syncState()).isEqualTo(SyncState.DB_PARTIAL_SYNC);
            assertThat(store.leases().ownerAddress("inc_db", NOW.plusSeconds(1))).as("the lease is released").isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goFile); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT secret_value FROM ccr_job_secrets")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).as("encrypted at rest").doesNotContain("Pa55word");
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goFile); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM jobs")) {
            assertThat(rs.getInt(1)).as("the Go tables are left as they were").isEqualTo(5);
        }
    }

    private static SyncProgress progress(MetadataStore store, String name) {
        return SyncProgressJson.read(store.progress().get(name).orElseThrow().progress());
    }

    @Test
    void badJobsAreErrorsOfTheirOwnAndTheOthersAreImported() throws Exception {
        addBadJobs();

        assertThat(run()).as(out + err).isEqualTo(1);

        assertThat(out).contains("bad_json\n    error: job_info is not valid JSON (line 1, column")
                .contains("bad_state: db_sync").contains("error: stored progress is invalid: unknown sync_state 7")
                .contains("mid_commit: db_sync").contains("cannot ask the target whether the Go txn 99 committed")
                .contains("5 job(s) imported, 0 skipped, 3 not imported")
                .doesNotContain("Pa55word");
        try (MetadataStore store = ours()) {
            assertThat(store.jobs().list()).extracting(JobRecord::name).doesNotContain("bad_json", "bad_state",
                    "mid_commit").hasSize(5);
        }
    }

    @Test
    void jobsAlreadyImportedAreSkippedUnlessReplaced() throws Exception {
        assertThat(run()).isZero();
        long version;
        try (MetadataStore store = ours()) {
            version = store.jobs().get("inc_db").orElseThrow().version();
        }

        assertThat(run()).as(out + err).isZero();
        assertThat(out).contains("skipped: already in this store, left as it is (--replace overwrites it)")
                .contains("0 job(s) imported, 5 skipped, 0 not imported");
        assertThat(run("--dry-run", "--replace")).isZero();
        assertThat(out).contains("would replace the job of this name");
        try (MetadataStore store = ours()) {
            assertThat(store.jobs().get("inc_db").orElseThrow().version()).isEqualTo(version);
        }

        assertThat(run("--replace")).as(out + err).isZero();
        assertThat(out).contains("5 job(s) imported, 0 skipped");
        try (MetadataStore store = ours()) {
            assertThat(store.jobs().get("inc_db").orElseThrow().version()).isGreaterThan(version);
        }
    }

    @Test
    void aGoSyncerStillHeartbeatingStopsTheImport() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + goFile)) {
            new GoStoreFixture(c, GoStoreFixture.Kind.SQLITE).heartbeat("10.0.0.9:9190",
                    NOW.minusSeconds(5).getEpochSecond() * 1_000_000_000L);
        }

        assertThat(run()).isEqualTo(1);
        assertThat(err).contains("the Go syncer 10.0.0.9:9190 heartbeated 5 s ago: stop it first");
        assertThat(tables(goFile)).doesNotContain("ccr_jobs");

        assertThat(run("--dry-run")).isZero();
        assertThat(out).contains("warning: the Go syncer 10.0.0.9:9190 heartbeated 5 s ago");
    }

    @Test
    void theGoStoreCanBeAnotherFile() throws Exception {
        Path ours = dir.resolve("new").resolve("ccr.db");
        int code = execute(Map.of("CCR_HOME", dir.toString()),
                List.of("--db_dir", ours.toString(), "--go_db_dir", goFile.toString()));

        assertThat(code).as(out).isZero();
        assertThat(tables(ours)).contains("ccr_jobs");
        assertThat(tables(goFile)).doesNotContain("ccr_jobs");
    }

    @Test
    void anUnreadableGoStoreIsAnError() {
        assertThat(run("--go_db_dir", dir.resolve("missing.db").toString())).isEqualTo(1);
        assertThat(err).contains("cannot read the Go syncer's store").contains("does not exist");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }
}
