package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.core.syncer.PreflightReport.Check;
import dev.dorisccr.core.syncer.PreflightReport.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks {@code create_ccr} runs before it stores a job: both FEs reachable over the MySQL
 * protocol and Thrift with the given credentials, binlog enabled on both FEs and on the source
 * database or table, the source objects present, the target table state against {@code
 * allow_table_exists}, Doris versions, and backends alive. Every check runs that can (one that
 * depends on a failed one is SKIPPED), so the answer lists everything wrong at once. Read-only:
 * nothing is created.
 *
 * <p>No check reads a listing as long as the cluster has databases (issue 18: a create at 1,000
 * jobs in 1,000 databases read four such listings): the connection check reads {@code SHOW PROC
 * '/frontends'}, the source database's id comes from the syncer's shared {@link DatabaseIds}
 * (read at most once per time to live for every create and job, and again for a database missing
 * from it), the target database is looked up by name ({@code SHOW CREATE DATABASE}). The checks of
 * a cluster alone (connections, backends, version, {@code enable_feature_binlog}) that all passed
 * for the same address and credentials within {@link ClusterChecks#DEFAULT_TTL} are not asked
 * again ({@link ClusterChecks}); the checks of the job's own objects always are.
 *
 * <p>The source's checks run on {@code executor} while the target's run on the caller's thread
 * (issue 17: a create's checks were a dozen MySQL and Thrift round trips in turn, more than the
 * BACKUP's own start on a copy of under 2 s); the report lists them in the same order either way.
 */
final class Preflight {
    private static final Pattern VERSION = Pattern.compile("doris-(\\d+)\\.(\\d+)\\.(\\d+)");
    /** The report's order of the checks (a side's version check is absent when its SQL check failed). */
    private static final List<String> ORDER = List.of("source.sql", "target.sql", "source.thrift", "source.backends",
            "target.thrift", "target.backends", "source.version", "target.version", "versions",
            "source.enable_feature_binlog", "target.enable_feature_binlog", "source.objects", "source.binlog",
            "target.objects");
    private final SqlClient src;
    private final SqlClient dest;
    private final ClusterConnector connector;
    private final JobSpec spec;
    private final DatabaseIds databaseIds;
    private final ClusterChecks clusterChecks;
    private final Executor executor;

    /**
     * Over the caller's SQL clients of both clusters (not closed here: the create goes on with them),
     * with the syncer's shared listing of database ids and its recently passed cluster checks; the
     * source's checks run on {@code executor}.
     */
    Preflight(SqlClient src, SqlClient dest, ClusterConnector connector, JobSpec spec, DatabaseIds databaseIds,
            ClusterChecks clusterChecks, Executor executor) {
        this.src = requireNonNull(src, "src is null");
        this.dest = requireNonNull(dest, "dest is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.databaseIds = requireNonNull(databaseIds, "databaseIds is null");
        this.clusterChecks = requireNonNull(clusterChecks, "clusterChecks is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /** The checks of one cluster, named with the side; each side's list is written by one thread only. */
    private static final class Side {
        final String name;
        final SqlClient sql;
        final ClusterSpec cluster;
        final List<Check> checks = new ArrayList<>();
        boolean sqlOk;
        int[] version;

        Side(String name, SqlClient sql, ClusterSpec cluster) {
            this.name = name;
            this.sql = sql;
            this.cluster = cluster;
        }

        void add(String check, Outcome outcome, String message) {
            checks.add(new Check(name + "." + check, outcome, message));
        }

        /** This side's cluster checks, named without the side. */
        List<Check> clusterChecks() {
            List<Check> out = new ArrayList<>();
            for (Check c : checks) {
                String bare = c.name().substring(name.length() + 1);
                if (!bare.equals("objects") && !bare.equals("binlog")) {
                    out.add(new Check(bare, c.outcome(), c.message()));
                }
            }
            return out;
        }
    }

    PreflightReport run() {
        Optional<ClusterChecks.Passed> srcPassed = clusterChecks.get(spec.source().cluster());
        Optional<ClusterChecks.Passed> destPassed = clusterChecks.get(spec.target().cluster());
        // both clusters passed every cluster check a moment ago (same address and credentials): kept
        boolean kept = srcPassed.isPresent() && destPassed.isPresent();
        Side source = new Side("source", src, spec.source().cluster());
        Side target = new Side("target", dest, spec.target().cluster());
        CompletableFuture<Void> sourceDone = CompletableFuture.runAsync(() -> {
            clusterChecks(source, kept ? srcPassed : Optional.empty());
            sourceObjects(source);
        }, executor);
        RuntimeException failure = null;
        try {
            clusterChecks(target, kept ? destPassed : Optional.empty());
            targetTable(target);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            sourceDone.join(); // also after a failure: the source's checks use the caller's client
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
            if (failure == null) {
                failure = cause;
            } else {
                failure.addSuppressed(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (!kept) {
            clusterChecks.put(spec.source().cluster(), source.clusterChecks(), source.version);
            clusterChecks.put(spec.target().cluster(), target.clusterChecks(), target.version);
        }
        Map<String, Check> byName = new HashMap<>();
        source.checks.forEach(c -> byName.put(c.name(), c));
        target.checks.forEach(c -> byName.put(c.name(), c));
        compareVersions(source.version, target.version).ifPresent(c -> byName.put(c.name(), c));
        List<Check> checks = new ArrayList<>();
        for (String name : ORDER) {
            Optional.ofNullable(byName.get(name)).ifPresent(checks::add);
        }
        return new PreflightReport(checks);
    }

    /** The checks of the cluster alone: the ones it passed a moment ago, or asked again. */
    private void clusterChecks(Side side, Optional<ClusterChecks.Passed> passed) {
        if (passed.isPresent()) {
            side.sqlOk = true;
            side.version = passed.get().version();
            passed.get().checks().forEach(c -> side.add(c.name(), c.outcome(), c.message()));
            return;
        }
        side.sqlOk = sql(side);
        thrift(side);
        side.version = side.sqlOk ? version(side) : null;
        binlogFeature(side);
    }

    private boolean sql(Side side) {
        ClusterSpec c = side.cluster;
        try {
            side.sql.query(ClusterStatements.showFrontends());
            side.add("sql", Outcome.OK, "MySQL protocol at " + c.host() + ":" + c.port() + " as " + c.user());
            return true;
        } catch (CcrException e) {
            String hint = e.code() == ErrorCode.NOT_AUTHORIZED ? "wrong user or password for " + c.user()
                    : e.code() == ErrorCode.DORIS_CONNECTION_FAILED ? "cannot connect to " + c.host() + ":" + c.port()
                            + " (is it the FE query port?)"
                            : "SHOW PROC failed (does " + c.user() + " have ADMIN privileges?)";
            side.add("sql", Outcome.FAILED, hint + ": " + e.getMessage());
            return false;
        }
    }

    private void thrift(Side side) {
        ClusterSpec c = side.cluster;
        try (FeClient fe = connector.fe(c)) {
            fe.getMasterToken();
            side.add("thrift", Outcome.OK, "Thrift at " + c.host() + ":" + c.thriftPort());
            backends(side, fe);
        } catch (CcrException e) {
            String hint = e.code() == ErrorCode.NOT_AUTHORIZED ? "wrong user or password for " + c.user()
                    : "cannot call the FE's Thrift port " + c.host() + ":" + c.thriftPort()
                            + " (is thrift_port the FE rpc_port?)";
            side.add("thrift", Outcome.FAILED, hint + ": " + e.getMessage());
            side.add("backends", Outcome.SKIPPED, "needs " + side.name + ".thrift");
        }
    }

    private static void backends(Side side, FeClient fe) {
        List<BackendInfo> all = fe.getBackends();
        List<String> dead = all.stream().filter(b -> !b.alive()).map(b -> b.host() + ":" + b.bePort()).toList();
        if (all.isEmpty()) {
            side.add("backends", Outcome.FAILED, "the FE reports no backend");
        } else if (!dead.isEmpty()) {
            side.add("backends", Outcome.WARNING, dead.size() + " of " + all.size() + " backends are not alive: " + dead);
        } else {
            side.add("backends", Outcome.OK, all.size() + " backends alive");
        }
    }

    private static int[] version(Side side) {
        try {
            List<Map<String, String>> rows = side.sql.query(ClusterStatements.versionComment());
            String text = rows.isEmpty() ? "" : rows.get(0).values().stream().findFirst().orElse("");
            Matcher m = VERSION.matcher(text);
            if (!m.find()) {
                side.add("version", Outcome.WARNING, "cannot read the Doris version from '" + text + "'");
                return null;
            }
            int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            if (v[0] < 2) {
                side.add("version", Outcome.FAILED, "Doris " + m.group()
                        + " has no CCR binlog support: 2.0 or newer is needed");
            } else {
                side.add("version", Outcome.OK, "Doris " + v[0] + "." + v[1] + "." + v[2]);
            }
            return v;
        } catch (CcrException e) {
            side.add("version", Outcome.WARNING, "cannot read the Doris version: " + e.getMessage());
            return null;
        }
    }

    private static Optional<Check> compareVersions(int[] src, int[] dest) {
        if (src == null || dest == null) {
            return Optional.empty();
        }
        int cmp = java.util.Arrays.compare(dest, src);
        if (cmp < 0) {
            return Optional.of(new Check("versions", Outcome.WARNING, "the target (" + v(dest) + ") is older than the"
                    + " source (" + v(src) + "): a restore of a newer snapshot may fail; upgrade the target first"));
        }
        return Optional.of(new Check("versions", Outcome.OK, "target " + v(dest) + " >= source " + v(src)));
    }

    private static String v(int[] x) {
        return x[0] + "." + x[1] + "." + x[2];
    }

    private static void binlogFeature(Side side) {
        if (!side.sqlOk) {
            side.add("enable_feature_binlog", Outcome.SKIPPED, "needs " + side.name + ".sql");
            return;
        }
        try {
            boolean on = side.sql.query(ClusterStatements.showBinlogFeature()).stream()
                    .anyMatch(r -> "true".equalsIgnoreCase(r.getOrDefault("Value", "")));
            side.add("enable_feature_binlog", on ? Outcome.OK : Outcome.FAILED, on ? "on" : side.name + " FE has"
                    + " enable_feature_binlog=false: set it in fe.conf (and be.conf) and restart");
        } catch (CcrException e) {
            side.add("enable_feature_binlog", Outcome.FAILED, e.getMessage());
        }
    }

    private void sourceObjects(Side side) {
        String db = spec.source().database();
        String table = spec.source().table();
        if (!side.sqlOk) {
            side.add("objects", Outcome.SKIPPED, "needs source.sql");
            side.add("binlog", Outcome.SKIPPED, "needs source.sql");
            return;
        }
        ClusterIds ids = new ClusterIds(side.sql, db, databaseIds, DatabaseIds.key(spec.source().cluster()));
        try {
            ids.dbId();
            if (!table.isEmpty() && tableId(ids, table).isEmpty()) {
                side.add("objects", Outcome.FAILED, "source table " + db + "." + table + " does not exist");
                side.add("binlog", Outcome.SKIPPED, "needs source.objects");
                return;
            }
            side.add("objects", Outcome.OK, table.isEmpty() ? "database " + db : "table " + db + "." + table);
        } catch (CcrException e) {
            side.add("objects", Outcome.FAILED, "source database " + db + " does not exist");
            side.add("binlog", Outcome.SKIPPED, "needs source.objects");
            return;
        }
        try {
            Optional<String> off = SourceBinlog.disabled(side.sql, db, table);
            side.add("binlog", off.isPresent() ? Outcome.FAILED : Outcome.OK, off.orElse("\"binlog.enable\" = \"true\""));
        } catch (CcrException e) {
            side.add("binlog", Outcome.FAILED, e.getMessage());
        }
    }

    /**
     * The table's id; when its database's id came from a listing that went stale (the database
     * dropped and created again since), the listing is read again once.
     */
    private static Optional<Long> tableId(ClusterIds ids, String table) {
        try {
            return ids.tableId(table);
        } catch (CcrException e) {
            ids.refresh();
            return ids.tableId(table);
        }
    }

    private void targetTable(Side side) {
        if (!side.sqlOk) {
            side.add("objects", Outcome.SKIPPED, "needs target.sql");
            return;
        }
        String db = spec.target().database();
        boolean dbExists;
        try {
            side.sql.query(ClusterStatements.showCreateDatabase(Identifier.of(db))); // by name: no listing
            dbExists = true;
        } catch (CcrException e) {
            dbExists = false;
        }
        if (!spec.target().isTable()) {
            side.add("objects", Outcome.OK, dbExists ? "database " + db + " exists" : "database " + db
                    + " will be created");
            return;
        }
        boolean exists = dbExists && tableId(new ClusterIds(side.sql, db, databaseIds,
                DatabaseIds.key(spec.target().cluster())), spec.target().table()).isPresent();
        if (exists && !spec.options().allowTableExists()) {
            side.add("objects", Outcome.FAILED, "dest table " + db + "." + spec.target().table()
                    + " already exists (set allow_table_exists to copy over it)");
        } else {
            side.add("objects", Outcome.OK, exists ? "table " + db + "." + spec.target().table()
                    + " exists and will be replaced (allow_table_exists)" : "table " + db + "." + spec.target().table()
                    + " will be created");
        }
    }
}
