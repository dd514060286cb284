package dev.dorisccr.testkit.doris;

import dev.dorisccr.testkit.mysql.Column;
import dev.dorisccr.testkit.mysql.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SHOW statements, SHOW PROC paths, ADMIN SHOW FRONTEND CONFIG, CHECKSUM TABLE, backup/restore polls. */
final class SqlShows {
    private final FakeDorisCluster cluster;
    private final ClusterCore core;
    private final DescShows desc;
    private final SnapshotShows snapshots;

    SqlShows(FakeDorisCluster cluster, ClusterCore core) {
        this.cluster = cluster;
        this.core = core;
        this.desc = new DescShows(core);
        this.snapshots = new SnapshotShows(core);
    }

    private static QueryResult table(List<String> columns, List<List<String>> rows) {
        List<Column> cols = new ArrayList<>();
        columns.forEach(c -> cols.add(Column.varchar(c)));
        return new QueryResult.ResultSet(cols, rows);
    }

    private static String time(long ms) {
        return AlterShows.time(ms); // TimeUtils.longToTimeString
    }

    /** {@code DESC|DESCRIBE [db.]t [ALL]}, after the keyword. */
    QueryResult describe(SqlCursor c, String currentDb) {
        return desc.describe(c, currentDb);
    }

    QueryResult show(SqlCursor c, String currentDb) {
        if (c.acceptWord("CHECKSUM", "TABLE")) {
            String[] n = c.qualifiedName();
            c.expectEnd();
            String sum = core.locked(() -> Rows.checksum(core.data.rows(core.s.olapTable(core.s.db(
                    SimSqlHandler.dbOf(n, currentDb)), n[1]))));
            return table(List.of("Table", "Checksum"), List.of(List.of(n[1], sum)));
        }
        if (c.acceptWord("ADMIN", "SHOW", "FRONTEND", "CONFIG")) {
            String like = c.acceptWord("LIKE") ? c.string() : "%";
            String regex = like.replace("%", ".*").replace("_", ".");
            List<List<String>> rows = new ArrayList<>();
            Map<String, String> conf = core.locked(() -> Map.of("enable_feature_binlog",
                    Boolean.toString(core.s.enableFeatureBinlog), "enable_restore_snapshot_rpc_compression", "true"));
            conf.forEach((k, v) -> {
                if (k.matches(regex)) {
                    rows.add(List.of(k, v, "boolean", "false", "true", ""));
                }
            });
            return table(List.of("Key", "Value", "Type", "IsMutable", "MasterOnly", "Comment"), rows);
        }
        c.word("SHOW");
        if (c.acceptWord("DATABASES")) {
            return core.locked(() -> {
                List<List<String>> rows = new ArrayList<>();
                core.s.databases.keySet().forEach(d -> rows.add(List.of(d)));
                return table(List.of("Database"), rows);
            });
        }
        if (c.acceptWord("ALTER", "TABLE")) {
            return AlterShows.show(core, c, currentDb);
        }
        boolean full = c.acceptWord("FULL");
        if (c.acceptWord("TABLES")) {
            return desc.tables(c, full, currentDb);
        }
        if (c.acceptWord("COLUMNS") || c.acceptWord("FIELDS")) {
            return desc.columns(c, full, currentDb);
        }
        if (full) {
            throw c.syntax("SHOW FULL is simulated for TABLES and COLUMNS only");
        }
        if (c.acceptWord("INDEX") || c.acceptWord("INDEXES") || c.acceptWord("KEYS")) {
            return desc.indexes(c, currentDb);
        }
        if (c.acceptWord("VIEW")) {
            return desc.views(c, currentDb);
        }
        if (c.acceptWord("CREATE", "DATABASE") || c.acceptWord("CREATE", "SCHEMA")) {
            String name = c.name();
            c.expectEnd();
            return core.locked(() -> createDatabase(core.s.db(name)));
        }
        if (c.peekWord("CREATE", "TABLE") || c.peekWord("CREATE", "VIEW")) {
            boolean viewOnly = c.peekWord("CREATE", "VIEW");
            c.next();
            c.next();
            String[] n = c.qualifiedName();
            c.expectEnd();
            return core.locked(() -> {
                String dbName = SimSqlHandler.dbOf(n, currentDb);
                SimTable t = core.s.table(core.s.db(dbName), n[1]);
                if (viewOnly && !t.view) {
                    throw new SimException("ANALYSIS_ERROR", 1347, "'" + dbName + "." + n[1] + "' is not VIEW. Use 'SHOW"
                            + " CREATE TABLE '" + t.name + ".");
                }
                if (t.view) {
                    return table(List.of("View", "Create View", "character_set_client", "collation_connection"),
                            List.of(List.of(t.name, ViewSql.ddl(t), "utf8mb4",
                                    "utf8mb4_0900_bin")));
                }
                core.s.showCreateTableReads++;
                return table(List.of("Table", "Create Table"), List.of(List.of(t.name, DorisText.show(t, false))));
            });
        }
        if (c.peekWord("PARTITIONS", "FROM") || c.peekWord("TEMPORARY", "PARTITIONS", "FROM")) {
            boolean temp = c.acceptWord("TEMPORARY");
            c.word("PARTITIONS", "FROM");
            String[] n = c.qualifiedName();
            String only = where(c, "PartitionName");
            return core.locked(() -> {
                SimDatabase db = core.s.db(SimSqlHandler.dbOf(n, currentDb));
                return partitions(core.s.olapTable(db, n[1]), only, temp);
            });
        }
        if (c.acceptWord("PROC")) {
            String path = c.string();
            c.expectEnd();
            return core.locked(() -> {
                if (!core.s.adminPrivilege) {
                    // ShowProcStmt.analyze: checkGlobalPriv(ADMIN_OR_NODE), else ERR_SPECIFIC_ACCESS_DENIED_ERROR
                    throw new SimException("ANALYSIS_ERROR", 1227,
                            "Access denied; you need (at least one of) the ADMIN privilege(s) for this operation");
                }
                return proc(path);
            });
        }
        if (c.acceptWord("FRONTENDS")) {
            return frontends();
        }
        if (c.acceptWord("BACKENDS")) {
            return core.locked(this::backends);
        }
        if (c.acceptWord("BACKUP")) {
            return snapshots.show(c, currentDb, true, false);
        }
        if (c.acceptWord("RESTORE") || c.peekWord("BRIEF", "RESTORE")) {
            boolean brief = c.acceptWord("BRIEF", "RESTORE");
            return snapshots.show(c, currentDb, false, brief);
        }
        if (c.acceptWord("TRANSACTION")) {
            String db = c.acceptWord("FROM") || c.acceptWord("IN") ? c.name() : currentDb;
            c.word("WHERE");
            String key = c.name();
            c.punct('=');
            String value = c.literal();
            return core.locked(() -> transaction(db, key, value));
        }
        throw c.syntax("SHOW statement not supported by the simulator");
    }

