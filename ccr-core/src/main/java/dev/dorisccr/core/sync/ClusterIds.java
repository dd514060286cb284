package dev.dorisccr.core.sync;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.SqlClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Database and table ids of one side of a job, read from the FE's PROC paths by column name and
 * cached until {@link #refresh()} (after DDL that creates, drops or renames tables). With a shared
 * {@link DatabaseIds}, the database id comes from the syncer's listing of the cluster (read at most
 * once per time to live for all jobs, and again after this object's last refresh).
 */
final class ClusterIds {
    private final SqlClient sql;
    private final String database;
    private final DatabaseIds shared;
    private final String clusterKey;
    private long dbId = -1;
    private long refreshedAtMs = Long.MIN_VALUE;
    private Map<String, Long> tablesByName;

    ClusterIds(SqlClient sql, String database) {
        this(sql, database, null, null);
    }

    /** With the syncer's shared listing of database ids ({@code shared} null: read alone). */
    ClusterIds(SqlClient sql, String database, DatabaseIds shared, String clusterKey) {
        this.sql = requireNonNull(sql, "sql is null");
        this.database = requireNonNull(database, "database is null");
        this.shared = shared;
        this.clusterKey = shared == null ? null : requireNonNull(clusterKey, "clusterKey is null");
    }

    String database() {
        return database;
    }

    synchronized long dbId() {
        if (dbId < 0 && shared != null) {
            dbId = shared.dbId(clusterKey, sql, database, refreshedAtMs).orElseThrow(
                    () -> new CcrException(ErrorCode.META_MISMATCH, "database " + database + " not found"));
        }
        if (dbId < 0) {
            for (Map<String, String> row : sql.query(ClusterStatements.showDatabases())) {
                String name = row.getOrDefault("DbName", "");
                if (name.equals(database) || name.equals("default_cluster:" + database)) {
                    dbId = parse(row.get("DbId"), "DbId");
                    break;
                }
            }
            if (dbId < 0) {
                throw new CcrException(ErrorCode.META_MISMATCH, "database " + database + " not found");
            }
        }
        return dbId;
    }

    synchronized Map<String, Long> tables() {
        if (tablesByName == null) {
            Map<String, Long> m = new HashMap<>();
            List<Map<String, String>> rows = sql.query(ClusterStatements.showTables(dbId()));
            for (Map<String, String> row : rows) {
                m.put(row.getOrDefault("TableName", ""), parse(row.get("TableId"), "TableId"));
            }
            tablesByName = m;
        }
        return tablesByName;
    }

    Optional<Long> tableId(String name) {
        return Optional.ofNullable(tables().get(name));
    }

    Optional<String> tableName(long id) {
        return tables().entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst();
    }

    synchronized void refresh() {
        tablesByName = null;
        dbId = -1;
        if (shared != null) {
            refreshedAtMs = shared.now();
        }
    }

    static long parse(String v, String column) {
        try {
            return Long.parseLong(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new CcrException(ErrorCode.DORIS_SQL_FAILED, "SHOW PROC answered a non-numeric " + column + ": " + v, e);
        }
    }
}
