package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.SimBinlog;
import dev.dorisccr.testkit.doris.SimException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix across processes: the syncer runs as a separate JVM ({@code ccr_syncer serve},
 * as in {@link SigkillChaosIT}) with a table job and a db job over two simulated clusters that run
 * in this JVM (so the test can stop and start their frontends and backends and switch their
 * masters), while a seeded {@link ChaosWriter} keeps changing the source. The syncer reaches each
 * cluster's MySQL port and its metadata store (MariaDB when {@code CCR_TEST_MYSQL_URL} is set, else
 * PostgreSQL with {@code CCR_TEST_PG_URL}, else SQLite) through a {@link TcpProxy} the test cuts.
 *
 * <p>One fault after the other: target FE stop/start, source FE stop/start, a master switch on each
 * side, a source BE and a target BE down, the clusters' SQL connections dropped and refused, binlogs
 * collected while the jobs are paused (a full sync follows), the store's connections dropped, and the
 * store unreachable for 30 s. Both jobs are watched every 250 ms: a job behind the source's newest
 * binlog must not be shown {@code INCREMENTAL} or {@code CAUGHT_UP} for {@value #STUCK_AFTER_MS} ms in
 * a row without its commit seq moving (more than the syncer's 10 s RPC timeout: one attempt in
 * flight); stuck, it must say {@code BACKING_OFF} with the error, or {@code FAILED}. A fault that
 * blocks the jobs (FE stop, store outage) must be seen so on both. Each case ends with the writer paused, both jobs back to {@code INCREMENTAL} / {@code
 * CAUGHT_UP} and every table of both jobs equal to its source (rows as a multiset, columns,
 * partitions). Figures on {@code FAULT-FIGURES} lines; seed {@code -Dccr.chaos.seed}; {@code
 * -Dccr.fault.cases=a,b} runs only the cases named. Runs in
 * {@code -Pchaos}.
 */
@Tag("chaos")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class FaultMatrixIT {
    private static final long STUCK_AFTER_MS = 12_000;
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private static final Duration RECOVER_LIMIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final List<String> JOBS = List.of("fm_table", "fm_db");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Object writerLock = new Object();
    private volatile boolean writing;
    private final AtomicInteger refusedWrites = new AtomicInteger();
    private FakeDorisCluster src;
    private FakeDorisCluster dst;
    private ChaosWriter writer;
    private SyncerProcess syncer;
    private long seed;

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** One fault: what it does, how long it lasts, whether a job must be blocked by it. */
    private record Fault(String name, Duration hold, int blocks, ThrowingRunnable inject, ThrowingRunnable heal) {}

    /** How many jobs a fault must be seen blocking (a backend holds the tablets of some tables only). */
    private static final int NONE = 0;
    private static final int ONE = 1;
    private static final int BOTH = 2;

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** What one job was seen doing during a case. */
    private static final class Watch {
        long seq = -1;
        long runningSinceNanos = -1;
        final Map<String, Integer> states = new TreeMap<>();
        String firstError = "";
        int shownBlocked;
        int stuckShownRunning;
        String lastState = "";
        String lastAnswer = "";
        final List<String> violations = new ArrayList<>();
    }

    @Test
    void everyFaultEndsRecoveredAndIsShownWhileItLasts() throws Exception {
        seed = Long.getLong("ccr.chaos.seed", System.currentTimeMillis());
        System.out.println("FAULT matrix seed=" + seed + " (rerun with -Dccr.chaos.seed=" + seed + ")");
        Random r = new Random(seed);
        long started = System.nanoTime();

        String srcPassword = "src-pw-" + Long.toHexString(seed);
        String dstPassword = "dst-pw-" + Long.toHexString(~seed);
        src = FakeDorisCluster.builder().name("src").backends(2).follower(true).seed(seed)
                .credentials("root", srcPassword).build().start();
        open.add(src);
        dst = FakeDorisCluster.builder().name("dst").backends(2).follower(true).seed(seed + 1)
                .credentials("root", dstPassword).build().start();
        open.add(dst);
        TcpProxy srcSql = proxy("src-sql", src.mysqlPort());
        TcpProxy dstSql = proxy("dst-sql", dst.mysqlPort());

        writer = new ChaosWriter(src, new Random(r.nextLong()));
        writer.setUp(dst);
        Path home = dir.resolve("syncer");
        syncer = new SyncerProcess(home);
        open.add(syncer);
        TcpProxy store = configureStore(home);
        String storeKind = store == null ? "sqlite3" : Files.readString(home.resolve("conf/db.conf")).lines()
                .filter(l -> l.startsWith("db_type=")).findFirst().orElseThrow().substring(8);
        System.out.println("FAULT matrix store=" + storeKind);

        syncer.start();
        syncer.awaitReady(READY_LIMIT);
        create("fm_table", ChaosWriter.TABLE_DB, ChaosWriter.TABLE, srcSql, dstSql);
        create("fm_db", ChaosWriter.DB, "", srcSql, dstSql);
        settle("initial full sync", null);

        ScheduledExecutorService writes = Executors.newSingleThreadScheduledExecutor();
        open.add(writes::shutdownNow);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        writes.scheduleWithFixedDelay(() -> {
            synchronized (writerLock) {
                if (!writing) {
                    return;
                }
                try {
                    writer.step();
                } catch (SimException e) {
                    if (!e.getMessage().contains("replicas alive")) {
                        writerFailure.compareAndSet(null, e);
                        throw e;
                    }
                    refusedWrites.incrementAndGet(); // a source backend is down: Doris refuses the load too
                } catch (RuntimeException | AssertionError e) {
                    writerFailure.compareAndSet(null, e);
                    throw e;
                }
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        long srcBe = src.backendPorts().keySet().iterator().next();
        long dstBe = dst.backendPorts().keySet().iterator().next();
        int[] restoresBefore = new int[1];
        List<Fault> faults = new ArrayList<>(List.of(
                new Fault("target_fe_stop", Duration.ofSeconds(10), BOTH, dst::stopFrontend, dst::startFrontend),
                new Fault("source_fe_stop", Duration.ofSeconds(10), BOTH, src::stopFrontend, src::startFrontend),
                new Fault("source_master_switch", Duration.ofSeconds(8), NONE, src::switchMaster, () -> { }),
                new Fault("target_master_switch", Duration.ofSeconds(8), NONE, dst::switchMaster, () -> { }),
                // rows land on both backends while the jobs are paused, then one backend stops and the jobs
                // resume: they need it (the target BE downloads the rowsets from the source BE)
                new Fault("source_be_down", Duration.ofSeconds(10), ONE,
                        () -> withBacklog(() -> src.stopBackend(srcBe)), () -> src.startBackend(srcBe)),
                new Fault("target_be_down", Duration.ofSeconds(10), ONE,
                        () -> withBacklog(() -> dst.stopBackend(dstBe)), () -> dst.startBackend(dstBe)),
                new Fault("sql_connections_dropped", Duration.ofSeconds(10), NONE, () -> {
                    srcSql.down();
                    dstSql.down();
                    synchronized (writerLock) {
                        // a schema change the target applies over SQL while its connections are refused
                        src.sql("ALTER TABLE " + ChaosWriter.TABLE_DB + "." + ChaosWriter.TABLE
                                + " ADD COLUMN f_sql INT DEFAULT \"3\"");
                    }
                }, () -> {
                    srcSql.up();
                    dstSql.up();
                }),
                new Fault("binlog_expiry_during_pause", Duration.ofSeconds(5), NONE, () -> {
                    restoresBefore[0] = dst.restoreHistory().size();
                    for (String job : JOBS) {
                        assertOk(syncer.post("/pause", "{\"name\": \"" + job + "\"}"), "pause " + job);
                    }
                }, () -> {
                    synchronized (writerLock) {
                        src.expireBinlogsNow();
                    }
                    for (String job : JOBS) {
                        assertOk(syncer.post("/resume", "{\"name\": \"" + job + "\"}"), "resume " + job);
                    }
                })));
        if (store != null) {
            faults.add(new Fault("store_connections_dropped", Duration.ofSeconds(5), NONE, store::cut, () -> { }));
            faults.add(new Fault("store_outage", Duration.ofSeconds(30), BOTH, store::down, store::up));
        } else {
            System.out.println("FAULT-FIGURES store_outage skipped: the SQLite store has no connection to cut"
                    + " (set CCR_TEST_MYSQL_URL or CCR_TEST_PG_URL; .ci/run does)");
        }

        String only = System.getProperty("ccr.fault.cases", "");
        if (!only.isEmpty()) {
            faults.removeIf(f -> !List.of(only.split(",")).contains(f.name()));
        }
        for (Fault f : faults) {
            runCase(f);
            assertThat(writerFailure.get()).as("the writer failed, seed %d", seed).isNull();
            if (f.name().equals("binlog_expiry_during_pause")) {
                assertThat(dst.restoreHistory().size()).as("a full sync followed the binlog expiry, seed %d", seed)
                        .isGreaterThan(restoresBefore[0]);
            }
        }
        writes.shutdown();
        assertThat(writes.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        System.out.println("FAULT-FIGURES matrix seed=" + seed + " store=" + storeKind + " cases=" + faults.size()
                + " writer " + writer.figures() + " wall_ms="
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        StringBuilder answers = new StringBuilder();
        for (String job : JOBS) {
            answers.append(syncer.post("/job_status", "{\"name\": \"" + job + "\"}").body()).append('\n');
        }
        syncer.close();
        SecretScan secrets = SecretScan.of(srcPassword, dstPassword, src.token(), dst.token());
        secrets.assertNoneIn("the job_status answers", answers.toString());
        secrets.assertNoneIn(home.resolve("log"));
    }

    /** Pauses both jobs, writes a backlog on the source, runs {@code fault}, resumes the jobs. */
    private void withBacklog(ThrowingRunnable fault) throws Exception {
        for (String job : JOBS) {
            assertOk(syncer.post("/pause", "{\"name\": \"" + job + "\"}"), "pause " + job);
        }
        synchronized (writerLock) {
            for (int i = 0; i < 20; i++) {
                writer.step();
            }
        }
        fault.run();
        for (String job : JOBS) {
            assertOk(syncer.post("/resume", "{\"name\": \"" + job + "\"}"), "resume " + job);
        }
    }

    private TcpProxy proxy(String name, int port) throws IOException {
        TcpProxy p = new TcpProxy(name, port);
        open.add(p);
        return p;
    }

    /** Writes {@code conf/db.conf} for MariaDB or PostgreSQL behind a proxy; {@code null}: SQLite. */
    private TcpProxy configureStore(Path home) throws IOException {
        String kind;
        String url;
        String prefix;
        if (System.getenv("CCR_TEST_MYSQL_URL") != null) {
            kind = "mysql";
            prefix = "CCR_TEST_MYSQL_";
        } else if (System.getenv("CCR_TEST_PG_URL") != null) {
            kind = "postgresql";
            prefix = "CCR_TEST_PG_";
        } else {
            return null;
        }
        url = System.getenv(prefix + "URL");
        URI u = URI.create(url.substring("jdbc:".length()));
        TcpProxy p = proxy("store", u.getPort());
        String db = "fm_" + Long.toHexString(System.nanoTime()); // fresh in a shared test server
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/db.conf"), "db_type=" + kind + "\ndb_host=127.0.0.1\ndb_port="
                + p.port() + "\ndb_user=" + System.getenv().getOrDefault(prefix + "USER", "root") + "\ndb_password="
                + System.getenv().getOrDefault(prefix + "PASSWORD", "") + "\ndb_name=" + db + "\n");
        return p;
    }

    private void create(String job, String db, String table, TcpProxy srcSql, TcpProxy dstSql) throws Exception {
        String body = "{\"name\": \"" + job + "\", \"src\": " + endpoint(src, srcSql, db, table) + ", \"dest\": "
                + endpoint(dst, dstSql, db, table) + "}";
        assertOk(syncer.post("/create_ccr", body), "create " + job);
    }

    /** The cluster as a create_ccr endpoint whose MySQL port is the proxy's. */
    private static String endpoint(FakeDorisCluster c, TcpProxy sql, String db, String table) {
        return "{\"host\": \"127.0.0.1\", \"port\": \"" + sql.port() + "\", \"thrift_port\": \"" + c.masterThriftPort()
                + "\", \"user\": \"" + c.user() + "\", \"password\": \"" + c.password() + "\", \"database\": \"" + db
                + "\", \"table\": \"" + table + "\"}";
    }

    private void assertOk(HttpResponse<String> answer, String what) {
        assertThat(answer.body()).as("%s, seed %d", what, seed).contains("\"success\":true");
    }

    private void runCase(Fault f) throws Exception {
        setWriting(true);
        Map<String, Watch> watches = new LinkedHashMap<>();
        JOBS.forEach(j -> watches.put(j, new Watch()));
        watch(watches); // where each job is before the fault
        long injected = System.nanoTime();
        f.inject().run();
        await().atMost(f.hold().plusSeconds(30)).pollInterval(POLL).pollInSameThread().until(() -> {
            watch(watches);
            return System.nanoTime() - injected >= f.hold().toNanos();
        });
        f.heal().run();
        long healed = System.nanoTime();
        System.out.println("FAULT " + f.name() + " injected at=" + injected / 1_000_000 + " healed at="
                + healed / 1_000_000);
        long faultMs = TimeUnit.NANOSECONDS.toMillis(healed - injected);
        // back to running with the writer on, then the writer pauses and the target must equal the source
        await().atMost(RECOVER_LIMIT).pollInterval(POLL).pollInSameThread().until(() -> {
            watch(watches);
            return watches.values().stream().allMatch(w -> running(w.lastState));
        });
        setWriting(false);
        TableCompare c = settle(f.name(), watches);
        long recoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed);

        StringBuilder line = new StringBuilder("FAULT-FIGURES " + f.name() + " fault_ms=" + faultMs + " recover_ms="
                + recoverMs + " tables_compared=" + c.tables() + " rows_compared=" + c.rows() + " missing="
                + c.missing() + " extra=" + c.extra() + " duplicated=" + c.duplicated() + " shape_mismatches="
                + c.shapeMismatches());
        int stuckShown = 0;
        int shownBlocked = 0;
        for (var e : watches.entrySet()) {
            Watch w = e.getValue();
            line.append(" ").append(e.getKey()).append("_states=").append(w.states.toString().replace(" ", ""));
            if (!w.firstError.isEmpty()) {
                line.append(" ").append(e.getKey()).append("_error=").append(w.firstError);
            }
            stuckShown += w.stuckShownRunning;
            shownBlocked += w.shownBlocked;
        }
        line.append(" behind_shown_backing_off=").append(shownBlocked).append(" stuck_shown_running=").append(stuckShown);
        System.out.println(line);

        assertThat(c.equal()).as("%s: target differs from source, seed %d: %s", f.name(), seed, c).isTrue();
        for (var e : watches.entrySet()) {
            Watch w = e.getValue();
            assertThat(w.stuckShownRunning).as("%s: job %s was shown running while stuck, seed %d; last answer %s",
                    f.name(), e.getKey(), seed, w.violations).isZero();
            assertThat(running(w.lastState)).as("%s: job %s at the end, seed %d: %s", f.name(), e.getKey(), seed,
                    w.lastAnswer).isTrue();
        }
        long blocked = watches.values().stream().filter(w -> w.shownBlocked > 0).count();
        assertThat(blocked).as("%s blocks jobs: they must be seen behind and saying so (BACKING_OFF), seed %d",
                f.name(), seed).isGreaterThanOrEqualTo(f.blocks());
    }

    private static boolean running(String state) {
        return state.equals("INCREMENTAL") || state.equals("CAUGHT_UP");
    }

    private void setWriting(boolean on) {
        synchronized (writerLock) {
            writing = on; // taken under the lock: once off, no step is in flight
        }
    }

    /** Waits (writer paused) until both jobs run and the target equals the source; answers the comparison. */
    private TableCompare settle(String what, Map<String, Watch> watches) {
        TableCompare[] last = new TableCompare[1];
        Map<String, Watch> w = watches != null ? watches : new LinkedHashMap<>();
        if (watches == null) {
            JOBS.forEach(j -> w.put(j, new Watch()));
        }
        await().atMost(RECOVER_LIMIT).pollInterval(POLL).pollInSameThread()
                .alias(what + ", seed " + seed)
                .until(() -> {
                    watch(w);
                    if (!w.values().stream().allMatch(x -> running(x.lastState))) {
                        return false;
                    }
                    last[0] = TableCompare.of(src, dst, writer.tables());
                    return last[0].equal();
                });
        return last[0];
    }

    /** One look at both jobs: their observed state and commit seq against the source's newest binlog. */
    private void watch(Map<String, Watch> watches) {
        for (var e : watches.entrySet()) {
            String job = e.getKey();
            Watch w = e.getValue();
            long newest = newestSourceSeq(job);
            String state;
            long seq = -1;
            try {
                HttpResponse<String> st = syncer.post("/job_status", "{\"name\": \"" + job + "\"}");
                w.lastAnswer = st.body();
                JsonNode answer = JSON.readTree(st.body());
                JsonNode status = answer.path("status").path("observed");
                state = status.path("state").asText(st.statusCode() + ":no-state");
                if (!answer.path("success").asBoolean()) {
                    // the syncer cannot tell (its store is away): it says so, which is not "running"
                    state = "REFUSED";
                    if (w.firstError.isEmpty()) {
                        w.firstError = "answer:" + answer.path("error_msg").asText().split(":")[0].replace(' ', '_');
                    }
                }
                JsonNode err = status.path("error");
                if (!err.isMissingNode() && w.firstError.isEmpty() && (state.equals("BACKING_OFF")
                        || state.equals("FAILED"))) {
                    w.firstError = err.path("code").asText() + "@" + err.path("step").asText();
                }
                JsonNode progress = JSON.readTree(syncer.post("/job_progress", "{\"name\": \"" + job + "\"}").body());
                seq = progress.path("job_progress").path("commit_seq").asLong(-1);
            } catch (IOException | InterruptedException ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                state = "no-answer";
            }
            w.lastState = state;
            w.states.merge(state, 1, Integer::sum);
            long now = System.nanoTime();
            if (seq >= 0 && seq != w.seq) {
                w.seq = seq; // it moved
                w.runningSinceNanos = -1;
            }
            boolean behind = w.seq >= 0 && newest > w.seq;
            if (!behind || !running(state)) {
                w.runningSinceNanos = -1;
                if (behind && (state.equals("BACKING_OFF") || state.equals("FAILED") || state.equals("REFUSED"))) {
                    w.shownBlocked++;
                }
            } else if (w.runningSinceNanos < 0) {
                w.runningSinceNanos = now;
            } else if (now - w.runningSinceNanos >= TimeUnit.MILLISECONDS.toNanos(STUCK_AFTER_MS)) {
                w.stuckShownRunning++;
                if (w.violations.size() < 5) {
                    w.violations.add(state + " seq=" + w.seq + " newest=" + newest + " shown_running_ms="
                            + TimeUnit.NANOSECONDS.toMillis(now - w.runningSinceNanos) + " at=" + now / 1_000_000);
                }
            }
        }
    }

    /** The newest binlog commit seq the job's scope has on the source. */
    private long newestSourceSeq(String job) {
        List<SimBinlog> b = job.equals("fm_table") ? src.binlogs(ChaosWriter.TABLE_DB, ChaosWriter.TABLE)
                : src.binlogs(ChaosWriter.DB);
        return b.isEmpty() ? -1 : b.get(b.size() - 1).commitSeq();
    }
}
