package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.MysqlProtocolServer;
import dev.dorisccr.testkit.mysql.QueryHandler;
import dev.dorisccr.testkit.mysql.QueryResult;
import dev.dorisccr.testkit.mysql.Users;
import dev.dorisccr.testkit.schema.TableDef;
import dev.dorisccr.thrift.gen.BackendService;
import dev.dorisccr.thrift.gen.FrontendService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A simulated Doris cluster that speaks the real protocols on loopback: a master FE (Thrift
 * FrontendService + MySQL protocol), optionally a follower FE that answers NOT_MASTER, and N
 * backends (Thrift BackendService + HTTP download API). State lives in memory; the Java API below
 * inspects it and injects faults.
 *
 * <pre>{@code
 * try (FakeDorisCluster src = FakeDorisCluster.builder().name("src").backends(2).build().start()) {
 *     src.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
 *     ... connect with jdbc:mysql://127.0.0.1:<src.mysqlPort()> and Thrift on src.masterThriftPort()
 * }
 * }</pre>
 */
public final class FakeDorisCluster implements AutoCloseable {
    private final Builder b;
    private final ClusterCore core;
    private final RpcFaults feFaults;
    private final RpcFaults beFaults;
    private final Map<Long, SimBackendService> beServices = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, List<AutoCloseable>> beServers = new java.util.concurrent.ConcurrentHashMap<>();
    private ExecutorService workers;
    private FrontendService.Iface masterIface;
    private FrontendService.Iface followerIface;
    private volatile ThriftServer masterFe;
    private volatile ThriftServer followerFe;
    private volatile MysqlProtocolServer mysql;
    private int masterPort;
    private int followerPort;
    private int mysqlPortFixed;
    private volatile boolean switched;
    private final SimSqlHandler direct;