    /** As Doris prints it: the name, then the properties one per line when there are any. */
    private static QueryResult createDatabase(SimDatabase db) {
        StringBuilder sb = new StringBuilder("CREATE DATABASE `").append(db.name).append('`');
        if (!db.properties.isEmpty()) {
            List<String> props = new ArrayList<>();
            db.properties.forEach((k, v) -> props.add("\"" + k + "\" = \"" + v + "\""));
            sb.append("\nPROPERTIES (\n").append(String.join(",\n", props)).append("\n)");
        }
        return table(List.of("Database", "Create Database"), List.of(List.of(db.name, sb.toString())));
    }

    private static String where(SqlCursor c, String column) {
        if (!c.acceptWord("WHERE")) {
            c.expectEnd();
            return null;
        }
        String col = c.name();
        if (!col.equalsIgnoreCase(column)) {
            throw c.syntax("only WHERE " + column + " = \"...\" is simulated");
        }
        c.punct('=');
        String v = c.string();
        c.expectEnd();
        return v;
    }

    private QueryResult proc(String path) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        if (p.length == 1 && (p[0].equals("frontends"))) {
            return frontends();
        }
        if (p.length == 1 && p[0].equals("backends")) {
            return backends();
        }
        if (p.length == 1 && p[0].equals("binlog")) {
            core.s.binlogProcReads++;
            return table(BinlogProc.COLUMNS, BinlogProc.rows(core.s));
        }
        if (p.length >= 1 && p[0].equals("dbs")) {
            if (p.length == 1) {
                List<List<String>> rows = new ArrayList<>();
                List<SimDatabase> dbs = new ArrayList<>(core.s.databases.values());
                dbs.sort(java.util.Comparator.comparingLong(d -> d.id)); // DbsProcDir orders by id
                for (SimDatabase d : dbs) {
                    long running = core.txns.txns.values().stream().filter(x -> x.dbId == d.id
                            && (x.state == SimTxn.State.PREPARE || x.state == SimTxn.State.COMMITTED)).count();
                    rows.add(List.of(Long.toString(d.id), d.name, Integer.toString(d.tables.size()), "0.000 ",
                            "1024.000 TB", "NULL", "0", "1073741824", Long.toString(running), "1000", "NULL"));
                }
                return table(List.of("DbId", "DbName", "TableNum", "Size", "Quota", "LastConsistencyCheckTime",
                        "ReplicaCount", "ReplicaQuota", "RunningTransactionNum", "TransactionQuota", "LastUpdateTime"), rows);
            }
            SimDatabase db = core.s.dbById(parseId(p[1], path)).orElseThrow(() -> SimException.analysis(
                    "Database[" + p[1] + "] does not exist"));
            if (p.length == 2) {
                List<List<String>> rows = new ArrayList<>();
                for (SimTable t : db.tables.values()) {
                    String partCol = t.view ? "" : String.join(", ", t.def.partitionBy().columns());
                    rows.add(List.of(Long.toString(t.id), t.name, Integer.toString(t.view ? 0 : t.indexes.size()),
                            partCol, Integer.toString(t.view ? 0 : t.partitions.size()), "NORMAL", t.type(), "NULL",
                            "0", "NULL"));
                }
                return table(List.of("TableId", "TableName", "IndexNum", "PartitionColumnName", "PartitionNum", "State",
                        "Type", "LastConsistencyCheckTime", "ReplicaCount", "LastUpdateTime"), rows);
            }
            SimTable t = db.tableById(parseId(p[2], path)).filter(x -> !x.view)
                    .orElseThrow(() -> SimException.analysis("Table[" + p[2] + "] does not exist"));
            if (p.length == 4 && (p[3].equals("partitions") || p[3].equals("temp_partitions"))) {
                return partitions(t, null, p[3].equals("temp_partitions"));
            }
            if (p.length >= 5 && p[3].equals("partitions")) {
                SimPartition part = t.partitionById(parseId(p[4], path))
                        .orElseThrow(() -> SimException.analysis("Partition[" + p[4] + "] does not exist"));
                if (p.length == 5) {
                    List<List<String>> rows = new ArrayList<>();
                    t.indexes.forEach(i -> rows.add(List.of(Long.toString(i.id()), i.name(), "NORMAL", "NULL")));
                    return table(List.of("IndexId", "IndexName", "State", "LastConsistencyCheckTime"), rows);
                }
                long indexId = parseId(p[5], path);
                List<List<String>> rows = new ArrayList<>();
                for (SimTablet tablet : part.tablets.getOrDefault(indexId, List.of())) {
                    for (SimTablet.Replica r : tablet.replicas()) {
                        long v = core.s.backend(r.backendId()).flatMap(b -> b.tablet(tablet.id()))
                                .map(TabletData::maxVersion).orElse(-1L);
                        rows.add(List.of(Long.toString(tablet.id()), Long.toString(r.id()), Long.toString(r.backendId()),
                                "0", Long.toString(v), "0", "0", "0", "OK"));
                    }
                }
                return table(List.of("TabletId", "ReplicaId", "BackendId", "SchemaHash", "Version", "LstSuccessVersion",
                        "LstFailedVersion", "DataSize", "State"), rows);
            }
        }
        throw SimException.analysis("Proc path '" + path + "' is not simulated");
    }

    private static long parseId(String s, String path) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw SimException.analysis("Invalid proc path " + path);
        }
    }

    /** PartitionsProcDir (SHOW [TEMPORARY] PARTITIONS, PROC .../partitions | temp_partitions) as Doris 2.1 prints it. */
    private QueryResult partitions(SimTable t, String only, boolean temp) {
        List<List<String>> rows = new ArrayList<>();
        boolean partitioned = !t.def.partitionBy().columns().isEmpty();
        for (SimPartition p : (temp ? t.tempPartitions : t.partitions).values()) {
            if (only != null && !p.name.equals(only)) {
                continue;
            }
            int replicas = p.allTablets().isEmpty() ? core.s.replicationNum(t.properties)
                    : p.allTablets().get(0).replicas().size();
            rows.add(List.of(Long.toString(p.id), p.name, Long.toString(p.visibleVersion),
                    AlterShows.time(p.visibleVersionTime), "NORMAL",
                    partitioned ? String.join(", ", t.def.partitionBy().columns()) : "",
                    partitioned ? SimState.rangeText(t, p.values) : "",
                    p.distribution.columns().isEmpty() ? "RANDOM" : String.join(", ", p.distribution.columns()),
                    Integer.toString(p.distribution.buckets()), Integer.toString(replicas), "HDD", "9999-12-31 23:59:59",
                    "", "NULL", "0.000 ", "false",
                    "\"replication_allocation\" = \"tag.location.default: " + replicas + "\"", "true", "true", "NULL"));
        }
        return table(List.of("PartitionId", "PartitionName", "VisibleVersion", "VisibleVersionTime", "State",
                "PartitionKey", "Range", "DistributionKey", "Buckets", "ReplicationNum", "StorageMedium", "CooldownTime",
                "RemoteStoragePolicy", "LastConsistencyCheckTime", "DataSize", "IsInMemory", "ReplicaAllocation",
                "IsMutable", "SyncWithBaseTables", "UnsyncTables"), rows);
    }

    private QueryResult frontends() {
        return table(List.of("Name", "Host", "EditLogPort", "HttpPort", "QueryPort", "RpcPort", "ArrowFlightSqlPort",
                "Role", "IsMaster", "ClusterId", "Join", "Alive", "ReplayedJournalId", "LastStartTime", "LastHeartbeat",
                "IsHelper", "ErrMsg", "Version", "CurrentConnected"),
                List.of(List.of("fe_" + cluster.name(), cluster.host(), "9010", "8030", Integer.toString(cluster.mysqlPort()),
                        Integer.toString(cluster.masterThriftPort()), "-1", "FOLLOWER", "true", "1", "true", "true", "0",
                        "NULL", "NULL", "true", "", cluster.version().versionText(), "Yes")));
    }

    /** BackendsProcDir (SHOW BACKENDS, PROC '/backends'): every column of Doris 2.1 / 3.0; capacities are not modelled. */
    private QueryResult backends() {
        List<List<String>> rows = new ArrayList<>();
        for (SimBackend b : core.s.backends) {
            rows.add(List.of(Long.toString(b.id()), b.host(), "9050", Integer.toString(b.bePort()),
                    Integer.toString(b.httpPort()), Integer.toString(b.bePort() + 1), "-1", "NULL", "NULL",
                    Boolean.toString(b.alive()), "false", Integer.toString(b.tabletCount()), "0.000 ", "0.000 ",
                    "1.000 TB", "1.000 TB", "0.00 %", "0.00 %", "0.000 ", "{\"location\" : \"default\"}",
                    b.alive() ? "" : "not alive", cluster.version().versionText(),
                    "{\"isQueryDisabled\":false,\"isLoadDisabled\":false}", "0", "mix"));
        }
        return table(List.of("BackendId", "Host", "HeartbeatPort", "BePort", "HttpPort", "BrpcPort", "ArrowFlightSqlPort",
                "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned", "TabletNum", "DataUsedCapacity",
                "TrashUsedCapcacity", "AvailCapacity", "TotalCapacity", "UsedPct", "MaxDiskUsedPct", "RemoteUsedCapacity",
                "Tag", "ErrMsg", "Version", "Status", "HeartbeatFailureCounter", "NodeRole"), rows);
    }

    private QueryResult transaction(String dbName, String key, String value) {
        SimDatabase db = core.s.db(dbName);
        List<List<String>> rows = new ArrayList<>();
        for (SimTxn t : core.txns.txns.values()) {
            boolean match = key.equalsIgnoreCase("id") ? Long.toString(t.id).equals(value)
                    : key.equalsIgnoreCase("label") && t.label.equals(value);
            if (t.dbId == db.id && match) {
                rows.add(List.of(Long.toString(t.id), t.label, "127.0.0.1", t.state.name(), t.fromSyncer ? "BACKEND_STREAMING"
                        : "FRONTEND", time(t.prepareMs), "NULL", time(t.finishMs), t.reason));
            }
        }
        return table(List.of("TransactionId", "Label", "Coordinator", "TransactionStatus", "LoadJobSourceType",
                "PrepareTime", "CommitTime", "FinishTime", "Reason"), rows);
    }
}
