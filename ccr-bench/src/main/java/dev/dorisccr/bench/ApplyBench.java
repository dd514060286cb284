package dev.dorisccr.bench;

import dev.dorisccr.core.binlog.BinlogDecoder;
import dev.dorisccr.core.binlog.DecodeResult;
import dev.dorisccr.core.binlog.UpsertRecord;
import dev.dorisccr.core.ha.HaSettings;
import dev.dorisccr.core.job.JobListener;
import dev.dorisccr.core.job.SyncState;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.machine.JobMachine;
import dev.dorisccr.core.machine.StepTrace;
import dev.dorisccr.core.mapping.IngestPlanner;
import dev.dorisccr.core.mapping.IngestTask;
import dev.dorisccr.core.mapping.PartitionUpsert;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.service.Syncer;
import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.IngestRequest;
import dev.dorisccr.core.spi.JobLease;
import dev.dorisccr.core.spi.MetadataStore;
import dev.dorisccr.core.spi.ProgressStore;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.spi.TabletCommit;
import dev.dorisccr.core.sync.DorisClusterOperations;
import dev.dorisccr.core.sync.IngestLimits;
import dev.dorisccr.core.sync.LookaheadPool;
import dev.dorisccr.server.config.SecretKeyFile;
import dev.dorisccr.store.jdbc.StoreConfig;
import dev.dorisccr.store.jdbc.StoreKind;
import dev.dorisccr.store.jdbc.Stores;
import dev.dorisccr.testkit.doris.FakeDorisCluster;
import dev.dorisccr.testkit.doris.RpcFaults;
import dev.dorisccr.testkit.doris.SimBinlog;
import dev.dorisccr.thrift.ThriftClusterConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The apply benchmark of issue 17: the engine's UPSERT apply against the floor, side by side in one
 * run, in three modes: {@code seq} (the serve defaults: batch 100, one upsert at a time), {@code
 * pipe} (batch 100, pipeline depth {@code bench.depth}, default 8) and {@code go} (the Go syncer's
 * design: batch 1, one at a time), over two in-process simulated clusters with a delay {@code d} on every Thrift
 * call of both FEs and all BEs, for tables of {@code K} tablets.
 *
 * <p><b>Floor</b> per UPSERT binlog: {@code beginTxn} + every tablet's {@code ingest_binlog} in
 * parallel (so the slowest) + {@code commitTxn} + one progress write, done directly with the
 * production clients against the same clusters and an identical SQLite store, with metadata known
 * up front. <b>Engine</b>: a table job on the production wiring ({@link Syncer}, SQLite store,
 * Thrift/JDBC connector, {@link DorisClusterOperations} with the serve defaults), paused while
 * {@code N} one-row inserts are made, then resumed; timed from the first binlog's applied checkpoint
 * to the last one's (the resume and first fetch are shown apart). Each cell runs {@code rounds} times, floor and engine back to back; the
 * table shows medians.
 *
 * <p>Run with {@code scripts/bench.sh apply} (see docs/benchmarks.md). Properties: {@code
 * bench.binlogs} (N, default 50), {@code bench.rounds} (default 3), {@code bench.delays} (ms,
 * default 0,1,5), {@code bench.tablets} (default 1,8,32), {@code bench.lookaheadThreads} (the engines' shared
 * lookahead pool, default {@link LookaheadPool#DEFAULT_THREADS}).
 *
 * <p><b>Db cell</b> (issue 17, parallel table commits): a db job of {@code bench.dbTables} tables
 * (default 4) of {@code bench.dbTablets} tablets (default 1), {@code N} upserts round-robin over the
 * tables, at pipeline depth {@code bench.depth}, in two modes: {@code pipe} (commits in commit seq
 * order) and {@code pipe+par} (the same with {@code parallelTableCommits}: its own lookahead pool),
 * beside the floor of the same tablet count, at each delay of {@code bench.dbDelays} (ms, default
 * 5; empty: no db cell).
 */
public final class ApplyBench {
    private static final String SRC_DB = "bench";
    private static final String DST_DB = "bench_copy";
    private static final String FLOOR_DB = "floor";
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final FakeDorisCluster src;
    private final FakeDorisCluster dst;
    private final ThriftClusterConnector connector;
    /** The lookahead threads the engines share. */
    private final LookaheadPool lookahead;
    private final MetadataStore floorStore;
    /** The engines measured side by side: mode -> its own syncer and store (jobs and tables per mode). */
    private final Map<String, Engine> engines = new java.util.LinkedHashMap<>();
    /** The db cell's engines: mode -> its syncer (a db job each). */
    private final Map<String, Engine> dbEngines = new java.util.LinkedHashMap<>();
    /** The db cell's modes, in the order printed. */
    static final List<String> DB_MODES = List.of("pipe", "pipe+par");
    private final int dbTables = Integer.getInteger("bench.dbTables", 4);
    private final int dbTablets = Integer.getInteger("bench.dbTablets", 1);
    private int dbNextId = 1;
    /** The modes, in the order printed. */
    static final List<String> MODES = List.of("seq", "pipe", "go");
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final java.util.concurrent.atomic.AtomicLong signals = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final Map<String, Long> progressWrites = new ConcurrentHashMap<>();
    /** When each binlog was applied (commit seq -> nanoTime), for the engine run in progress. */
    private final Map<Long, Long> appliedAt = new ConcurrentHashMap<>();
    /** The commit seq whose apply wakes the waiting thread (the last one of the run in progress). */
    private volatile long wakeAt = Long.MAX_VALUE;
    private final ExecutorService floorPool = Executors.newCachedThreadPool(daemon("floor-ingest"));
    private final Map<Integer, Integer> nextId = new HashMap<>();
    private long floorToken;
    /** The last floor run's mean ms per binlog: begin, ingest (all tablets), commit, progress write. */
    private double[] lastFloorParts = new double[4];
    private int labels;
    /** A progress JSON as the engine writes it, for the floor's writes. */
    private String floorProgress;

    private ApplyBench(Path dir) {
        src = FakeDorisCluster.builder().name("src").backends(3).build().start();
        open.add(src);
        dst = FakeDorisCluster.builder().name("dst").backends(3).build().start();
        open.add(dst);
        // as ServeCommand.start wires them, with the serve defaults
        connector = new ThriftClusterConnector(Duration.ofSeconds(10), Duration.ofSeconds(30));
        open.add(connector);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(4, daemon("timer"));
        open.add(timers::shutdownNow);
        ExecutorService ingest = DorisClusterOperations.newIngestPool();
        open.add(ingest::shutdownNow);
        open.add(floorPool::shutdownNow);
        floorStore = open(dir.resolve("floor.db"));
        // one lookahead pool for every engine here, as CcrEngine owns one for all its jobs
        lookahead = new LookaheadPool(Integer.getInteger("bench.lookaheadThreads", LookaheadPool.DEFAULT_THREADS));
        open.add(lookahead);
        DorisClusterOperations clusters = new DorisClusterOperations(connector, ingest,
                new IngestLimits(48, IngestLimits.DEFAULT_TOTAL), lookahead, Duration.ofMinutes(5), Clock.systemUTC());
        JobListener listener = new JobListener() {
            @Override
            public void binlogApplied(String job, int typeCode, long commitSeq, long sourceCommitTimeMs,
                    Duration took) {
                appliedAt.putIfAbsent(commitSeq, System.nanoTime());
                applied.merge(job, commitSeq, Math::max);
                if (commitSeq >= wakeAt) {
                    // only the binlog awaited wakes the bench's thread: a wake-up per binlog would
                    // take CPU from the engine being measured (the floor has none)
                    signal();
                }
            }

            @Override
            public void statusChanged(String job, dev.dorisccr.core.job.ObservedStatus status) {
                signal();
            }
        };
        int depth = Integer.getInteger("bench.depth", 8);
        Map<String, JobMachine.Config> configs = Map.of(
                "seq", JobMachine.Config.DEFAULTS.withBatchSize(100).withPipelineDepth(1),
                "pipe", JobMachine.Config.DEFAULTS.withBatchSize(100).withPipelineDepth(depth),
                // the Go syncer's design: one binlog per fetch, one at a time
                "go", JobMachine.Config.DEFAULTS.withBatchSize(1).withPipelineDepth(1));
        int port = 9190;
        for (String mode : MODES) {
            MetadataStore store = open(dir.resolve(mode + ".db"));
            Syncer syncer = new Syncer(counting(store), clusters, new TimerScheduler(timers), Clock.systemUTC(),
                    "127.0.0.1:" + port++, HaSettings.defaults(), configs.get(mode), listener);
            open.add(syncer);
            syncer.start();
            engines.put(mode, new Engine(store, syncer));
        }
        // the db cell: the same wiring, one engine with its own lookahead pool that commits independent tables early
        LookaheadPool parallel = new LookaheadPool(lookahead.threads(), true);
        open.add(parallel);
        DorisClusterOperations parallelClusters = new DorisClusterOperations(connector, ingest,
                new IngestLimits(48, IngestLimits.DEFAULT_TOTAL), parallel, Duration.ofMinutes(5), Clock.systemUTC());
        for (String mode : DB_MODES) {
            MetadataStore store = open(dir.resolve(dbName(mode) + ".db"));
            Syncer syncer = new Syncer(counting(store), mode.equals("pipe") ? clusters : parallelClusters,
                    new TimerScheduler(timers), Clock.systemUTC(), "127.0.0.1:" + port++, HaSettings.defaults(),
                    configs.get("pipe"), listener);
            open.add(syncer);
            syncer.start();
            dbEngines.put(mode, new Engine(store, syncer));
        }
    }

    private static String dbName(String mode) {
        return mode.equals("pipe") ? "dbpipe" : "dbpar";
    }

    private record Engine(MetadataStore store, Syncer syncer) {}

    private MetadataStore open(Path db) {
        // as serve opens the SQLite store: secrets encrypted with the key file beside it
        MetadataStore s = Stores.open(StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(db)
                .secretKey(SecretKeyFile.loadOrCreate(db)).build());
        open.add(s);
        return s;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.binlogs", 50);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int[] delays = ints(System.getProperty("bench.delays", "0,1,5"));
        int[] tablets = ints(System.getProperty("bench.tablets", "1,8,32"));
        Path dir = Files.createTempDirectory("ccr-apply-bench");
        ApplyBench b = new ApplyBench(dir);
        try {
            b.setUp(tablets);
            for (int k : tablets) { // warm-up (JIT, connection pools), not reported
                b.measure(0, k, Math.min(n, 20));
            }
            Map<String, List<Cell>> cells = new java.util.LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (int d : delays) {
                    for (int k : tablets) {
                        Cell c = b.measure(d, k, n);
                        cells.computeIfAbsent(d + "/" + k, x -> new ArrayList<>()).add(c);
                        System.err.printf(Locale.ROOT, "round %d d=%d K=%d: floor %.2f ms (%s), engine %s ms%n", r + 1,
                                d, k, c.floorMs(), Arrays.toString(c.floorParts()), c.engineMs());
                    }
                }
            }
            System.out.println(report(cells, n, rounds));
            int[] dbDelays = System.getProperty("bench.dbDelays", "5").isBlank() ? new int[0]
                    : ints(System.getProperty("bench.dbDelays", "5"));
            if (dbDelays.length > 0) {
                b.setUpDb();
                b.measureDb(0, Math.min(n, 20)); // warm-up, not reported
                Map<Integer, List<double[]>> dbCells = new java.util.LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    for (int d : dbDelays) {
                        double[] c = b.measureDb(d, n);
                        dbCells.computeIfAbsent(d, x -> new ArrayList<>()).add(c);
                        System.err.printf(Locale.ROOT, "round %d db cell d=%d: floor %.2f ms, pipe %.2f ms,"
                                + " pipe+par %.2f ms%n", r + 1, d, c[0], c[1], c[2]);
                    }
                }
                System.out.println(b.dbReport(dbCells, n, rounds));
            }
            System.out.printf(Locale.ROOT, "lookahead pool: %d threads, at most %d alive at once, %d early upserts"
                    + " refused a slot (applied without lookahead)%n", b.lookahead.threads(), b.lookahead.largestThreads(),
                    b.lookahead.refused());
        } finally {
            b.close();
        }
    }

    /** One measurement: mean ms per binlog for the floor and the engine, and the engine's RPCs per binlog. */
    record Cell(double floorMs, Map<String, Double> engineMs, Map<String, Double> feCallsPerBinlog,
            Map<String, Double> checkpointsPerBinlog, double[] floorParts, double firstMs) {}

    private static String report(Map<String, List<Cell>> cells, int n, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ApplyBench: %d UPSERT binlogs per cell, median of %d rounds, pipeline depth"
                + " %d, %s%n", n, rounds, Integer.getInteger("bench.depth", 8), machine()));
        out.append(String.format(Locale.ROOT, "%4s | %3s | %8s | %8s | %8s | %8s | %9s | %9s | %9s | %s%n", "d ms", "K",
                "floor ms", "seq ms", "pipe ms", "go ms", "seq÷floor", "pipe÷flr", "go÷floor",
                "FE calls, writes / binlog: seq; pipe; go | floor: begin + ingest + commit + write ms"
                + " | seq: resume to first applied ms"));
        cells.forEach((key, list) -> {
            String[] dk = key.split("/");
            double f = median(list.stream().map(Cell::floorMs).toList());
            Map<String, Double> e = new HashMap<>();
            StringBuilder counts = new StringBuilder();
            for (String mode : MODES) {
                e.put(mode, median(list.stream().map(c -> c.engineMs().get(mode)).toList()));
                counts.append(counts.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.2f, %.2f",
                        median(list.stream().map(c -> c.feCallsPerBinlog().get(mode)).toList()),
                        median(list.stream().map(c -> c.checkpointsPerBinlog().get(mode)).toList())));
            }
            double firstMs = median(list.stream().map(Cell::firstMs).toList());
            double[] fp = new double[4];
            for (int i = 0; i < 4; i++) {
                int j = i;
                fp[i] = median(list.stream().map(c -> c.floorParts()[j]).toList());
            }
            // ratios of throughput: the floor's ms per binlog over the mode's
            out.append(String.format(Locale.ROOT, "%4s | %3s | %8.2f | %8.2f | %8.2f | %8.2f | %8.2fx | %8.2fx | %8.2fx"
                    + " | %s | %.2f + %.2f + %.2f + %.2f | %.0f%n", dk[0], dk[1], f, e.get("seq"), e.get("pipe"),
                    e.get("go"), f / e.get("seq"), f / e.get("pipe"), f / e.get("go"), counts, fp[0], fp[1], fp[2],
                    fp[3], firstMs));
        });
        return out.toString();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cpus, Java " + System.getProperty("java.version");
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private void setUp(int[] tablets) {
        src.sql("CREATE DATABASE " + SRC_DB + " PROPERTIES (\"binlog.enable\" = \"true\")");
        dst.sql("CREATE DATABASE " + DST_DB);
        dst.sql("CREATE DATABASE " + FLOOR_DB);
        for (int k : tablets) {
            String ddl = " (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS " + k
                    + " PROPERTIES (\"replication_num\" = \"1\")";
            for (String mode : MODES) {
                src.sql("CREATE TABLE " + SRC_DB + "." + table(mode, k) + ddl);
                src.sql("INSERT INTO " + SRC_DB + "." + table(mode, k) + " VALUES (0, 0)");
            }
            src.sql("CREATE TABLE " + SRC_DB + ".f" + k + ddl);
            dst.sql("CREATE TABLE " + FLOOR_DB + ".f" + k + ddl);
            nextId.put(k, 1);
        }
        for (int k : tablets) { // one at a time: Doris runs one backup or restore per database
            for (String mode : MODES) {
                Syncer syncer = engines.get(mode).syncer();
                String body = "{\"name\": \"" + job(mode, k) + "\", \"src\": "
                        + src.createCcrEndpoint(SRC_DB, table(mode, k)) + ", \"dest\": "
                        + dst.createCcrEndpoint(DST_DB, table(mode, k)) + "}";
                syncer.create(JobSpecJson.parseCreateRequest(body));
                await(() -> syncer.status(job(mode, k)).progressState() == SyncState.TABLE_INCREMENTAL_SYNC,
                        "full sync of " + table(mode, k));
                syncer.pause(job(mode, k));
            }
        }
        // the floor's progress writes: an identical store, a job record and a lease of its own
        Syncer seq = engines.get("seq").syncer();
        String spec = JobSpecJson.toStoredJson(seq.detail(job("seq", tablets[0])).spec());
        floorStore.jobs().create("floor", spec, DesiredState.PAUSED, Map.of());
        JobLease lease = floorStore.leases().tryAcquire("floor", "127.0.0.1:9199", java.time.Instant.now(), Duration.ofDays(1))
                .orElseThrow();
        floorToken = lease.token();
        floorProgress = engines.get("seq").store().progress().get(job("seq", tablets[0])).orElseThrow().progress();
    }

    /** The db cell's source databases (one per mode, {@link #dbTables} tables each) and their db jobs, paused. */
    private void setUpDb() {
        for (String mode : DB_MODES) {
            String db = dbName(mode);
            src.sql("CREATE DATABASE " + db + " PROPERTIES (\"binlog.enable\" = \"true\")");
            dst.sql("CREATE DATABASE " + db + "_copy");
            for (int t = 0; t < dbTables; t++) {
                src.sql("CREATE TABLE " + db + ".t" + t + " (id INT NOT NULL, v BIGINT) UNIQUE KEY(id)"
                        + " DISTRIBUTED BY HASH(id) BUCKETS " + dbTablets + " PROPERTIES (\"replication_num\" = \"1\")");
                src.sql("INSERT INTO " + db + ".t" + t + " VALUES (0, 0)");
            }
            Syncer syncer = dbEngines.get(mode).syncer();
            String body = "{\"name\": \"" + db + "\", \"src\": " + src.createCcrEndpoint(db, "") + ", \"dest\": "
                    + dst.createCcrEndpoint(db + "_copy", "") + "}";
            syncer.create(JobSpecJson.parseCreateRequest(body));
            await(() -> syncer.status(db).progressState().isIncremental(), "full sync of " + db);
            syncer.pause(db);
        }
        if (!nextId.containsKey(dbTablets)) {
            String ddl = " (id INT NOT NULL, v BIGINT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS " + dbTablets
                    + " PROPERTIES (\"replication_num\" = \"1\")";
            src.sql("CREATE TABLE " + SRC_DB + ".f" + dbTablets + ddl);
            dst.sql("CREATE TABLE " + FLOOR_DB + ".f" + dbTablets + ddl);
            nextId.put(dbTablets, 1);
        }
    }

    /** The db cell: the floor's, pipe's and pipe+par's mean ms per binlog, {@code n} upserts round-robin over the tables. */
    private double[] measureDb(int delayMs, int n) {
        double[] out = new double[3];
        out[0] = floor(delayMs, dbTablets, n);
        for (int m = 0; m < DB_MODES.size(); m++) {
            String mode = DB_MODES.get(m);
            String db = dbName(mode);
            Syncer syncer = dbEngines.get(mode).syncer();
            long first = lastDbSeq(db) + 1;
            for (int i = 0; i < n; i++) {
                int id = dbNextId++;
                src.sql("INSERT INTO " + db + ".t" + (i % dbTables) + " VALUES (" + id + ", " + id + ")");
            }
            long last = lastDbSeq(db);
            appliedAt.clear();
            wakeAt = last;
            delay(delayMs);
            syncer.resume(db);
            await(() -> applied.getOrDefault(db, -1L) >= last, "engine apply of " + db);
            delay(0);
            syncer.pause(db);
            long firstAt = appliedAt.entrySet().stream().filter(x -> x.getKey() >= first)
                    .mapToLong(Map.Entry::getValue).min().orElseThrow();
            out[m + 1] = (appliedAt.get(last) - firstAt) / 1e6 / (n - 1);
        }
        return out;
    }

    private long lastDbSeq(String db) {
        List<SimBinlog> b = src.binlogs(db);
        return b.isEmpty() ? 0 : b.get(b.size() - 1).commitSeq();
    }

    private String dbReport(Map<Integer, List<double[]>> cells, int n, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ApplyBench db cell: a db job of %d tables of %d tablet(s), %d UPSERT"
                + " binlogs round-robin, median of %d rounds, pipeline depth %d%n", dbTables, dbTablets, n, rounds,
                Integer.getInteger("bench.depth", 8)));
        out.append(String.format(Locale.ROOT, "%4s | %8s | %8s | %11s | %9s | %12s | %s%n", "d ms", "floor ms", "pipe ms",
                "pipe+par ms", "pipe÷flr", "pipe+par÷flr", "pipe+par÷pipe"));
        cells.forEach((d, list) -> {
            double f = median(list.stream().map(c -> c[0]).toList());
            double p = median(list.stream().map(c -> c[1]).toList());
            double q = median(list.stream().map(c -> c[2]).toList());
            out.append(String.format(Locale.ROOT, "%4d | %8.2f | %8.2f | %11.2f | %8.2fx | %11.2fx | %.2fx%n", d, f, p, q,
                    f / p, f / q, p / q));
        });
        return out.toString();
    }

    private static String table(String mode, int k) {
        return mode + k;
    }

    private static String job(String mode, int k) {
        return "apply_" + mode + k;
    }

    private Cell measure(int delayMs, int k, int n) {
        double floor = floor(delayMs, k, n);
        Map<String, Double> ms = new HashMap<>();
        Map<String, Double> calls = new HashMap<>();
        Map<String, Double> writes = new HashMap<>();
        double firstMs = 0;
        for (String mode : MODES) {
            // the engine: N binlogs queued while paused, then resumed
            Syncer syncer = engines.get(mode).syncer();
            String table = table(mode, k);
            String job = job(mode, k);
            long first = lastSeq(table) + 1;
            insert(table, k, n);
            long last = lastSeq(table);
            long feBefore = feCalls();
            long cpBefore = checkpoints(job);
            appliedAt.clear();
            wakeAt = last;
            delay(delayMs);
            StepTrace.reset();
            LookaheadPool.Stats stagesBefore = lookahead.stats();
            long cpuBefore = processCpuNanos();
            long t0 = System.nanoTime();
            syncer.resume(job);
            await(() -> applied.getOrDefault(job, -1L) >= last, "engine apply of " + table);
            long cpu = processCpuNanos() - cpuBefore;
            long wall = System.nanoTime() - t0;
            delay(0);
            syncer.pause(job);
            if (mode.equals("pipe")) {
                System.err.println(stages(delayMs, k, n, stagesBefore, lookahead.stats(), cpu, wall));
            }
            calls.put(mode, (feCalls() - feBefore) / (double) n);
            writes.put(mode, (checkpoints(job) - cpBefore) / (double) n);
            // steady state: from the first binlog applied to the last (the floor has no start-up either)
            long firstAt = appliedAt.entrySet().stream().filter(x -> x.getKey() >= first)
                    .mapToLong(Map.Entry::getValue).min().orElseThrow();
            long lastAt = appliedAt.get(last);
            ms.put(mode, (lastAt - firstAt) / 1e6 / (n - 1));
            if (mode.equals("seq")) {
                firstMs = (firstAt - t0) / 1e6;
                if (Boolean.getBoolean(StepTrace.PROPERTY)) {
                    System.err.print("trace seq d=" + delayMs + " K=" + k + ":\n" + StepTrace.report(n));
                }
            }
        }
        return new Cell(floor, ms, calls, writes, lastFloorParts, firstMs);
    }

    /**
     * Where a pipe run's time went (stderr, per round): the early begins and ingests on the
     * lookahead pool, how often the job waited for one in its turn and for how long, and the CPU the
     * whole process (simulated clusters included) used per binlog against the wall time: a
     * ratio near the cpu count means the run was bound by CPU, not by the delays or the window.
     */
    private static String stages(int d, int k, int n, LookaheadPool.Stats a, LookaheadPool.Stats b, long cpu,
            long wall) {
        long early = b.early() - a.early();
        long taken = b.taken() - a.taken();
        long notReady = b.takenNotReady() - a.takenNotReady();
        return String.format(Locale.ROOT, "pipe stages d=%d K=%d: %d early (begin %.2f + ingest %.2f ms each),"
                + " %d of %d taken not done (wait %.2f ms each, %.2f ms per binlog), process cpu %.2f ms per binlog"
                + " over %.2f ms wall (%.2f cpus busy)", d, k, early,
                early == 0 ? 0 : (b.beginNanos() - a.beginNanos()) / 1e6 / early,
                early == 0 ? 0 : (b.ingestNanos() - a.ingestNanos()) / 1e6 / early, notReady, taken,
                notReady == 0 ? 0 : (b.waitNanos() - a.waitNanos()) / 1e6 / notReady,
                (b.waitNanos() - a.waitNanos()) / 1e6 / n, cpu / 1e6 / n, wall / 1e6 / n, cpu / (double) wall);
    }

    /** CPU time of this process, every thread, in ns (-1 when the JVM does not say). */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** The floor: mean ms per binlog of begin + parallel ingest + commit + one progress write. */
    private double floor(int delayMs, int k, int n) {
        String table = "f" + k;
        long from = lastSeq(table);
        insert(table, k, n);
        ClusterSpec srcSpec = spec(src);
        ClusterSpec dstSpec = spec(dst);
        String progress = floorProgress;
        try (FeClient srcFe = connector.fe(srcSpec); FeClient dstFe = connector.fe(dstSpec)) {
            // known up front (outside the timing): meta, backends and each binlog's tablet pairs
            DbMeta srcMeta = srcFe.getMeta(SRC_DB, -1, List.of(src.tableId(SRC_DB, table)));
            long destTableId = dst.tableId(FLOOR_DB, table);
            DbMeta dstMeta = dstFe.getMeta(FLOOR_DB, -1, List.of(destTableId));
            TableMeta s = srcMeta.table(src.tableId(SRC_DB, table)).orElseThrow();
            TableMeta d = dstMeta.table(destTableId).orElseThrow();
            Map<Long, BackendInfo> srcBes = byId(srcFe.getBackends());
            Map<Long, BackendInfo> dstBes = byId(dstFe.getBackends());
            BinlogDecoder decoder = new BinlogDecoder();
            List<List<IngestTask>> plans = new ArrayList<>();
            for (SimBinlog b : src.binlogs(SRC_DB, table)) {
                if (b.type() != SimBinlog.UPSERT || b.commitSeq() <= from) {
                    continue;
                }
                DecodeResult r = decoder.decode(b.type(), b.data());
                UpsertRecord u = (UpsertRecord) ((DecodeResult.Decoded) r).record();
                List<IngestTask> tasks = new ArrayList<>();
                u.tableRecords().values().forEach(t -> t.partitionRecords().forEach(p -> tasks.addAll(IngestPlanner.plan(
                        s, d, new PartitionUpsert(p.partitionId(), p.range(), p.version(), false, t.indexIds()),
                        Set.of()))));
                plans.add(tasks);
            }
            if (plans.size() != n) {
                throw new IllegalStateException("expected " + n + " upserts of " + table + ", found " + plans.size());
            }
            delay(delayMs);
            long[] parts = new long[4];
            long t0 = System.nanoTime();
            for (List<IngestTask> tasks : plans) {
                String label = "floor-" + (++labels);
                long a = System.nanoTime();
                long txn = ((BeginTxnResult.Begun) dstFe.beginTxn(FLOOR_DB, List.of(destTableId), label,
                        Duration.ofMinutes(5))).txnId();
                long b = System.nanoTime();
                List<CompletableFuture<TabletCommit>> futures = new ArrayList<>();
                for (IngestTask t : tasks) {
                    BackendInfo from0 = srcBes.get(t.srcBackendId());
                    BackendInfo to = dstBes.get(t.destBackendId());
                    IngestRequest req = new IngestRequest(txn, t.srcTabletId(), t.version(), from0.host(),
                            from0.httpPort(), t.destPartitionId(), t.destTabletId(), txn, t.destReplicaId());
                    futures.add(CompletableFuture.supplyAsync(() -> {
                        try (BeClient be = connector.be(dstSpec, to.host(), to.bePort())) {
                            be.ingestBinlog(req);
                            return new TabletCommit(t.destTabletId(), t.destBackendId());
                        }
                    }, floorPool));
                }
                List<TabletCommit> commits = futures.stream().map(CompletableFuture::join).toList();
                long c = System.nanoTime();
                dstFe.commitTxn(FLOOR_DB, txn, commits);
                long e = System.nanoTime();
                floorStore.progress().put("floor", progress, floorToken);
                long f = System.nanoTime();
                parts[0] += b - a;
                parts[1] += c - b;
                parts[2] += e - c;
                parts[3] += f - e;
            }
            long t1 = System.nanoTime();
            delay(0);
            lastFloorParts = Arrays.stream(parts).mapToDouble(x -> x / 1e6 / n).toArray();
            return (t1 - t0) / 1e6 / n;
        }
    }

    private long feCalls() {
        long n = 0;
        for (String m : List.of("getBinlog", "getMeta", "getBackendMeta", "beginTxn", "commitTxn", "rollbackTxn")) {
            n += src.faults().calls(m) + dst.faults().calls(m);
        }
        return n;
    }

    private long checkpoints(String job) {
        return progressWrites.getOrDefault(job, 0L);
    }

    /** The store as the syncer sees it: every progress write counted per job. */
    private MetadataStore counting(MetadataStore real) {
        ProgressStore progress = new ProgressStore() {
            @Override
            public java.util.Optional<dev.dorisccr.core.spi.ProgressRecord> get(String jobName) {
                return real.progress().get(jobName);
            }

            @Override
            public void put(String jobName, String json, long fencingToken) {
                real.progress().put(jobName, json, fencingToken);
                progressWrites.merge(jobName, 1L, Long::sum);
            }
        };
        return new MetadataStore() {
            @Override
            public dev.dorisccr.core.spi.JobStore jobs() {
                return real.jobs();
            }

            @Override
            public ProgressStore progress() {
                return progress;
            }

            @Override
            public dev.dorisccr.core.spi.LeaseStore leases() {
                return real.leases();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private void insert(String table, int k, int n) {
        for (int i = 0; i < n; i++) {
            int id = nextId.merge(k, 1, Integer::sum);
            src.sql("INSERT INTO " + SRC_DB + "." + table + " VALUES (" + id + ", " + id + ")");
        }
    }

    private long lastSeq(String table) {
        List<SimBinlog> b = src.binlogs(SRC_DB, table);
        return b.isEmpty() ? 0 : b.get(b.size() - 1).commitSeq();
    }

    /** {@code ms} on every Thrift call of both FEs and all BEs (0: none). */
    private void delay(int ms) {
        for (RpcFaults f : List.of(src.faults(), src.backendFaults(), dst.faults(), dst.backendFaults())) {
            f.clear();
            if (ms > 0) {
                f.add(".*", 1.0, -1, new RpcFaults.Fault.Delay(Duration.ofMillis(ms)));
            }
        }
    }

    private static ClusterSpec spec(FakeDorisCluster c) {
        return ClusterSpec.of("127.0.0.1", c.mysqlPort(), c.masterThriftPort(), c.user(), c.password());
    }

    private static Map<Long, BackendInfo> byId(List<BackendInfo> all) {
        Map<Long, BackendInfo> m = new HashMap<>();
        all.forEach(b -> m.put(b.id(), b));
        return m;
    }

    private void signal() {
        signals.incrementAndGet();
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (woken by the job listener, rechecking at least every 100 ms) until {@code done}, at
     * most {@link #WAIT}. {@code done} runs without the lock: the listener signals from inside the
     * job runner's lock, which {@code done} may need.
     */
    private void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish within " + WAIT);
            }
            long seen = signals.get();
            lock.lock();
            try {
                if (signals.get() == seen) {
                    changed.await(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            } finally {
                lock.unlock();
            }
        }
    }

    private void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The production scheduler's behaviour (ccr-server's ExecutorScheduler is package-private). */
    private record TimerScheduler(ScheduledExecutorService pool) implements Scheduler {
        @Override
        public Cancellable schedule(Runnable task, Duration delay) {
            ScheduledFuture<?> f = pool.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }
    }
}