    private FakeDorisCluster(Builder b) {
        this.b = b;
        SimState s = new SimState(b.name, b.version, b.clock, UUID.nameUUIDFromBytes((b.name + b.seed).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString());
        this.core = new ClusterCore(s, b.schemaText);
        this.feFaults = new RpcFaults(b.seed);
        this.beFaults = new RpcFaults(b.seed + 1);
        for (int i = 0; i < b.backends; i++) {
            s.backends.add(new SimBackend(s.nextId(), b.reportedBackendHost));
        }
        this.direct = new SimSqlHandler(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts every server on free loopback ports. */
    public FakeDorisCluster start() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, b.name + "-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        workers = Executors.newCachedThreadPool(tf);
        masterIface = feFaults.wrap(FrontendService.Iface.class, new SimFrontendService(this, core, () -> !switched));
        masterFe = Ports.open(port -> new ThriftServer(b.name + "-fe", new FrontendService.Processor<>(masterIface), port));
        masterPort = masterFe.port();
        if (b.follower) {
            followerIface = feFaults.wrap(FrontendService.Iface.class, new SimFrontendService(this, core, () -> switched));
            followerFe = Ports.open(port -> new ThriftServer(b.name + "-fe-follower",
                    new FrontendService.Processor<>(followerIface), port));
            followerPort = followerFe.port();
        }
        for (SimBackend be : core.s.backends) {
            Ports.open(thrift -> Ports.open(http -> {
                startBackend(be, thrift, http);
                return be;
            }));
        }
        if (b.sqlHandler != null) {
            if (b.mysqlPort == 0) {
                Ports.open(port -> {
                    startMysql(port);
                    return mysql;
                });
            } else {
                startMysql(b.mysqlPort);
            }
        }
        return this;
    }

    private void startMysql(int port) {
        MysqlProtocolServer m = MysqlProtocolServer.builder().host("127.0.0.1").port(port).users(Users.of(b.user, b.password))
                .executor(workers).handler(b.sqlHandler.apply(this))
                .serverVersion("5.7.99 " + b.version.versionText())
                .variable("version", DorisVersion.MYSQL_SERVER_VERSION)
                .variable("version_comment", b.version.versionComment())
                .variable("enable_unique_key_partial_update", "false").variable("enable_insert_strict", "true")
                .showVariablesWithDefaults(true).start();
        mysqlPortFixed = m.port();
        mysql = m;
    }

    private void startBackend(SimBackend be, int thriftPort, int httpPort) {
        SimBackendService svc = beServices.computeIfAbsent(be.id(), id -> new SimBackendService(core, be, workers));
        ThriftServer thrift = new ThriftServer(b.name + "-be-" + be.id(),
                new BackendService.Processor<>(beFaults.wrap(BackendService.Iface.class, svc)), thriftPort);
        try {
            BeHttpServer http = new BeHttpServer(core, be, workers, httpPort);
            beServers.put(be.id(), List.of(thrift, http));
            core.run(() -> {
                be.setPorts(thrift.port(), http.port());
                be.setAlive(true);
            });
        } catch (IOException e) {
            thrift.close();
            throw new UncheckedIOException("cannot start the BE HTTP server", e);
        }
    }

    // ---- process faults --------------------------------------------------------------------

    /**
     * The master FE process stops: its Thrift and MySQL ports refuse connections and the open
     * ones drop. The catalog, binlogs and txns survive (Doris replays them from its journal).
     */
    public void stopFrontend() {
        boolean onFollower = switched;
        closeQuietly(onFollower ? followerFe : masterFe);
        closeQuietly(mysql);
        if (onFollower) {
            followerFe = null;
        } else {
            masterFe = null;
        }
        mysql = null;
    }

    /** The master FE process is back, on the same ports. */
    public void startFrontend() {
        if (switched && followerFe == null) {
            followerFe = new ThriftServer(b.name + "-fe-follower", new FrontendService.Processor<>(followerIface),
                    followerPort);
        } else if (!switched && masterFe == null) {
            masterFe = new ThriftServer(b.name + "-fe", new FrontendService.Processor<>(masterIface), masterPort);
        }
        if (mysql == null && b.sqlHandler != null) {
            startMysql(mysqlPortFixed);
        }
    }

    /** Stops and starts the master FE. */
    public void restartFrontend() {
        stopFrontend();
        startFrontend();
    }

    /**
     * The follower becomes the master and the master a follower (both keep running): each now
     * answers as its new role does, NOT_MASTER naming the other. Needs {@code follower(true)}.
     */
    public void switchMaster() {
        Objects.requireNonNull(followerIface, "no follower FE to switch to");
        switched = !switched;
    }

    /**
     * A backend process stops: its Thrift and HTTP ports refuse connections, the FE reports it
     * not alive, loads needing its replicas fail. Its data survives.
     */
    public void stopBackend(long backendId) {
        List<AutoCloseable> running = beServers.remove(backendId);
        if (running == null) {
            throw new IllegalArgumentException("backend " + backendId + " is not running");
        }
        running.forEach(FakeDorisCluster::closeQuietly);
        core.run(() -> core.s.backend(backendId).orElseThrow().setAlive(false));
    }

    /** The backend is back on the same ports. */
    public void startBackend(long backendId) {
        if (beServers.containsKey(backendId)) {
            return;
        }
        SimBackend be = core.locked(() -> core.s.backend(backendId)).orElseThrow(
                () -> new IllegalArgumentException("no backend " + backendId));
        int[] ports = core.locked(() -> new int[] {be.bePort(), be.httpPort()});
        startBackend(be, ports[0], ports[1]);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // stopping a simulated process: a failure to close changes nothing for the test
        }
    }

    @Override
    public void close() {
        beServers.values().forEach(l -> l.forEach(FakeDorisCluster::closeQuietly));
        beServers.clear();
        closeQuietly(mysql);
        closeQuietly(followerFe);
        closeQuietly(masterFe);
        beServices.values().forEach(SimBackendService::close);
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    // ---- addresses -------------------------------------------------------------------------

    public String name() {
        return b.name;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The Thrift port of the FE that is the master now (it stays the same across restarts). */
    public int masterThriftPort() {
        return switched ? followerPort : masterPort;
    }

    /** The Thrift port of the FE that is a follower now; the cluster must be built with {@code follower(true)}. */
    public int followerThriftPort() {
        Objects.requireNonNull(followerIface, "no follower FE");
        return switched ? masterPort : followerPort;
    }

    public int mysqlPort() {
        if (b.sqlHandler == null) {
            throw new IllegalStateException("no MySQL server (no SQL handler)");
        }
        return mysqlPortFixed;
    }

    public String user() {
        return b.user;
    }

    public String password() {
        return b.password;
    }

    public String token() {
        return core.s.token;
    }

    public DorisVersion version() {
        return b.version;
    }

    /** The backends' ids and ports, for printing: {@code id -> [be_port, http_port]}. */
    public Map<Long, int[]> backendPorts() {
        return core.locked(() -> {
            Map<Long, int[]> m = new LinkedHashMap<>();
            core.s.backends.forEach(be -> m.put(be.id(), new int[] {be.bePort(), be.httpPort()}));
            return m;
        });
    }

    boolean checkPassword(String user, String password) {
        return b.user.equals(user) && b.password.equals(password);
    }

    ClusterCore core() {
        return core;
    }

    // ---- faults ----------------------------------------------------------------------------

    /** Fault rules for the FE Thrift RPCs (by method name). */
    /** For tests: per backend, [connections accepted on its HTTP port, of those without TCP_NODELAY]. */
    Map<Long, int[]> httpConnections() {
        Map<Long, int[]> out = new java.util.TreeMap<>();
        beServers.forEach((id, servers) -> servers.stream().filter(BeHttpServer.class::isInstance)
                .forEach(h -> out.put(id, ((BeHttpServer) h).connections())));
        return out;
    }

    public RpcFaults faults() {
        return feFaults;
    }

    /** Fault rules for the BE Thrift RPCs ({@code ingestBinlog}, {@code queryIngestBinlog}). */
    public RpcFaults backendFaults() {
        return beFaults;
    }

    /** Commits answer PUBLISH_TIMEOUT and become visible {@code delay} later on the clock. */
    public void setPublishDelay(Duration delay) {
        core.run(() -> core.txns.publishDelayMs = delay.toMillis());
    }

    /**
     * Alter jobs (heavy schema changes, rollups, sync materialized views) run this long on the
     * cluster's clock before they finish; zero (the default) finishes them within the statement.
     */
    public void setAlterJobDuration(Duration d) {
        core.run(() -> core.alterJobs.setDuration(d));
    }

    /**
     * Backups and restores take at least this long on the cluster's clock (the last state waits);
     * zero (the default) moves them one state per SHOW poll.
     */
    public void setSnapshotJobDuration(Duration backup, Duration restore) {
        core.run(() -> {
            core.backups.minDurationMs = backup.toMillis();
            core.restores.minDurationMs = restore.toMillis();
        });
    }

    /** Backends answer ingest_binlog asynchronously (ingest_binlog_work_pool_size >= 0). */
    public void setAsyncIngest(boolean async) {
        beServices.values().forEach(s -> s.setAsync(async));
    }

    /**
     * Grants or revokes the SQL user's ADMIN privilege. Without it every {@code SHOW PROC} answers
     * Doris's error 1227 "Access denied; you need (at least one of) the ADMIN privilege(s) for this
     * operation" (ShowProcStmt); the other statements are not privilege-checked by the simulator.
     */
    public void setAdminPrivilege(boolean admin) {
        core.run(() -> core.s.adminPrivilege = admin);
    }

    /** How many {@code SHOW PROC '/binlog'} statements this cluster answered (for measurements). */
    public long binlogProcReads() {
        return core.locked(() -> core.s.binlogProcReads);
    }

    /** How many {@code SHOW CREATE TABLE} statements (of tables) this cluster answered. */
    public long showCreateTableReads() {
        return core.locked(() -> core.s.showCreateTableReads);
    }

    /** How many statements read {@code information_schema.table_properties} here (answered or refused). */
    public long tablePropertiesReads() {
        return core.locked(() -> core.s.tablePropertiesReads);
    }

    /**
     * Whether {@code information_schema.table_properties} exists (default true, as on Doris 3.0 and
     * the 2.1 releases with the backport of apache/doris#38746); false answers a read of it as an FE
     * without it does: {@code Table [table_properties] does not exist in database [information_schema].}
     */
    public void setTablePropertiesSchema(boolean present) {
        core.run(() -> core.s.tablePropertiesSchema = present);
    }

    /** fe.conf enable_feature_binlog. */
    public void setFeatureBinlog(boolean enabled) {
        core.run(() -> core.s.enableFeatureBinlog = enabled);
    }

    /**
     * {@code SET GLOBAL enable_unicode_name_support}: whether names a statement creates may hold
     * any Unicode letter (Doris's default: false); the other name rules stay (see {@code DorisNames}).
     */
    public void setUnicodeNameSupport(boolean enabled) {
        core.s.unicodeNameSupport = enabled;
    }

    /** Collects every binlog now: readers behind get BINLOG_TOO_OLD_COMMIT_SEQ. */
    public void expireBinlogsNow() {
        core.run(core.s.journal::expireAll);
    }

    /**
     * Runs one pass of the dynamic partition scheduler at the clock's now (Doris runs it on a
     * timer; here a test says when): adds the missing partitions of each table with {@code
     * dynamic_partition.enable = true} that is not being synced and drops the expired ones, one
     * ADD_PARTITION / DROP_PARTITION binlog each. Answers the changes as {@code +db.t.p} / {@code -db.t.p}.
     */
    public List<String> runDynamicPartitionScheduler() {
        return core.locked(() -> new DynamicPartitionScheduler(core.s, core.catalog).run());
    }

    /** Runs binlog GC with the TTL / max history / max bytes settings at the clock's now. */
    public void gcBinlogs() {
        core.run(() -> core.s.journal.gc(core.s.nowMs(), this::gcSettings));
    }

    private BinlogJournal.GcSettings gcSettings(BinlogStream stream) {
        Map<String, String> props = Map.of();
        for (SimDatabase db : core.s.databases.values()) {
            if (stream.belong < 0 && db.binlogEnabled()) {
                props = db.properties;
            }
            if (stream.belong >= 0) {
                SimTable t = db.tableById(stream.belong).orElse(null);
                if (t != null) {
                    props = db.binlogEnabled() ? db.properties : t.properties;
                }
            }
        }
        long ttl = Long.parseLong(props.getOrDefault("binlog.ttl_seconds", "86400")) * 1000;
        long hist = Long.parseLong(props.getOrDefault("binlog.max_history_nums", Long.toString(Long.MAX_VALUE)));
        long bytes = Long.parseLong(props.getOrDefault("binlog.max_bytes", Long.toString(Long.MAX_VALUE)));
        return new BinlogJournal.GcSettings(ttl, hist, bytes);
    }

    // ---- Java API for tests ----------------------------------------------------------------

    /**
     * Runs one SQL statement as the MySQL surface would (without a connection); answers the rows
     * of a result set (empty for other statements) and throws {@link SimException} on an error.
     */
    public List<List<String>> sql(String statement) {
        QueryResult r = direct.execute(statement, "");
        if (r instanceof QueryResult.Error e) {
            throw new SimException("ANALYSIS_ERROR", e.code(), e.message());
        }
        if (r instanceof QueryResult.ResultSet rs) {
            return rs.rows();
        }
        return List.of();
    }

    public void createDatabase(String db, Map<String, String> properties) {
        core.run(() -> core.catalog.createDatabase(db, false, properties));
    }

    public void createTable(String db, TableDef def) {
        core.run(() -> core.catalog.createTable(core.s.db(db), def, false));
    }

    /** Inserts rows (column name -> value text, null for NULL) in one load txn. */
    public void insert(String db, String table, List<Map<String, String>> rows) {
        core.run(() -> core.data.insert(core.s.db(db), core.s.olapTable(core.s.db(db), table), rows));
    }

    public List<List<String>> rows(String db, String table) {
        return core.locked(() -> core.data.rows(core.s.olapTable(core.s.db(db), table)));
    }

    /** An order-independent checksum of the table's visible rows. */
    public String checksum(String db, String table) {
        return Rows.checksum(rows(db, table));
    }

    public boolean tableExists(String db, String table) {
        return core.locked(() -> core.s.databases.containsKey(db) && core.s.databases.get(db).tables.containsKey(table));
    }

    /**
     * This cluster as the {@code src} or {@code dest} object of a {@code create_ccr} body: host,
     * MySQL port, Thrift port, credentials, {@code database} and {@code table} ("" for a whole
     * database).
     */
    public String createCcrEndpoint(String database, String table) {
        return "{\"host\": \"127.0.0.1\", \"port\": \"" + mysqlPort() + "\", \"thrift_port\": \"" + masterThriftPort()
                + "\", \"user\": \"" + user() + "\", \"password\": \"" + password() + "\", \"database\": \"" + database
                + "\", \"table\": \"" + table + "\"}";
    }

    /** Whether {@code table} of {@code db} is a view. */
    public boolean isView(String db, String table) {
        return core.locked(() -> core.s.table(core.s.db(db), table).view);
    }

    public List<String> tables(String db) {
        return core.locked(() -> new ArrayList<>(core.s.db(db).tables.keySet()));
    }

    public Map<String, String> tableProperties(String db, String table) {
        return core.locked(() -> Map.copyOf(core.s.table(core.s.db(db), table).properties));
    }

    /** A table's definition as it is now (rollups as its materialized indexes are now). */
    public TableDef tableDef(String db, String table) {
        return core.locked(() -> {
            SimTable t = core.s.olapTable(core.s.db(db), table);
            return t.def.withRollups(t.indexes.stream().filter(i -> !i.base())
                    .map(i -> new dev.dorisccr.testkit.schema.RollupDef(i.name(), i.columns())).toList());
        });
    }

    public List<String> partitions(String db, String table) {
        return core.locked(() -> new ArrayList<>(core.s.olapTable(core.s.db(db), table).partitions.keySet()));
    }

    /** A database's id. */
    public long databaseId(String db) {
        return core.locked(() -> core.s.db(db).id);
    }

    public long tableId(String db, String table) {
        return core.locked(() -> core.s.table(core.s.db(db), table).id);
    }

    /** The database binlog stream as kept (after GC), without the dummy. */
    public List<SimBinlog> binlogs(String db) {
        return core.locked(() -> core.s.journal.dump(core.s.db(db).id, -1));
    }

    /** A table's binlog stream. */
    public List<SimBinlog> binlogs(String db, String table) {
        return core.locked(() -> core.s.journal.dump(core.s.db(db).id, core.s.table(core.s.db(db), table).id));
    }

    public List<SimTxn> txns() {
        return core.locked(() -> new ArrayList<>(core.txns.txns.values()));
    }

    /** Labels and states of the restore jobs, oldest first. */
    public List<String> restoreHistory() {
        return core.locked(() -> core.restores.jobs.stream().map(j -> j.label + " " + j.state + " " + j.status).toList());
    }

    /**
     * One restore job as a test sees it.
     *
     * @param label the restore label
     * @param state PENDING ... FINISHED or CANCELLED
     * @param tables target table name -> the partitions restored into it, in snapshot order
     * @param cleanTables the job dropped tables that were not in the snapshot
     * @param cleanPartitions the job dropped partitions that were not in the snapshot
     */
    public record RestoreSummary(String label, String state, Map<String, List<String>> tables, boolean cleanTables,
            boolean cleanPartitions) {}

    /** Inverted index name -> the partitions BUILD INDEX finished on (built by this cluster itself). */
    public Map<String, java.util.Set<String>> indexBuilds(String db, String table) {
        return core.locked(() -> {
            Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
            core.s.table(core.s.db(db), table).builtIndexes.forEach((k, v) -> out.put(k, new java.util.TreeSet<>(v)));
            return out;
        });
    }

    /**
     * One backup or restore job as the cluster timed it (the times SHOW BACKUP / SHOW RESTORE print
     * as CreateTime and FinishedTime, here in ms on the cluster's clock).
     *
     * @param kind BACKUP or RESTORE
     * @param label the snapshot or restore label
     * @param database the database the job ran in
     * @param state PENDING ... FINISHED or CANCELLED
     * @param createMs when the job was created
     * @param finishMs when it finished or was cancelled, -1 while it runs
     */
    public record SnapshotJobTimes(String kind, String label, String database, String state, long createMs,
            long finishMs) {
        /** Create to finish, -1 while it runs. */
        public long durationMs() {
            return finishMs < 0 ? -1 : finishMs - createMs;
        }
    }

    /** Every backup job, then every restore job this cluster ran, each kind oldest first. */
    public List<SnapshotJobTimes> snapshotJobs() {
        return core.locked(() -> {
            List<SnapshotJobTimes> out = new ArrayList<>();
            core.backups.jobs.forEach(j -> out.add(new SnapshotJobTimes("BACKUP", j.label, j.db.name, j.state,
                    j.createMs, j.finishMs)));
            core.restores.jobs.forEach(j -> out.add(new SnapshotJobTimes("RESTORE", j.label, j.db.name, j.state,
                    j.createMs, j.finishMs)));
            return out;
        });
    }

    /** Every restore job this cluster ran, oldest first. */
    public List<RestoreSummary> restores() {
        return core.locked(() -> core.restores.jobs.stream().map(j -> {
            Map<String, List<String>> tables = new java.util.LinkedHashMap<>();
            j.tables.forEach(t -> tables.put(j.targetName(t.name()), t.partitions().stream().map(SnapshotMeta.Part::name).toList()));
            return new RestoreSummary(j.label, j.state, tables, j.cleanTables, j.cleanPartitions);
        }).toList());
    }

    /** Builds a cluster. */
    public static final class Builder {
        private String name = "doris";
        private int backends = 1;
        private DorisVersion version = DorisVersion.V3_0;
        private InstantSource clock = InstantSource.system();
        private long seed = 1;
        private boolean follower;
        private String user = "root";
        private String password = "";
        private String reportedBackendHost = "127.0.0.1";
        private int mysqlPort;
        private CatalogOps.SchemaText schemaText = DorisText.INSTANCE;
        private Function<FakeDorisCluster, QueryHandler> sqlHandler = SimSqlHandler::new;

        public Builder name(String v) {
            this.name = Objects.requireNonNull(v);
            return this;
        }

        public Builder backends(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster needs at least one backend");
            }
            this.backends = n;
            return this;
        }

        public Builder version(DorisVersion v) {
            this.version = Objects.requireNonNull(v);
            return this;
        }

        public Builder clock(InstantSource v) {
            this.clock = Objects.requireNonNull(v);
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder follower(boolean v) {
            this.follower = v;
            return this;
        }

        public Builder credentials(String u, String p) {
            this.user = Objects.requireNonNull(u);
            this.password = Objects.requireNonNull(p);
            return this;
        }

        /** The host backends report (SHOW BACKENDS, getBackendMeta); the servers listen on 127.0.0.1. */
        public Builder reportedBackendHost(String v) {
            this.reportedBackendHost = Objects.requireNonNull(v);
            return this;
        }

        /** The MySQL port to listen on (0, the default: a free one). */
        public Builder mysqlPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.mysqlPort = port;
            return this;
        }

        public FakeDorisCluster build() {
            return new FakeDorisCluster(this);
        }
    }
}
