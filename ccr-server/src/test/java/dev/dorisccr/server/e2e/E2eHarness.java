package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.service.Syncer;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.engine.CcrEngine;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.replication.ReplicationAssertions;
import dev.dorisccr.testkit.time.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Two simulated clusters and syncers built through the front door as in production
 * ({@code CcrEngine.builder()}: SQLite store, Thrift/JDBC clients) on manual time: the engine's
 * waits are virtual (its scheduler and clock are {@link #time}), the network is real.
 * Every scenario ends, on {@link #close()}, with the clusters compared and with no log line of
 * the scenario holding a cluster password or token ({@link LogSecretGuard}).
 */
final class E2eHarness implements AutoCloseable {
    /** The clusters' passwords unless a scenario sets its own: no log line may hold them, nor the tokens. */
    static final String SRC_PASSWORD = "e2e-Src-Pw-7f3a";
    static final String DST_PASSWORD = "e2e-Dst-Pw-91c2";
    final FakeDorisCluster src;
    final FakeDorisCluster dst;
    final ManualScheduler time = new ManualScheduler();
    Syncer syncer;
    CcrEngine engine;
    private AutoCloseable engineClose;
    MetadataStore store;
    private final Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final JobListener listener;
    private final UnaryOperator<CcrEngine.Builder> tuning;
    private final LogSecretGuard secretGuard;

    E2eHarness(Path dir, FakeDorisCluster.Builder srcBuilder, FakeDorisCluster.Builder dstBuilder) {
        this(dir, srcBuilder, dstBuilder, s -> s);
    }

    /** As above, the first syncer seeing its store through {@code firstStore}. */
    E2eHarness(Path dir, FakeDorisCluster.Builder srcBuilder, FakeDorisCluster.Builder dstBuilder,
            UnaryOperator<MetadataStore> firstStore) {
        this(dir, srcBuilder, dstBuilder, firstStore, JobListener.NONE);
    }

    /** As above, every syncer telling {@code listener} what its jobs do. */
    E2eHarness(Path dir, FakeDorisCluster.Builder srcBuilder, FakeDorisCluster.Builder dstBuilder,
            UnaryOperator<MetadataStore> firstStore, JobListener listener) {
        this(dir, srcBuilder, dstBuilder, firstStore, listener, b -> b);
    }

    /** As above, every engine's builder given to {@code tuning} last (polling, batch size). */
    E2eHarness(Path dir, FakeDorisCluster.Builder srcBuilder, FakeDorisCluster.Builder dstBuilder,
            UnaryOperator<MetadataStore> firstStore, JobListener listener, UnaryOperator<CcrEngine.Builder> tuning) {
        this.dir = dir;
        this.listener = listener;
        this.tuning = tuning;
        src = withPassword(srcBuilder, SRC_PASSWORD).clock(time).build().start();
        open.add(src);
        dst = withPassword(dstBuilder, DST_PASSWORD).clock(time).build().start();
        open.add(dst);
        secretGuard = new LogSecretGuard(SecretScan.of(src.password(), dst.password(), src.token(), dst.token()));
        open.add(secretGuard);
        startSyncer("127.0.0.1:9190", firstStore);
    }

    /** The builder, with {@code password} when it has none (the scan needs a secret to look for). */
    private static FakeDorisCluster.Builder withPassword(FakeDorisCluster.Builder b, String password) {
        FakeDorisCluster probe = b.build();
        return probe.password().isEmpty() ? b.credentials(probe.user(), password) : b;
    }

    E2eHarness(Path dir) {
        this(dir, FakeDorisCluster.builder().name("src").backends(2), FakeDorisCluster.builder().name("dst").backends(2));
    }

    /** Starts a syncer (an engine) with its own connection to the shared SQLite store. */
    Syncer startSyncer(String self) {
        return startSyncer(self, s -> s);
    }

    /** Starts a syncer whose store is seen through {@code wrap} (fault injection). */
    Syncer startSyncer(String self, UnaryOperator<MetadataStore> wrap) {
        // as serve opens it: secrets encrypted with the key file beside the SQLite file
        Path db = dir.resolve("ccr.db");
        store = Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(db)
                .secretKey(dev.dorisccr.server.config.SecretKeyFile.loadOrCreate(db)).build(), Map.of(), time);
        open.add(store);
        CcrEngine.Builder b = CcrEngine.builder().store(wrap.apply(store)).identity(self).clock(time).scheduler(time)
                .connectTimeout(Duration.ofSeconds(2)).rpcTimeout(Duration.ofSeconds(10)).ingestThreads(4)
                .ingestPerBackend(2).txnTimeout(Duration.ofMinutes(5));
        if (listener != JobListener.NONE) {
            b.listener(listener);
        }
        engine = tuning.apply(b).build();
        CcrEngine current = engine;
        engineClose = current::close;
        open.add(engineClose);
        crashed = false;
        syncer = (Syncer) engine.jobs(); // the scenarios drive the Syncer's own test hooks (verify with a pause)
        engine.start();
        return syncer;
    }

    /**
     * The current syncer process dies: its store connection goes away mid-work (nothing is released
     * or flushed), its scheduled tasks fail from then on. A new syncer takes over after the lease.
     */
    void crashSyncer() {
        open.remove(engineClose);
        open.remove(store);
        store.close();
        crashed = true; // its pools and clients stay as they were (a dead process frees nothing)
    }

    /** The /create_ccr body for a table job (dest table "" for a db job). */
    String createBody(String job, String srcDb, String srcTable, String dstDb, String dstTable) {
        return "{\"name\": \"" + job + "\", \"src\": " + src.createCcrEndpoint(srcDb, srcTable) + ", \"dest\": "
                + dst.createCcrEndpoint(dstDb, dstTable) + "}";
    }

    void create(String body) {
        syncer.create(JobSpecJson.parseCreateRequest(body));
    }

    /** Creates db job {@code job} from database {@code db} into the target's {@code db} and runs 2 minutes (its full sync). */
    void startDbJob(String job, String db) {
        create(createBody(job, db, "", db, ""));
        run(Duration.ofMinutes(2));
    }

    /**
     * Database {@code db} on both clusters, binlog enabled at the source, the target's empty; then
     * {@code sourceSql} (its tables and first rows) run on the source.
     */
    void createDatabases(String db, String... sourceSql) {
        src.sql("CREATE DATABASE " + db + " PROPERTIES (\"binlog.enable\" = \"true\")");
        for (String sql : sourceSql) {
            src.sql(sql);
        }
        dst.sql("CREATE DATABASE " + db);
    }

    /**
     * {@link #createDatabases} of {@code shop} with a unique-key table {@code users} holding (1, 'ann')
     * and an empty duplicate-key table {@code events}, 2 buckets each.
     */
    void createShop() {
        createDatabases("shop",
                "CREATE TABLE shop.users (id INT NOT NULL, name VARCHAR(20)) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2",
                "CREATE TABLE shop.events (id INT NOT NULL, what VARCHAR(20)) DUPLICATE KEY(id)"
                        + " DISTRIBUTED BY HASH(id) BUCKETS 2",
                "INSERT INTO shop.users VALUES (1, 'ann')");
    }

    void run(Duration d) {
        time.runFor(d);
    }

    /**
     * Runs {@code slices} times 2 s; after the first slice at whose end {@code died} says the syncer
     * died (its store said so), the syncer crashes and a new one (127.0.0.1:9191) takes the job over,
     * once per harness: the kill-and-restart loop of the crash scenarios.
     */
    void runRestartingOnDeath(int slices, BooleanSupplier died) {
        for (int i = 0; i < slices; i++) {
            run(Duration.ofSeconds(2));
            if (!restartedAfterDeath && died.getAsBoolean()) {
                restartedAfterDeath = true;
                crashSyncer();
                startSyncer("127.0.0.1:9191");
            }
        }
    }

    private boolean restartedAfterDeath;

    void assertSameRows(String srcDb, String srcTable, String dstDb, String dstTable) {
        assertThat(dst.rows(dstDb, dstTable)).as("rows of %s.%s on the target", dstDb, dstTable)
                .containsExactlyInAnyOrderElementsOf(src.rows(srcDb, srcTable));
        assertThat(dst.checksum(dstDb, dstTable)).isEqualTo(src.checksum(srcDb, srcTable));
    }

    /**
     * The target table equals the source table ({@link ReplicationAssertions}: rows, columns, key
     * model and key columns, partitions, distribution, and the target marked {@code
     * is_being_synced}).
     */
    void assertSameTable(String srcDb, String srcTable, String dstDb, String dstTable) {
        ReplicationAssertions.assertTableReplicated(src, srcDb, srcTable, dst, dstDb, dstTable);
    }

    /**
     * Every running job's target equals its source (a table job's table, a database job's tables,
     * views and each table), after letting the syncer catch up: the invariant every scenario ends
     * with. A test that leaves a job diverged on purpose (paused, desynced, stopped on an error)
     * says so with {@link #skipConvergenceCheck}.
     */
    void assertJobsConverged() {
        run(Duration.ofMinutes(2));
        for (String name : syncer.list()) {
            var detail = syncer.detail(name);
            if (detail.state() != dev.dorisccr.core.spi.DesiredState.RUNNING) {
                continue;
            }
            var spec = detail.spec();
            if (spec.source().isTable()) {
                assertSameTable(spec.source().database(), spec.source().table(), spec.target().database(),
                        spec.target().table());
            } else {
                ReplicationAssertions.assertDatabaseReplicated(src, spec.source().database(), dst,
                        spec.target().database());
            }
        }
    }

    /**
     * This scenario leaves a job diverged on purpose: {@link #close()} does not compare (it still
     * fails when a log line held a cluster password or token).
     */
    void skipConvergenceCheck() {
        convergenceCheck = false;
    }

    private boolean convergenceCheck = true;
    /** The last syncer crashed and none started since. */
    private boolean crashed;

    @Override
    public void close() throws Exception {
        try {
            if (convergenceCheck && syncer != null && !crashed) {
                assertJobsConverged();
            }
            secretGuard.assertNoSecrets();
        } finally {
            closeAll();
        }
    }

    private void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
