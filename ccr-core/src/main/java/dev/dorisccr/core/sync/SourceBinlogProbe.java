package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.Scheduler;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.syncer.BinlogProbeSettings;
import dev.dorisccr.core.service.BinlogWatcher;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One binlog probe per source cluster, shared by every job of a syncer that reads it: one
 * {@code SHOW PROC '/binlog'} per {@link BinlogProbeSettings#interval()} lists, for each database
 * with binlog on, its stream's length, size and first/last commit times (Doris's {@code
 * BinlogManager.getBinlogInfo}: a {@code db} row when the database's binlog is on, else a {@code
 * table} row per table stream). A row that differs from the previous read in any column, appears or
 * disappears wakes exactly the jobs that read that database (a table job: its table's row, or its
 * database's row when the database's binlog is on, which is the finest Doris shows). Nothing moved:
 * no job is woken and no job asks the FE anything.
 *
 * <p>Never missing a binlog: the length alone could stand still while GC drops as many binlogs as
 * arrive, and commit times could repeat within a millisecond, so every column is compared (length,
 * size, first and last commit time, id and dropped flag together); a woken job that is inside a step skips its next idle
 * wait ({@code JobRunner.nudge}); the first read after start or after a failure wakes every job;
 * and each served job still fetches on its own every {@link BinlogProbeSettings#servedIdleInterval()}
 * (the safety poll), for the case no column moved at all.
 *
 * <p>A read that fails (no ADMIN privilege, a Doris without the path, an answer without the
 * columns, the FE unreachable) puts the cluster's jobs back on their own polling, logs the reason
 * once, shows it in {@link #states()}, and is tried again after
 * {@link BinlogProbeSettings#retryInterval()}. Clusters are keyed by dialed FE address and user,
 * as {@link DatabaseIds} does. Reads run on the given scheduler; thread-safe.
 */
public final class SourceBinlogProbe implements BinlogWatcher {
    private static final Logger log = LoggerFactory.getLogger(SourceBinlogProbe.class);
    private static final String CLUSTER_PREFIX = "default_cluster:";

    private final ClusterConnector connector;
    private final Scheduler scheduler;
    private final InstantSource clock;
    private final BinlogProbeSettings settings;
    private final ConcurrentMap<String, Probe> probes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SourceBinlogProbe(ClusterConnector connector, Scheduler scheduler, InstantSource clock,
            BinlogProbeSettings settings) {
        this.connector = requireNonNull(connector, "connector is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Duration servedIdleInterval() {
        return settings.servedIdleInterval();
    }

    /** The settings this probe runs with. */
    public BinlogProbeSettings settings() {
        return settings;
    }

    @Override
    public Subscription watch(JobSpec spec, Callbacks callbacks) {
        requireNonNull(spec, "spec is null");
        requireNonNull(callbacks, "callbacks is null");
        if (closed || !settings.enabled()) {
            return Subscription.NONE;
        }
        ClusterSpec cluster = spec.source().cluster();
        Probe p = probes.computeIfAbsent(DatabaseIds.key(cluster), k -> new Probe(k, cluster));
        Sub s = new Sub(p, plain(spec.source().database()), spec.source().isTable() ? spec.source().table() : null,
                callbacks);
        p.add(s);
        return s;
    }

    @Override
    public List<ProbeState> states() {
        List<ProbeState> out = new ArrayList<>();
        new TreeMap<>(probes).values().forEach(p -> out.add(p.state()));
        return out;
    }

    @Override
    public void close() {
        closed = true;
        probes.values().forEach(Probe::stop);
    }

    private static String plain(String db) {
        return db.startsWith(CLUSTER_PREFIX) ? db.substring(CLUSTER_PREFIX.length()) : db;
    }

    /** The columns read, by position in {@link #parse}'s rows. */
    static final List<String> COLUMNS = List.of("Type", "Name", "Id", "Dropped", "BinlogLength", "BinlogSize",
            "FirstBinlogCommittedTime", "LastBinlogCommittedTime");

    /**
     * The columns of one stream that move with binlogs, all of them together: the length may stand
     * still under GC, the times within a millisecond. Compared with {@code equals} (a hash first).
     */
    record Stream(String id, String dropped, String length, String size, String first, String last) {}

    /**
     * One read: database rows by database name, table rows by {@code <db>.<table>} ({@code
     * default_cluster:} taken off), from rows in {@link #COLUMNS}' order.
     */
    record Read(Map<String, Stream> dbs, Map<String, Stream> tables) {
        int size() {
            return dbs.size() + tables.size();
        }
    }

    /** Parses the answer of {@code SHOW PROC '/binlog'} (columns as {@link #COLUMNS}). */
    static Read parse(List<String[]> rows) {
        Map<String, Stream> dbs = new HashMap<>();
        Map<String, Stream> tables = new HashMap<>();
        for (String[] row : rows) {
            String type = row[0];
            String name = row[1];
            if (type == null || name == null || (row[4] == null && row[7] == null)) {
                throw new CcrException(ErrorCode.DORIS_UNSUPPORTED, "SHOW PROC '/binlog' answered without the columns"
                        + " Name, Type and BinlogLength or LastBinlogCommittedTime (got Type=" + type + ", Name=" + name
                        + ", BinlogLength=" + row[4] + ", LastBinlogCommittedTime=" + row[7] + ")");
            }
            Stream st = new Stream(row[2], row[3], row[4], row[5], row[6], row[7]);
            ("db".equals(type) ? dbs : tables).put(plain(name), st);
        }
        return new Read(dbs, tables);
    }

    /** Why a read failed, as the operator should read it. */
    static String describe(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("1227") || m.contains("ADMIN privilege")) {
            return "the source user lacks the ADMIN privilege SHOW PROC needs (" + m + ")";
        }
        if (e instanceof CcrException c && c.code() == ErrorCode.DORIS_UNSUPPORTED) {
            return m;
        }
        if (m.contains("not exist") || m.contains("not implemented") || m.contains("not simulated")) {
            return "this Doris has no SHOW PROC '/binlog' (" + m + ")";
        }
        return "reading SHOW PROC '/binlog' failed (" + m + ")";
    }

    /** One job's registration. */
    private static final class Sub implements Subscription {
        final Probe probe;
        final String db;
        final String table;
        final Callbacks callbacks;
        /** End of the read that last showed this job's rows changed (or the first read). */
        volatile long changedAtMs = Long.MAX_VALUE;
        volatile boolean closed;

        Sub(Probe probe, String db, String table, Callbacks callbacks) {
            this.probe = probe;
            this.db = db;
            this.table = table;
            this.callbacks = callbacks;
        }

        @Override
        public boolean served() {
            return !closed && changedAtMs != Long.MAX_VALUE && probe.served();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One source cluster's probe. */
    private final class Probe {
        final String key;
        final ClusterSpec cluster;
        final List<Sub> subs = new CopyOnWriteArrayList<>();
        /** Guards the fields below. */
        final Object lock = new Object();
        /** The subscriptions by database name, so that a read touches only the changed rows' jobs. */
        final Map<String, List<Sub>> byDb = new HashMap<>();
        Read last;
        boolean served;
        String reason = "";
        long samples;
        long failures;
        long lastSampleAtMs = -1;
        SqlClient sql;
        Scheduler.Cancellable next;
        boolean stopped;

        Probe(String key, ClusterSpec cluster) {
            this.key = key;
            this.cluster = cluster;
        }

        boolean served() {
            synchronized (lock) {
                return served;
            }
        }

        void add(Sub s) {
            subs.add(s);
            synchronized (lock) {
                byDb.computeIfAbsent(s.db, k -> new ArrayList<>()).add(s);
                if (next == null && !stopped) {
                    next = scheduler.schedule(this::read, Duration.ZERO);
                }
            }
        }

        ProbeState state() {
            synchronized (lock) {
                return new ProbeState(key, served, reason, subs.size(), samples, failures, lastSampleAtMs);
            }
        }

        void stop() {
            synchronized (lock) {
                stopped = true;
                if (next != null) {
                    next.cancel();
                    next = null;
                }
                closeSql();
            }
        }

        private void closeSql() {
            if (sql != null) {
                try {
                    sql.close();
                } catch (RuntimeException e) {
                    log.debug("closing the probe's SQL client of {} failed: {}", key, e.toString());
                }
                sql = null;
            }
        }

        /** One read, on the scheduler. */
        void read() {
            List<Sub> gone = new ArrayList<>(0);
            for (Sub s : subs) {
                if (s.closed || !alive(s)) {
                    gone.add(s);
                }
            }
            if (!gone.isEmpty()) {
                subs.removeAll(new HashSet<>(gone));
                synchronized (lock) {
                    for (Sub s : gone) {
                        List<Sub> l = byDb.get(s.db);
                        if (l != null && l.remove(s) && l.isEmpty()) {
                            byDb.remove(s.db);
                        }
                    }
                }
            }
            SqlClient client;
            synchronized (lock) {
                if (stopped || subs.isEmpty()) {
                    next = null; // idle until a job watches again
                    served = false;
                    last = null;
                    closeSql();
                    return;
                }
                if (sql == null) {
                    sql = connector.sql(cluster);
                }
                client = sql;
            }
            long start = clock.millis();
            List<Sub> wake = new ArrayList<>();
            boolean quietAll = false;
            long end;
            Duration again = settings.interval();
            try {
                Read now = parse(client.query(ClusterStatements.showBinlogs(), COLUMNS));
                end = clock.millis();
                again = settings.pace(now.size());
                synchronized (lock) {
                    boolean all = !served || last == null;
                    if (!served && !reason.isEmpty()) {
                        log.info("binlog probe of {} reads again: its {} job(s) are woken by it", key, subs.size());
                    }
                    Set<Sub> changed = all ? Set.of() : changedSubs(last, now);
                    served = true;
                    reason = "";
                    last = now;
                    samples++;
                    lastSampleAtMs = start;
                    for (Sub s : subs) {
                        if (all || s.changedAtMs == Long.MAX_VALUE || changed.contains(s)) {
                            s.changedAtMs = end;
                            wake.add(s);
                        }
                    }
                    quietAll = true;
                }
            } catch (RuntimeException e) {
                end = clock.millis();
                again = settings.retryInterval();
                String why = describe(e);
                synchronized (lock) {
                    boolean wasServed = served;
                    served = false;
                    last = null;
                    failures++;
                    closeSql(); // a broken connection is not reused
                    if (!why.equals(reason)) {
                        log.warn("binlog probe of {}: {}; its {} job(s) poll on their own, probe retried in {}", key,
                                why, subs.size(), again);
                    }
                    reason = why;
                    for (Sub s : subs) {
                        s.changedAtMs = Long.MAX_VALUE;
                        if (wasServed) {
                            wake.add(s); // back to their own pacing at once
                        }
                    }
                }
            }
            for (Sub s : wake) {
                call(() -> s.callbacks.wake(s.changedAtMs == Long.MAX_VALUE ? Long.MIN_VALUE : s.changedAtMs));
            }
            if (quietAll) {
                Set<Sub> woken = wake.isEmpty() ? Set.of() : new HashSet<>(wake);
                for (Sub s : subs) {
                    if (!woken.contains(s)) {
                        long since = s.changedAtMs;
                        call(() -> s.callbacks.stillCaughtUp(since, start));
                    }
                }
            }
            synchronized (lock) {
                if (!stopped) {
                    next = scheduler.schedule(this::read, again);
                }
            }
        }

        /**
         * The jobs whose rows differ between two reads (a row changed in any column, appeared or
         * disappeared): a database row wakes every job of the database, a table row the database's
         * jobs and the job of that table. Only the changed rows' jobs are looked at.
         */
        private Set<Sub> changedSubs(Read before, Read now) {
            Set<Sub> out = new HashSet<>();
            diff(before.dbs(), now.dbs(), db -> out.addAll(byDb.getOrDefault(db, List.of())));
            diff(before.tables(), now.tables(), name -> {
                int dot = name.indexOf('.');
                String db = dot < 0 ? name : name.substring(0, dot);
                String table = dot < 0 ? "" : name.substring(dot + 1);
                for (Sub s : byDb.getOrDefault(db, List.of())) {
                    if (s.table == null || s.table.equals(table)) {
                        out.add(s);
                    }
                }
            });
            return out;
        }

        private static void diff(Map<String, Stream> before, Map<String, Stream> now,
                java.util.function.Consumer<String> changed) {
            int[] added = new int[1];
            now.forEach((k, v) -> {
                Stream b = before.get(k);
                if (b == null) {
                    added[0]++;
                    changed.accept(k);
                } else if (b.hashCode() != v.hashCode() || !b.equals(v)) {
                    changed.accept(k);
                }
            });
            // (the loop above counts the new keys; a key of before is gone unless all of it is in now)
            if (before.size() != now.size() - added[0]) {
                before.keySet().forEach(k -> {
                    if (!now.containsKey(k)) {
                        changed.accept(k);
                    }
                });
            }
        }

        private boolean alive(Sub s) {
            try {
                return s.callbacks.alive();
            } catch (RuntimeException e) {
                log.warn("binlog probe of {}: a job's alive() failed, dropping it: {}", key, e.toString());
                return false;
            }
        }

        private void call(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("binlog probe of {}: a job's callback failed, ignored: {}", key, e.toString());
            }
        }
    }
}
