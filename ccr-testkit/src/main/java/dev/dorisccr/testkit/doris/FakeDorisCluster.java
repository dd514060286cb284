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
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<Long, SimBackendService> beServices = new LinkedHashMap<>();
    private ExecutorService workers;
    private ThriftServer masterFe;
    private ThriftServer followerFe;
    private MysqlProtocolServer mysql;
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
        FrontendService.Iface master = feFaults.wrap(FrontendService.Iface.class, new SimFrontendService(this, core, true));
        masterFe = new ThriftServer(b.name + "-fe", new FrontendService.Processor<>(master), workers);
        servers.add(masterFe);
        if (b.follower) {
            FrontendService.Iface f = new SimFrontendService(this, core, false);
            followerFe = new ThriftServer(b.name + "-fe-follower", new FrontendService.Processor<>(f), workers);
            servers.add(followerFe);
        }
        for (SimBackend be : core.s.backends) {
            SimBackendService svc = new SimBackendService(core, be, workers);
            beServices.put(be.id(), svc);
            ThriftServer thrift = new ThriftServer(b.name + "-be-" + be.id(),
                    new BackendService.Processor<>(beFaults.wrap(BackendService.Iface.class, svc)), workers);
            servers.add(thrift);
            try {
                BeHttpServer http = new BeHttpServer(core, be, workers);
                servers.add(http);
                core.run(() -> be.setPorts(thrift.port(), http.port()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the BE HTTP server", e);
            }
        }
        if (b.sqlHandler != null) {
            mysql = MysqlProtocolServer.builder().host("127.0.0.1").port(b.mysqlPort).users(Users.of(b.user, b.password)).executor(workers)
                    .handler(b.sqlHandler.apply(this)).serverVersion("5.7.99 " + b.version.versionText()).start();
            servers.add(mysql);
        }
        return this;
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            try {
                servers.get(i).close();
            } catch (Exception e) {
                // closing a test server: nothing to do about a failure here
            }
        }
        servers.clear();
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

    public int masterThriftPort() {
        return masterFe.port();
    }

    /** The follower FE's Thrift port; the cluster must be built with {@code follower(true)}. */
    public int followerThriftPort() {
        return Objects.requireNonNull(followerFe, "no follower FE").port();
    }

    public int mysqlPort() {
        return Objects.requireNonNull(mysql, "no MySQL server (no SQL handler)").port();
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

    /** Backends answer ingest_binlog asynchronously (ingest_binlog_work_pool_size >= 0). */
    public void setAsyncIngest(boolean async) {
        beServices.values().forEach(s -> s.setAsync(async));
    }

    /** fe.conf enable_feature_binlog. */
    public void setFeatureBinlog(boolean enabled) {
        core.run(() -> core.s.enableFeatureBinlog = enabled);
    }

    /** Collects every binlog now: readers behind get BINLOG_TOO_OLD_COMMIT_SEQ. */
    public void expireBinlogsNow() {
        core.run(core.s.journal::expireAll);
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
            TableDef d = t.def;
            List<dev.dorisccr.testkit.schema.RollupDef> rollups = t.indexes.stream().filter(i -> !i.base())
                    .map(i -> new dev.dorisccr.testkit.schema.RollupDef(i.name(), i.columns())).toList();
            return new TableDef(d.name(), d.columns(), d.keysType(), d.keyColumns(), d.comment(), d.partitionBy(),
                    d.distribution(), rollups, d.indexes(), d.properties());
        });
    }

    public List<String> partitions(String db, String table) {
        return core.locked(() -> new ArrayList<>(core.s.olapTable(core.s.db(db), table).partitions.keySet()));
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
