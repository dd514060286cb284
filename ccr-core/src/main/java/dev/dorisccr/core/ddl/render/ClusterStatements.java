package dev.dorisccr.core.ddl.render;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.QualifiedName;
import java.util.List;
import java.util.Map;

/**
 * The statements the syncer runs to look at and snapshot a cluster (facts doc sections 7 and 9):
 * backups to the keep-on-local repository, SHOW BACKUP / RESTORE by label, the PROC paths for
 * ids, SHOW CREATE TABLE, and the table property the syncer owns.
 *
 * <pre>{@code
 * Sql backup = ClusterStatements.backup(Identifier.of("shop"), Identifier.of("ccrs_shop_1"),
 *         List.of(Identifier.of("orders")));
 * }</pre>
 */
public final class ClusterStatements {
    /** Doris's built-in repository that keeps the snapshot on the source BEs. */
    public static final String LOCAL_REPOSITORY = "__keep_on_local__";

    private ClusterStatements() {}

    /**
     * {@code BACKUP SNAPSHOT db.label TO `__keep_on_local__` [ON (t, ...)] PROPERTIES ("type" =
     * "full")}; no tables means the whole database.
     */
    public static Sql backup(Identifier database, Identifier label, List<Identifier> tables) {
        SqlBuilder b = new SqlBuilder().keyword("BACKUP SNAPSHOT")
                .name(new QualifiedName(requireNonNull(database, "database is null"), requireNonNull(label, "label is null")))
                .keyword("TO").name(Identifier.of(LOCAL_REPOSITORY));
        if (!tables.isEmpty()) {
            b.keyword("ON").names(List.copyOf(tables));
        }
        b.keyword("PROPERTIES").properties(List.of(Map.entry("type", "full")));
        return Sql.of(b.build());
    }

    /**
     * {@code BACKUP SNAPSHOT db.label TO __keep_on_local__ ON (`t` PARTITION (`p1`, `p2`)) PROPERTIES
     * ("type" = "full")}: one table, some of its partitions (all of them when the list is empty).
     */
    public static Sql backupPartitions(Identifier database, Identifier label, Identifier table,
            List<Identifier> partitions) {
        SqlBuilder b = new SqlBuilder().keyword("BACKUP SNAPSHOT")
                .name(new QualifiedName(requireNonNull(database, "database is null"), requireNonNull(label, "label is null")))
                .keyword("TO").name(Identifier.of(LOCAL_REPOSITORY)).keyword("ON").raw(" (")
                .raw(requireNonNull(table, "table is null").quoted());
        if (!partitions.isEmpty()) {
            b.keyword("PARTITION").names(List.copyOf(partitions));
        }
        b.raw(")").keyword("PROPERTIES").properties(List.of(Map.entry("type", "full")));
        return Sql.of(b.build());
    }

    /** {@code SHOW BACKUP FROM db WHERE SnapshotName = "label"}. */
    public static Sql showBackup(Identifier database, String snapshot) {
        return Sql.of(new SqlBuilder().keyword("SHOW BACKUP FROM").name(requireNonNull(database, "database is null"))
                .keyword("WHERE SnapshotName =").literal(snapshot).build());
    }

    /** {@code SHOW RESTORE FROM db WHERE Label = "label"}. */
    public static Sql showRestore(Identifier database, String label) {
        return Sql.of(new SqlBuilder().keyword("SHOW RESTORE FROM").name(requireNonNull(database, "database is null"))
                .keyword("WHERE Label =").literal(label).build());
    }

    /** {@code SHOW TRANSACTION FROM db WHERE id = txnId}: TransactionId, Label, TransactionStatus, ... */
    public static Sql showTransaction(Identifier database, long txnId) {
        if (txnId < 0) {
            throw new IllegalArgumentException("txnId must not be negative: " + txnId);
        }
        return Sql.of(new SqlBuilder().keyword("SHOW TRANSACTION FROM").name(requireNonNull(database, "database is null"))
                .keyword("WHERE id = " + txnId).build());
    }

    /**
     * {@code SHOW PROC '/binlog'}: one row per database with binlog on (Type {@code db}), else per
     * table stream (Type {@code table}): Name, Type, Id, Dropped, BinlogLength, BinlogSize,
     * First/LastBinlogCommittedTime, ... Needs the ADMIN privilege.
     */
    public static Sql showBinlogs() {
        return Sql.of("SHOW PROC '/binlog'");
    }

    /** {@code SHOW PROC '/dbs/'}: DbId, DbName, ... */
    public static Sql showDatabases() {
        return Sql.of("SHOW PROC '/dbs/'");
    }

    /**
     * {@code SHOW PROC '/frontends'}: one row per FE. Needs the ADMIN (or NODE) privilege as every
     * {@code SHOW PROC} does, with an answer as short as the cluster has FEs: the check of a
     * connection that works whatever the number of databases.
     */
    public static Sql showFrontends() {
        return Sql.of("SHOW PROC '/frontends'");
    }

    /** {@code SHOW PROC '/dbs/<dbId>/'}: TableId, TableName, ... */
    public static Sql showTables(long dbId) {
        if (dbId <= 0) {
            throw new IllegalArgumentException("dbId must be positive: " + dbId);
        }
        return Sql.of("SHOW PROC '/dbs/" + dbId + "/'");
    }

    /** {@code SHOW CREATE TABLE db.t}. */
    public static Sql showCreateTable(QualifiedName table) {
        return Sql.of(new SqlBuilder().keyword("SHOW CREATE TABLE").name(requireNonNull(table, "table is null")).build());
    }

    /**
     * The {@code binlog.enable} property of every table the user may see, one row per table
     * ({@code TABLE_SCHEMA}, {@code TABLE_NAME}, {@code PROPERTY_VALUE}); Doris 3.0 and 2.1 with
     * apache/doris#39886 only (older FEs have no such table).
     */
    public static Sql binlogEnabledTables() {
        return Sql.of("SELECT TABLE_SCHEMA, TABLE_NAME, PROPERTY_VALUE FROM information_schema.table_properties"
                + " WHERE PROPERTY_NAME = 'binlog.enable'");
    }

    /** {@code SHOW CREATE DATABASE `db`}: its {@code PROPERTIES} say whether binlog is on. */
    public static Sql showCreateDatabase(Identifier db) {
        return Sql.of(new SqlBuilder().keyword("SHOW CREATE DATABASE").name(requireNonNull(db, "db is null")).build());
    }

    /** {@code SELECT @@version_comment}: Doris answers {@code Doris version doris-<x.y.z>-<hash>}. */
    public static Sql versionComment() {
        return Sql.of("SELECT @@version_comment");
    }

    /** {@code ADMIN SHOW FRONTEND CONFIG LIKE "enable_feature_binlog"}. */
    public static Sql showBinlogFeature() {
        return Sql.of("ADMIN SHOW FRONTEND CONFIG LIKE \"enable_feature_binlog\"");
    }
}
