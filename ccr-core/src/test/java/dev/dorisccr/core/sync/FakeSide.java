package dev.dorisccr.core.sync;

import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.TabletCommit;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.meta.TableMeta;
import dev.dorisccr.core.spi.BeClient;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogLagInfo;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.ClusterConnector;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.IngestRequest;
import dev.dorisccr.core.spi.RestoreRequest;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.SnapshotData;
import dev.dorisccr.core.spi.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One cluster as the executor sees it: hand-written FE and SQL fakes that record what they get. */
final class FakeSide implements FeClient, SqlClient {
    final String db;
    final long dbId;
    final Map<String, Long> tables = new LinkedHashMap<>();
    final List<TableMeta> meta = new ArrayList<>();
    final List<BackendInfo> backends = new ArrayList<>();
    final List<String> executed = new ArrayList<>();
    final List<Object> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    int metaCalls;
    int backendCalls;
    final Map<String, String> backupStates = new LinkedHashMap<>();
    final Map<String, String> restoreStates = new LinkedHashMap<>();
    BinlogFetch nextFetch = new BinlogFetch.CaughtUp();
    BeginTxnResult begin = new BeginTxnResult.Begun(500);
    /** When set, every begin gets the next txn id from here instead of {@link #begin}. */
    java.util.concurrent.atomic.AtomicLong nextTxnId;
    SnapshotData snapshot;
    RestoreRequest restored;
    /** Answers for begins of these labels, before {@link #nextTxnId} and {@link #begin}. */
    final Map<String, BeginTxnResult> labelAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Runs at each commit before it is recorded (may block, or throw to fail it). */
    volatile java.util.function.LongConsumer onCommit = txnId -> { };

    /** What a BE does with an ingest: {@code host}:{@code bePort} is the BE the executor called. */
    interface Ingest {
        void ingest(String host, int bePort, IngestRequest request);
    }

    /**
     * A connector that makes only BE clients, each handing its ingests to {@code ingest} (the FE and
     * SQL clients of an executor under test are FakeSides, given directly).
     */
    static ClusterConnector beConnector(Ingest ingest) {
        return new ClusterConnector() {
            @Override
            public FeClient fe(ClusterSpec cluster) {
                throw new UnsupportedOperationException();
            }

            @Override
            public BeClient be(ClusterSpec cluster, String host, int bePort) {
                return new BeClient() {
                    @Override
                    public void ingestBinlog(IngestRequest r) {
                        ingest.ingest(host, bePort, r);
                    }

                    @Override
                    public void close() {
                        // nothing held
                    }
                };
            }

            @Override
            public SqlClient sql(ClusterSpec cluster) {
                throw new UnsupportedOperationException();
            }
        };
    }

    FakeSide(String db, long dbId) {
        this.db = db;
        this.dbId = dbId;
    }

    @Override
    public Secret getMasterToken() {
        return Secret.of("tok-" + db);
    }

    @Override
    public BinlogFetch getBinlog(BinlogScope scope, long prevCommitSeq, int numAcquired) {
        calls.add(scope);
        return nextFetch;
    }

    @Override
    public BinlogLagInfo getBinlogLag(BinlogScope scope, long prevCommitSeq) {
        return new BinlogLagInfo(0, -1, -1, -1, -1, -1, -1);
    }

    @Override
    public BeginTxnResult beginTxn(String database, List<Long> tableIds, String label, Duration timeout) {
        calls.add("begin " + database + " " + tableIds + " " + label);
        BeginTxnResult known = labelAnswers.get(label);
        if (known != null) {
            return known;
        }
        return nextTxnId == null ? begin : new BeginTxnResult.Begun(nextTxnId.incrementAndGet());
    }

    @Override
    public void commitTxn(String database, long txnId, List<TabletCommit> commits) {
        onCommit.accept(txnId);
        calls.add("commit " + txnId + " " + commits);
    }

    @Override
    public void rollbackTxn(String database, long txnId, String reason) {
        calls.add("rollback " + txnId);
    }

    @Override
    public SnapshotData getSnapshot(String database, String table, String label, boolean compress) {
        calls.add("getSnapshot " + label);
        if (snapshot == null) {
            throw new CcrException(ErrorCode.SNAPSHOT_NOT_FOUND, "no snapshot " + label);
        }
        return snapshot;
    }

    @Override
    public void restoreSnapshot(RestoreRequest request) {
        restored = request;
        restoreStates.put(request.label(), "PENDING");
    }

    @Override
    public DbMeta getMeta(String database, long id, List<Long> tableIds) {
        metaCalls++;
        return new DbMeta(dbId, db, meta, Set.of(), Set.of(), Set.of());
    }

    @Override
    public List<BackendInfo> getBackends() {
        backendCalls++;
        return backends;
    }

    @Override
    public void execute(Sql statement) {
        executed.add(statement.text());
        if (statement.text().startsWith("BACKUP SNAPSHOT")) {
            String label = statement.text().split("`")[3];
            backupStates.put(label, "SNAPSHOTING");
        }
    }

    @Override
    public List<Map<String, String>> query(Sql statement) {
        String s = statement.text();
        if (s.equals("SHOW PROC '/dbs/'")) {
            return List.of(Map.of("DbId", Long.toString(dbId), "DbName", db), Map.of("DbId", "1", "DbName", "other"));
        }
        if (s.startsWith("SHOW PROC '/dbs/" + dbId + "/'")) {
            List<Map<String, String>> rows = new ArrayList<>();
            tables.forEach((n, id) -> rows.add(Map.of("TableId", Long.toString(id), "TableName", n, "Type", "OLAP")));
            return rows;
        }
        if (s.startsWith("SHOW CREATE TABLE")) {
            return List.of(Map.of("Table", "t", "Create Table", "CREATE TABLE t (k INT) PROPERTIES (\"binlog.enable\" = \"true\")"));
        }
        if (s.startsWith("SHOW CREATE DATABASE")) {
            return List.of(Map.of("Database", db, "Create Database", "CREATE DATABASE `" + db
                    + "`\nPROPERTIES (\n\"binlog.enable\" = \"true\"\n)"));
        }
        if (s.startsWith("SHOW BACKUP")) {
            return stateRows(backupStates, s);
        }
        if (s.startsWith("SHOW RESTORE")) {
            return stateRows(restoreStates, s);
        }
        throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "fake does not know: " + s);
    }

    private static List<Map<String, String>> stateRows(Map<String, String> states, String sql) {
        String label = sql.substring(sql.indexOf('"') + 1, sql.lastIndexOf('"'));
        String state = states.get(label);
        return state == null ? List.of() : List.of(Map.of("State", state, "Status", "[OK]", "TaskErrMsg", ""));
    }

    @Override
    public void close() {
        // nothing held
    }
}
