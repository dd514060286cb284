package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.snapshot.BackendAddress;
import dev.dorisccr.core.snapshot.JobInfo;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.RestoreRequest;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.SnapshotData;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.testkit.replication.DorisClusterPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Backup on one simulated cluster and restore on another through the production clients: SQL
 * BACKUP / SHOW BACKUP / SHOW RESTORE over Connector/J, getSnapshot and restoreSnapshot over
 * Thrift, snapshot files pulled by the target BEs over the source BEs' HTTP with the token.
 */
class BackupRestoreTest {
    private final SimClients clients = new SimClients(Duration.ofSeconds(5));
    @RegisterExtension
    final DorisClusterPair clusters = DorisClusterPair.builder().backends(2).clock(clients.time).build();
    private FakeDorisCluster src;
    private FakeDorisCluster dst;

    @BeforeEach
    void start() {
        src = clusters.source();
        dst = clusters.target();
        src.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        src.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3"
                + " PROPERTIES (\"colocate_with\" = \"g1\", \"storage_policy\" = \"cold\")");
        src.sql("INSERT INTO db.t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        dst.sql("CREATE DATABASE db");
    }

    @AfterEach
    void close() throws Exception {
        clients.close();
    }

    private static String pollUntilDone(SqlClient sql, boolean backup, String label) {
        for (int i = 0; i < 20; i++) {
            List<Map<String, String>> rows = sql.query(backup ? ClusterStatements.showBackup(Identifier.of("db"), label)
                    : ClusterStatements.showRestore(Identifier.of("db"), label));
            String state = rows.get(rows.size() - 1).get("State");
            if (state.equals("FINISHED") || state.equals("CANCELLED")) {
                return state + " " + rows.get(rows.size() - 1).getOrDefault("Status", "");
            }
        }
        throw new AssertionError(label + " did not finish in 20 polls");
    }

    private SnapshotData backup(String label) {
        SqlClient s = clients.sql(src);
        s.execute(ClusterStatements.backup(Identifier.of("db"), Identifier.of(label), List.of(Identifier.of("t"))));
        assertThat(pollUntilDone(s, true, label)).startsWith("FINISHED");
        return clients.fe(src).getSnapshot("db", "t", label, true);
    }

    /** The snapshot with the source BEs' addresses and the given token in extra_info. */
    private SnapshotData withExtra(SnapshotData snap, String token) {
        Map<Long, BackendAddress> backends = new TreeMap<>();
        for (BackendInfo b : clients.fe(src).getBackends()) {
            backends.put(b.id(), new BackendAddress(b.host(), b.httpPort()));
        }
        JobInfo info = JobInfo.parse(snap.jobInfo(), snap.compressed())
                .withExtraInfo(backends, HostMapping.none(), Secret.of(token));
        return new SnapshotData(snap.meta(), info.toBytes(snap.compressed()), snap.compressed(), snap.commitSeq(),
                snap.expiresAt());
    }

