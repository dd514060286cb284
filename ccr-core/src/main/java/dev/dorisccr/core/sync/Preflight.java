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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
final class Preflight {
    private static final Pattern VERSION = Pattern.compile("doris-(\\d+)\\.(\\d+)\\.(\\d+)");
    private final SqlClient src;
    private final SqlClient dest;
    private final ClusterConnector connector;
    private final JobSpec spec;
    private final DatabaseIds databaseIds;
    private final ClusterChecks clusterChecks;
    private final List<Check> checks = new ArrayList<>();

    /**
     * Over the caller's SQL clients of both clusters (not closed here: the create goes on with them),
     * with the syncer's shared listing of database ids and its recently passed cluster checks.
     */
    Preflight(SqlClient src, SqlClient dest, ClusterConnector connector, JobSpec spec, DatabaseIds databaseIds,
            ClusterChecks clusterChecks) {
        this.src = requireNonNull(src, "src is null");
        this.dest = requireNonNull(dest, "dest is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.databaseIds = requireNonNull(databaseIds, "databaseIds is null");
        this.clusterChecks = requireNonNull(clusterChecks, "clusterChecks is null");
    }

    PreflightReport run() {
        Optional<ClusterChecks.Passed> srcPassed = clusterChecks.get(spec.source().cluster());
        Optional<ClusterChecks.Passed> destPassed = clusterChecks.get(spec.target().cluster());
        boolean srcSql;
        boolean destSql;
        if (srcPassed.isPresent() && destPassed.isPresent()) {
            // both clusters passed every cluster check a moment ago (same address and credentials)
            srcSql = true;
            destSql = true;
            Map<String, Check> kept = new java.util.HashMap<>();
            srcPassed.get().checks().forEach(c -> kept.put("source." + c.name(), c));
            destPassed.get().checks().forEach(c -> kept.put("target." + c.name(), c));
            for (String name : List.of("source.sql", "target.sql", "source.thrift", "source.backends", "target.thrift",
                    "target.backends", "source.version", "target.version")) {
                Check c = kept.get(name);
                add(name, c.outcome(), c.message());
            }
            compareVersions(srcPassed.get().version(), destPassed.get().version());
            for (String name : List.of("source.enable_feature_binlog", "target.enable_feature_binlog")) {
                Check c = kept.get(name);
                add(name, c.outcome(), c.message());
            }
        } else {
            srcSql = sql("source", src, spec.source().cluster());
            destSql = sql("target", dest, spec.target().cluster());
            thrift("source", spec.source().cluster());
            thrift("target", spec.target().cluster());
            int[] srcVersion = srcSql ? version("source", src) : null;
            int[] destVersion = destSql ? version("target", dest) : null;
            compareVersions(srcVersion, destVersion);
            binlogFeature("source", srcSql ? src : null);
            binlogFeature("target", destSql ? dest : null);
            clusterChecks.put(spec.source().cluster(), sideChecks("source"), srcVersion);
            clusterChecks.put(spec.target().cluster(), sideChecks("target"), destVersion);
        }
        sourceObjects(srcSql ? src : null);
        targetTable(destSql ? dest : null);
        return new PreflightReport(checks);
    }

    /** This side's cluster checks so far, named without the side. */
    private List<Check> sideChecks(String side) {
        List<Check> out = new ArrayList<>();
        for (Check c : checks) {
            if (c.name().startsWith(side + ".")) {
                out.add(new Check(c.name().substring(side.length() + 1), c.outcome(), c.message()));
            }
        }
        return out;
    }

    private void add(String name, Outcome outcome, String message) {
        checks.add(new Check(name, outcome, message));
    }

    private boolean sql(String side, SqlClient sql, ClusterSpec c) {
        String name = side + ".sql";
        try {
            sql.query(ClusterStatements.showFrontends());
            add(name, Outcome.OK, "MySQL protocol at " + c.host() + ":" + c.port() + " as " + c.user());
            return true;
        } catch (CcrException e) {
            String hint = e.code() == ErrorCode.NOT_AUTHORIZED ? "wrong user or password for " + c.user()
                    : e.code() == ErrorCode.DORIS_CONNECTION_FAILED ? "cannot connect to " + c.host() + ":" + c.port()
                            + " (is it the FE query port?)"
                            : "SHOW PROC failed (does " + c.user() + " have ADMIN privileges?)";
            add(name, Outcome.FAILED, hint + ": " + e.getMessage());
            return false;
        }
    }

    private void thrift(String side, ClusterSpec c) {
        String name = side + ".thrift";
        try (FeClient fe = connector.fe(c)) {
            fe.getMasterToken();
            add(name, Outcome.OK, "Thrift at " + c.host() + ":" + c.thriftPort());
            backends(side, fe);
        } catch (CcrException e) {
            String hint = e.code() == ErrorCode.NOT_AUTHORIZED ? "wrong user or password for " + c.user()
                    : "cannot call the FE's Thrift port " + c.host() + ":" + c.thriftPort()
                            + " (is thrift_port the FE rpc_port?)";
            add(name, Outcome.FAILED, hint + ": " + e.getMessage());
            add(side + ".backends", Outcome.SKIPPED, "needs " + name);
        }
    }

    private void backends(String side, FeClient fe) {
        List<BackendInfo> all = fe.getBackends();
        List<String> dead = all.stream().filter(b -> !b.alive()).map(b -> b.host() + ":" + b.bePort()).toList();
        if (all.isEmpty()) {
            add(side + ".backends", Outcome.FAILED, "the FE reports no backend");
        } else if (!dead.isEmpty()) {
            add(side + ".backends", Outcome.WARNING, dead.size() + " of " + all.size() + " backends are not alive: " + dead);
        } else {
            add(side + ".backends", Outcome.OK, all.size() + " backends alive");
        }
    }

    private int[] version(String side, SqlClient sql) {
        try {
            List<Map<String, String>> rows = sql.query(ClusterStatements.versionComment());
            String text = rows.isEmpty() ? "" : rows.get(0).values().stream().findFirst().orElse("");
            Matcher m = VERSION.matcher(text);
            if (!m.find()) {
                add(side + ".version", Outcome.WARNING, "cannot read the Doris version from '" + text + "'");
                return null;
            }
            int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            if (v[0] < 2) {
                add(side + ".version", Outcome.FAILED, "Doris " + m.group() + " has no CCR binlog support: 2.0 or newer is needed");
            } else {
                add(side + ".version", Outcome.OK, "Doris " + v[0] + "." + v[1] + "." + v[2]);
            }
            return v;
        } catch (CcrException e) {
            add(side + ".version", Outcome.WARNING, "cannot read the Doris version: " + e.getMessage());
            return null;
        }
    }

    private void compareVersions(int[] src, int[] dest) {
        if (src == null || dest == null) {
            return;
        }
        int cmp = java.util.Arrays.compare(dest, src);
        if (cmp < 0) {
            add("versions", Outcome.WARNING, "the target (" + v(dest) + ") is older than the source (" + v(src)
                    + "): a restore of a newer snapshot may fail; upgrade the target first");
        } else {
            add("versions", Outcome.OK, "target " + v(dest) + " >= source " + v(src));
        }
    }

    private static String v(int[] x) {
        return x[0] + "." + x[1] + "." + x[2];
    }

    private void binlogFeature(String side, SqlClient sql) {
        String name = side + ".enable_feature_binlog";
        if (sql == null) {
            add(name, Outcome.SKIPPED, "needs " + side + ".sql");
            return;
        }
        try {
            boolean on = sql.query(ClusterStatements.showBinlogFeature()).stream()
                    .anyMatch(r -> "true".equalsIgnoreCase(r.getOrDefault("Value", "")));
            add(name, on ? Outcome.OK : Outcome.FAILED, on ? "on" : side + " FE has enable_feature_binlog=false:"
                    + " set it in fe.conf (and be.conf) and restart");
        } catch (CcrException e) {
            add(name, Outcome.FAILED, e.getMessage());
        }
    }

    private void sourceObjects(SqlClient src) {
        String db = spec.source().database();
        String table = spec.source().table();
        if (src == null) {
            add("source.objects", Outcome.SKIPPED, "needs source.sql");
            add("source.binlog", Outcome.SKIPPED, "needs source.sql");
            return;
        }
        ClusterIds ids = new ClusterIds(src, db, databaseIds, DatabaseIds.key(spec.source().cluster()));
        try {
            ids.dbId();
            if (!table.isEmpty() && tableId(ids, table).isEmpty()) {
                add("source.objects", Outcome.FAILED, "source table " + db + "." + table + " does not exist");
                add("source.binlog", Outcome.SKIPPED, "needs source.objects");
                return;
            }
            add("source.objects", Outcome.OK, table.isEmpty() ? "database " + db : "table " + db + "." + table);
        } catch (CcrException e) {
            add("source.objects", Outcome.FAILED, "source database " + db + " does not exist");
            add("source.binlog", Outcome.SKIPPED, "needs source.objects");
            return;
        }
        try {
            Optional<String> off = SourceBinlog.disabled(src, db, table);
            add("source.binlog", off.isPresent() ? Outcome.FAILED : Outcome.OK, off.orElse("\"binlog.enable\" = \"true\""));
        } catch (CcrException e) {
            add("source.binlog", Outcome.FAILED, e.getMessage());
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

    private void targetTable(SqlClient dest) {
        if (dest == null) {
            add("target.objects", Outcome.SKIPPED, "needs target.sql");
            return;
        }
        String db = spec.target().database();
        boolean dbExists;
        try {
            dest.query(ClusterStatements.showCreateDatabase(Identifier.of(db))); // by name: no listing
            dbExists = true;
        } catch (CcrException e) {
            dbExists = false;
        }
        if (!spec.target().isTable()) {
            add("target.objects", Outcome.OK, dbExists ? "database " + db + " exists" : "database " + db + " will be created");
            return;
        }
        boolean exists = dbExists && tableId(new ClusterIds(dest, db, databaseIds,
                DatabaseIds.key(spec.target().cluster())), spec.target().table()).isPresent();
        if (exists && !spec.options().allowTableExists()) {
            add("target.objects", Outcome.FAILED, "dest table " + db + "." + spec.target().table()
                    + " already exists (set allow_table_exists to copy over it)");
        } else {
            add("target.objects", Outcome.OK, exists ? "table " + db + "." + spec.target().table()
                    + " exists and will be replaced (allow_table_exists)" : "table " + db + "." + spec.target().table()
                    + " will be created");
        }
    }
}
