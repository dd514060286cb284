package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SHOW PROC paths, SHOW BACKENDS / FRONTENDS and SHOW [TEMPORARY] PARTITIONS through Connector/J with Doris's columns. */
class ProcShowsIT {
    private SimJdbc sim;
    private FakeDorisCluster cluster;
    private Statement s;

    @BeforeEach
    void start() throws SQLException {
        sim = SimJdbc.open(FakeDorisCluster.builder().name("proc").backends(2),
                "CREATE DATABASE db", "db");
        cluster = sim.cluster;
        s = sim.s;
        s.execute("CREATE TABLE t (k INT NOT NULL, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k)"
                + " (PARTITION p1 VALUES LESS THAN (\"10\"), PARTITION p2 VALUES LESS THAN (\"20\"))"
                + " DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (\"replication_num\" = \"2\")");
        s.execute("ALTER TABLE t ADD TEMPORARY PARTITION tp VALUES LESS THAN (\"10\")");
        s.execute("CREATE TABLE plain (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY RANDOM BUCKETS 1");
        s.execute("INSERT INTO t VALUES (1, 1)");
    }

    @AfterEach
    void stop() throws SQLException {
        sim.close();
    }

    private List<Map<String, String>> maps(String sql) throws SQLException {
        return sim.maps(sql);
    }

    @Test
    void procPathsAnswerDorisColumns() throws Exception {
        List<Map<String, String>> dbs = maps("SHOW PROC '/dbs'");
        assertThat(dbs.get(0).keySet()).containsExactly("DbId", "DbName", "TableNum", "Size", "Quota",
                "LastConsistencyCheckTime", "ReplicaCount", "ReplicaQuota", "RunningTransactionNum", "TransactionQuota",
                "LastUpdateTime");
        assertThat(dbs).extracting(m -> m.get("DbName")).containsExactly("db");
        long dbId = Long.parseLong(dbs.get(0).get("DbId"));
        long tableId = cluster.tableId("db", "t");
        assertThat(maps("SHOW PROC '/dbs/" + dbId + "'")).extracting(m -> m.get("TableName"))
                .containsExactlyInAnyOrder("t", "plain");

        List<Map<String, String>> parts = maps("SHOW PROC '/dbs/" + dbId + "/" + tableId + "/partitions'");
        assertThat(parts.get(0).keySet()).containsExactly("PartitionId", "PartitionName", "VisibleVersion",
                "VisibleVersionTime", "State", "PartitionKey", "Range", "DistributionKey", "Buckets", "ReplicationNum",
                "StorageMedium", "CooldownTime", "RemoteStoragePolicy", "LastConsistencyCheckTime", "DataSize",
                "IsInMemory", "ReplicaAllocation", "IsMutable", "SyncWithBaseTables", "UnsyncTables");
        assertThat(parts).extracting(m -> m.get("PartitionName")).containsExactly("p1", "p2");
        assertThat(parts.get(0)).containsEntry("PartitionKey", "k").containsEntry("DistributionKey", "k")
                .containsEntry("Buckets", "2").containsEntry("ReplicationNum", "2")
                .containsEntry("ReplicaAllocation", "\"replication_allocation\" = \"tag.location.default: 2\"");
        assertThat(maps("SHOW PROC '/dbs/" + dbId + "/" + tableId + "/temp_partitions'"))
                .extracting(m -> m.get("PartitionName")).containsExactly("tp");
        assertThat(maps("SHOW TEMPORARY PARTITIONS FROM t")).extracting(m -> m.get("PartitionName"))
                .containsExactly("tp");
        assertThat(maps("SHOW PARTITIONS FROM plain").get(0)).containsEntry("PartitionKey", "").containsEntry("Range", "")
                .containsEntry("DistributionKey", "RANDOM");
        String p1 = parts.get(0).get("PartitionId");
        List<Map<String, String>> indexes = maps("SHOW PROC '/dbs/" + dbId + "/" + tableId + "/partitions/" + p1 + "'");
        assertThat(indexes).extracting(m -> m.get("IndexName")).containsExactly("t");
        assertThat(maps("SHOW PROC '/dbs/" + dbId + "/" + tableId + "/partitions/" + p1 + "/"
                + indexes.get(0).get("IndexId") + "'")).hasSize(4); // 2 tablets x 2 replicas

        List<Map<String, String>> backends = maps("SHOW PROC '/backends'");
        assertThat(backends).hasSize(2);
        assertThat(backends.get(0).keySet()).containsExactly("BackendId", "Host", "HeartbeatPort", "BePort", "HttpPort",
                "BrpcPort", "ArrowFlightSqlPort", "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned",
                "TabletNum", "DataUsedCapacity", "TrashUsedCapcacity", "AvailCapacity", "TotalCapacity", "UsedPct",
                "MaxDiskUsedPct", "RemoteUsedCapacity", "Tag", "ErrMsg", "Version", "Status", "HeartbeatFailureCounter",
                "NodeRole");
        assertThat(maps("SHOW BACKENDS")).isEqualTo(backends);
        List<Map<String, String>> fes = maps("SHOW PROC '/frontends'");
        assertThat(fes.get(0)).containsEntry("IsMaster", "true").containsEntry("QueryPort",
                Integer.toString(cluster.mysqlPort()));
        assertThat(maps("SHOW FRONTENDS")).isEqualTo(fes);
    }
}