    @Test
    void aSnapshotRestoredOnAnotherClusterIsMarkedSyncedAndLosesPlacementProperties() {
        SnapshotData snap = backup("snap1");
        assertThat(snap.compressed()).isTrue();
        assertThat(JobInfo.parse(snap.jobInfo(), true).tables()).containsOnlyKeys("t");

        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "r1", Map.of(), withExtra(snap, src.token()),
                Map.of("reserve_replica", "true"), false, false, false));
        assertThat(pollUntilDone(clients.sql(dst), false, "r1")).startsWith("FINISHED");

        assertThat(dst.rows("db", "t")).containsExactlyInAnyOrderElementsOf(src.rows("db", "t"));
        assertThat(dst.checksum("db", "t")).isEqualTo(src.checksum("db", "t"));
        assertThat(dst.tableProperties("db", "t")).containsEntry("is_being_synced", "true")
                .doesNotContainKeys("colocate_with", "storage_policy");
        assertThat(src.tableProperties("db", "t")).containsKeys("colocate_with", "storage_policy");

        // the same label again is refused; a second table name through an alias works
        assertThatThrownBy(() -> clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "r1", Map.of(),
                withExtra(snap, src.token()), Map.of(), false, false, false)))
                .isInstanceOf(CcrException.class).hasMessageContaining("already used");
        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "r2", Map.of("t", "t_copy"), withExtra(snap, src.token()),
                Map.of(), false, false, false));
        assertThat(pollUntilDone(clients.sql(dst), false, "r2")).startsWith("FINISHED");
        assertThat(dst.tables("db")).containsExactlyInAnyOrder("t", "t_copy");
    }

    @Test
    void aBackupAndARestoreWithADurationFinishOnlyOnceTheyHaveRunThatLong() {
        src.setSnapshotJobDuration(Duration.ofSeconds(20), Duration.ZERO);
        dst.setSnapshotJobDuration(Duration.ZERO, Duration.ofSeconds(40));
        SqlClient s = clients.sql(src);
        s.execute(ClusterStatements.backup(Identifier.of("db"), Identifier.of("slow"), List.of(Identifier.of("t"))));
        assertThatThrownBy(() -> pollUntilDone(s, true, "slow")).hasMessageContaining("did not finish");
        clients.time.runFor(Duration.ofSeconds(19));
        assertThatThrownBy(() -> pollUntilDone(s, true, "slow")).hasMessageContaining("did not finish");
        clients.time.runFor(Duration.ofSeconds(1));
        assertThat(pollUntilDone(s, true, "slow")).startsWith("FINISHED");

        SnapshotData snap = clients.fe(src).getSnapshot("db", "t", "slow", true);
        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "r_slow", Map.of(), withExtra(snap, src.token()), Map.of(),
                false, false, false));
        assertThatThrownBy(() -> pollUntilDone(clients.sql(dst), false, "r_slow")).hasMessageContaining("did not finish");
        clients.time.runFor(Duration.ofSeconds(40));
        assertThat(pollUntilDone(clients.sql(dst), false, "r_slow")).startsWith("FINISHED");
        assertThat(dst.rows("db", "t")).containsExactlyInAnyOrderElementsOf(src.rows("db", "t"));
        // the jobs' own times, as a benchmark reads them: each ran at least its duration
        assertThat(src.snapshotJobs()).singleElement().satisfies(j -> {
            assertThat(j.kind()).isEqualTo("BACKUP");
            assertThat(j.label()).isEqualTo("slow");
            assertThat(j.database()).isEqualTo("db");
            assertThat(j.state()).isEqualTo("FINISHED");
            assertThat(j.durationMs()).isEqualTo(20_000);
        });
        assertThat(dst.snapshotJobs()).singleElement().satisfies(j -> {
            assertThat(j.kind()).isEqualTo("RESTORE");
            assertThat(j.label()).isEqualTo("r_slow");
            assertThat(j.state()).isEqualTo("FINISHED");
            assertThat(j.durationMs()).isEqualTo(40_000);
        });
    }

    @Test
    void aWrongTokenFailsTheDownloadAndAnExpiredSnapshotIsRefused() {
        SnapshotData snap = backup("snap1");
        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "bad_token", Map.of(), withExtra(snap, "not-the-token"),
                Map.of(), false, false, false));
        assertThat(pollUntilDone(clients.sql(dst), false, "bad_token")).startsWith("CANCELLED").contains("download failed");
        assertThat(dst.tables("db")).isEmpty();

        clients.time.runFor(Duration.ofHours(2)); // past the snapshot's time to live
        assertThatThrownBy(() -> clients.fe(src).getSnapshot("db", "t", "snap1", true))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_NOT_FOUND))
                .hasMessageContaining("expired");
    }

    @Test
    void aSchemaConflictCancelsTheRestoreUnlessItIsAtomic() {
        SnapshotData snap = backup("snap1");
        dst.sql("CREATE TABLE db.t (k INT NOT NULL, other VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        dst.sql("INSERT INTO db.t VALUES (9, 'x')");
        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "conflict", Map.of(), withExtra(snap, src.token()), Map.of(),
                false, false, false));
        assertThat(pollUntilDone(clients.sql(dst), false, "conflict")).startsWith("CANCELLED").contains("different schema");
        assertThat(dst.rows("db", "t")).containsExactly(List.of("9", "x"));

        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "atomic", Map.of(), withExtra(snap, src.token()), Map.of(),
                false, false, true));
        assertThat(pollUntilDone(clients.sql(dst), false, "atomic")).startsWith("FINISHED");
        assertThat(dst.rows("db", "t")).containsExactlyInAnyOrderElementsOf(src.rows("db", "t"));
    }

    @Test
    void aTableWithoutPartitionsAndAViewRestoreToTheEnd() {
        src.sql("CREATE TABLE db.empty (k INT NOT NULL, d DATE) DUPLICATE KEY(k) PARTITION BY RANGE(d) ()"
                + " DISTRIBUTED BY HASH(k) BUCKETS 2");
        src.sql("CREATE VIEW db.v (kk, vv) AS SELECT k, v FROM db.t");
        SqlClient s = clients.sql(src);
        s.execute(ClusterStatements.backup(Identifier.of("db"), Identifier.of("snap_e"),
                List.of(Identifier.of("empty"), Identifier.of("v"))));
        assertThat(pollUntilDone(s, true, "snap_e")).startsWith("FINISHED");
        SnapshotData snap = clients.fe(src).getSnapshot("db", "empty", "snap_e", true);
        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "r_empty", Map.of(), withExtra(snap, src.token()), Map.of(),
                false, false, false));
        assertThat(pollUntilDone(clients.sql(dst), false, "r_empty")).startsWith("FINISHED");
        assertThat(dst.tables("db")).containsExactlyInAnyOrder("empty", "v");
        assertThat(dst.partitions("db", "empty")).isEmpty();
        assertThat(dst.isView("db", "v")).isTrue();
    }

    @Test
    void showBackupAndShowRestorePrintDorisColumnsTimesStatusAndObjects() {
        src.sql("CREATE VIEW db.v AS SELECT k FROM db.t");
        SqlClient s = clients.sql(src);
        s.execute(ClusterStatements.backup(Identifier.of("db"), Identifier.of("snap_o"),
                List.of(Identifier.of("t"), Identifier.of("v"))));
        assertThat(pollUntilDone(s, true, "snap_o")).isEqualTo("FINISHED [OK]");
        Map<String, String> b = s.query(ClusterStatements.showBackup(Identifier.of("db"), "snap_o")).get(0);
        assertThat(b.keySet()).containsExactly("JobId", "SnapshotName", "DbName", "State", "BackupObjs", "CreateTime",
                "SnapshotFinishedTime", "UploadFinishedTime", "FinishedTime", "UnfinishedTasks", "Progress", "TaskErrMsg",
                "Status", "Timeout");
        assertThat(b).containsEntry("BackupObjs", "[db.t], [db.v]").containsEntry("CreateTime", "2023-11-14 22:13:20")
                .containsEntry("SnapshotFinishedTime", "2023-11-14 22:13:20").containsEntry("UploadFinishedTime", "NULL")
                .containsEntry("FinishedTime", "2023-11-14 22:13:20").containsEntry("Progress", "")
                .containsEntry("Timeout", "86400");
        src.sql("BACKUP SNAPSHOT db.snap_p TO __keep_on_local__ ON (t PARTITION (t))");
        assertThat(src.sql("SHOW BACKUP FROM db WHERE SnapshotName LIKE 'snap_%'")).hasSize(2);
        assertThat(s.query(ClusterStatements.showBackup(Identifier.of("db"), "snap_p")).get(0))
                .containsEntry("BackupObjs", "[db.tPARTITIONS (t)]").containsEntry("FinishedTime", "NULL");
        src.sql("CANCEL BACKUP FROM db");
        assertThat(s.query(ClusterStatements.showBackup(Identifier.of("db"), "snap_p")).get(0))
                .containsEntry("State", "CANCELLED").containsEntry("Status", "[COMMON_ERROR, msg: user cancelled]");
        assertThatThrownBy(() -> src.sql("SHOW BACKUP FROM db WHERE State = 'FINISHED'"))
                .hasMessageContaining("Where clause should like: SnapshotName = \"your_snapshot_name\"");

        SnapshotData snap = clients.fe(src).getSnapshot("db", "t", "snap_o", true);
        clients.time.runFor(Duration.ofSeconds(5));
        clients.fe(dst).restoreSnapshot(new RestoreRequest("db", "r_o", Map.of(), withExtra(snap, src.token()),
                Map.of("reserve_replica", "true"), false, false, false));
        assertThat(pollUntilDone(clients.sql(dst), false, "r_o")).isEqualTo("FINISHED [OK]");
        Map<String, String> r = clients.sql(dst).query(ClusterStatements.showRestore(Identifier.of("db"), "r_o")).get(0);
        assertThat(r.keySet()).containsExactly("JobId", "Label", "Timestamp", "DbName", "State", "AllowLoad",
                "ReplicationNum", "ReplicaAllocation", "ReserveReplica", "ReserveDynamicPartitionEnable", "RestoreObjs",
                "CreateTime", "MetaPreparedTime", "SnapshotFinishedTime", "DownloadFinishedTime", "FinishedTime",
                "UnfinishedTasks", "Progress", "TaskErrMsg", "Status", "Timeout");
        long viewId = src.tableId("db", "v");
        assertThat(r).containsEntry("Timestamp", "2023-11-14-22-13-20").containsEntry("ReserveReplica", "true")
                .containsEntry("ReplicaAllocation", "\"replication_allocation\" = \"tag.location.default: 3\"")
                .containsEntry("CreateTime", "2023-11-14 22:13:25").containsEntry("DownloadFinishedTime",
                        "2023-11-14 22:13:25")
                .containsEntry("RestoreObjs", "{\n"
                        + "  \"name\": \"snap_o\",\n"
                        + "  \"database\": \"db\",\n"
                        + "  \"backup_time\": 1700000000000,\n"
                        + "  \"content\": \"ALL\",\n"
                        + "  \"olap_table_list\": [\n"
                        + "    {\n"
                        + "      \"name\": \"t\",\n"
                        + "      \"partition_names\": [\n"
                        + "        \"t\"\n"
                        + "      ]\n"
                        + "    }\n"
                        + "  ],\n"
                        + "  \"view_list\": [\n"
                        + "    {\n"
                        + "      \"id\": " + viewId + ",\n"
                        + "      \"name\": \"v\"\n"
                        + "    }\n"
                        + "  ],\n"
                        + "  \"odbc_table_list\": [],\n"
                        + "  \"odbc_resource_list\": []\n"
                        + "}");
        assertThat(dst.sql("SHOW RESTORE FROM db WHERE Label LIKE 'r\\_%'")).hasSize(1);
        Map<String, String> brief = clients.sql(dst).query(dev.dorisccr.core.ddl.render.Sql.of("SHOW BRIEF RESTORE FROM db")).get(0);
        assertThat(brief.keySet()).containsExactly("JobId", "Label", "Timestamp", "DbName", "State", "AllowLoad",
                "ReplicationNum", "ReplicaAllocation", "ReserveReplica", "ReserveDynamicPartitionEnable", "CreateTime",
                "MetaPreparedTime", "SnapshotFinishedTime", "DownloadFinishedTime", "FinishedTime", "UnfinishedTasks",
                "Status", "Timeout");
        assertThatThrownBy(() -> dst.sql("SHOW RESTORE FROM db WHERE Label != 'x'"))
                .hasMessageContaining("Where clause should like: LABEL = \"your_label_name\"");
    }
}
