package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.TabletCommit;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogLagInfo;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.meta.DbMeta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's Doris behaviour, observed through the production Thrift and JDBC clients. */
class FakeDorisClusterTest {
    private final SimClients clients = new SimClients(Duration.ofSeconds(5));

    @AfterEach
    void close() throws Exception {
        clients.close();
    }

    private FakeDorisCluster cluster(FakeDorisCluster.Builder b) {
        FakeDorisCluster c = clients.start(b);
        c.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        return c;
    }

    @Test
    void binlogStreamsFollowDorisRules() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a"));
        FeClient fe = clients.fe(c, c.masterThriftPort());
        c.sql("INSERT INTO db.t VALUES (1, 'a')");
        c.sql("INSERT INTO db.t VALUES (2, 'b')");
        c.sql("INSERT INTO db.t VALUES (3, 'c')");

        BinlogFetch all = fe.getBinlog(BinlogScope.database("db"), -1, 10);
        assertThat(all).isInstanceOf(BinlogFetch.Batch.class);
        List<RawBinlog> db = ((BinlogFetch.Batch) all).binlogs();
        assertThat(db).extracting(RawBinlog::typeCode).containsExactly(2, 0, 0, 0); // CREATE_TABLE, 3 upserts
        assertThat(db.get(1).commitSeq()).isGreaterThan(db.get(0).commitSeq());
        assertThat(db.get(1).data()).contains("\"tableRecords\"", "\"partitionRecords\"", "\"isTempPartition\"");

        BinlogFetch table = fe.getBinlog(new BinlogScope("db", "t", -1), -1, 10);
        assertThat(((BinlogFetch.Batch) table).binlogs()).extracting(RawBinlog::typeCode).containsExactly(0, 0, 0);
        assertThat(((BinlogFetch.Batch) fe.getBinlog(BinlogScope.database("db"), -1, 2)).binlogs()).hasSize(2);
        long last = db.get(3).commitSeq();
        assertThat(fe.getBinlog(BinlogScope.database("db"), last, 10)).isInstanceOf(BinlogFetch.CaughtUp.class);

        BinlogLagInfo lag = fe.getBinlogLag(BinlogScope.database("db"), db.get(1).commitSeq());
        assertThat(lag.lag()).isEqualTo(2);
        assertThat(lag.lastCommitSeq()).isEqualTo(last);
        assertThat(lag.firstCommitSeq()).isEqualTo(-1);

        c.expireBinlogsNow();
        BinlogFetch old = fe.getBinlog(BinlogScope.database("db"), db.get(1).commitSeq(), 10);
        assertThat(old).isInstanceOfSatisfying(BinlogFetch.TooOld.class, t -> {
            assertThat(t.dummy().typeCode()).isEqualTo(7);
            assertThat(t.dummy().commitSeq()).isEqualTo(last);
        });
        assertThat(fe.getBinlog(BinlogScope.database("db"), last, 10)).isInstanceOf(BinlogFetch.CaughtUp.class);
    }

    @Test
    void doris21ServesOneBinlogPerCallAndUnknownStreamsAreNotFound() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a").version(DorisVersion.V2_1));
        FeClient fe = clients.fe(c, c.masterThriftPort());
        c.sql("INSERT INTO db.t VALUES (1, 'a'), (2, 'b')");
        c.sql("INSERT INTO db.t VALUES (3, 'c')");
        assertThat(((BinlogFetch.Batch) fe.getBinlog(BinlogScope.database("db"), -1, 100)).binlogs()).hasSize(1);
        assertThat(((BinlogFetch.Batch) fe.getBinlog(BinlogScope.database("db"), -1, 100)).binlogs().get(0).data())
                .contains("CREATE TABLE", "\"sql\"");

        c.sql("CREATE DATABASE quiet");
        assertThatThrownBy(() -> fe.getBinlog(BinlogScope.database("quiet"), -1, 1))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BINLOG_NOT_FOUND));
        assertThatThrownBy(() -> fe.getBinlog(BinlogScope.database("nope"), -1, 1))
                .isInstanceOfSatisfying(CcrException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DORIS_ANALYSIS_ERROR));
    }

    @Test
    void followerRedirectsToTheMasterAndTxnsKeepLabels() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a").follower(true));
        FeClient viaFollower = clients.fe(c, c.followerThriftPort());
        long table = c.tableId("db", "t");

        BeginTxnResult first = viaFollower.beginTxn("db", List.of(table), "label-1", Duration.ofMinutes(1));
        assertThat(first).isInstanceOf(BeginTxnResult.Begun.class);
        long txn = ((BeginTxnResult.Begun) first).txnId();
        BeginTxnResult again = viaFollower.beginTxn("db", List.of(table), "label-1", Duration.ofMinutes(1));
        assertThat(again).isEqualTo(new BeginTxnResult.LabelExists("RUNNING", txn));

        assertThatThrownBy(() -> viaFollower.commitTxn("db", txn, List.of(new TabletCommit(999_999, 1))))
                .isInstanceOf(CcrException.class).hasMessageContaining("does not exist");
        viaFollower.rollbackTxn("db", txn, "test");
        assertThat(viaFollower.beginTxn("db", List.of(table), "label-1", Duration.ofMinutes(1)))
                .isInstanceOf(BeginTxnResult.Begun.class);
        assertThatThrownBy(() -> viaFollower.beginTxn("db", List.of(424242L), "label-2", Duration.ofMinutes(1)))
                .isInstanceOf(CcrException.class).hasMessageContaining("can't find table id");
    }

    @Test
    void metaBackendsSnapshotsAndTheSqlSurface() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a").backends(3).reportedBackendHost("be.internal"));
        FeClient fe = clients.fe(c, c.masterThriftPort());
        SqlClient sql = clients.sql(c);
        sql.execute(dev.dorisccr.core.ddl.render.Statements.createDatabase(dev.dorisccr.core.ddl.Identifier.of("other")));
        assertThat(sql.query(ClusterStatements.showDatabases())).extracting(r -> r.get("DbName")).contains("db", "other");
        assertThat(sql.query(ClusterStatements.showBinlogFeature())).extracting(r -> r.get("Value")).containsExactly("true");
        c.sql("INSERT INTO db.t VALUES (1, 'a'), (2, 'b'), (3, 'c')");

        assertThat(fe.getBackends()).hasSize(3).allMatch(b -> b.host().equals("be.internal") && b.httpPort() > 0);
        DbMeta meta = fe.getMeta("db", -1, List.of());
        assertThat(meta.tables()).hasSize(1);
        assertThat(c.checksum("db", "t")).hasSize(64);
        assertThat(c.sql("SELECT COUNT(*) FROM db.t")).containsExactly(List.of("3"));

        assertThatThrownBy(() -> fe.getSnapshot("db", "", "nope", true))
                .isInstanceOfSatisfying(CcrException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_NOT_FOUND));
        sql.execute(ClusterStatements.backup(dev.dorisccr.core.ddl.Identifier.of("db"),
                dev.dorisccr.core.ddl.Identifier.of("snap1"), List.of()));
        assertThatThrownBy(() -> sql.execute(ClusterStatements.backup(dev.dorisccr.core.ddl.Identifier.of("db"),
                dev.dorisccr.core.ddl.Identifier.of("snap2"), List.of())))
                .isInstanceOf(CcrException.class).hasMessageContaining("one backup or restore job");
        for (int i = 0; i < 3; i++) {
            sql.query(ClusterStatements.showBackup(dev.dorisccr.core.ddl.Identifier.of("db"), "snap1"));
        }
        assertThat(sql.query(ClusterStatements.showBackup(dev.dorisccr.core.ddl.Identifier.of("db"), "snap1")))
                .extracting(r -> r.get("State")).containsExactly("FINISHED");
        var snap = fe.getSnapshot("db", "", "snap1", true);
        assertThat(snap.compressed()).isTrue();
        assertThat(snap.commitSeq()).isPositive();

        assertThatThrownBy(() -> sql.query(dev.dorisccr.core.ddl.render.ClusterStatements.showCreateTable(
                dev.dorisccr.core.ddl.QualifiedName.of("db", "missing"))))
                .isInstanceOf(CcrException.class).hasMessageContaining("doesn't exist");
        assertThat(c.sql("SHOW CREATE TABLE db.t").get(0).get(1)).contains("DISTRIBUTED BY HASH(`k`) BUCKETS 2",
                "\"binlog.enable\" = \"true\"");
        assertThat(Map.of("k", c.tableProperties("db", "t").get("binlog.enable"))).containsEntry("k", "true");
    }

    @Test
    void publishTimeoutCommitsAndBecomesVisibleLater() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a"));
        c.setPublishDelay(Duration.ofSeconds(30));
        c.sql("INSERT INTO db.t VALUES (1, 'a')");
        assertThat(c.rows("db", "t")).isEmpty();
        clients.time.runFor(Duration.ofSeconds(31));
        assertThat(c.rows("db", "t")).containsExactly(List.of("1", "a"));
    }

    @Test
    void aTxnIntoATableThatIsGoneCannotCommitAndItsPartitionsLeaveTheDroppedListOnRecover() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a"));
        FeClient fe = clients.fe(c, c.masterThriftPort());
        long table = c.tableId("db", "t");
        long txn = ((BeginTxnResult.Begun) fe.beginTxn("db", List.of(table), "gone-1", Duration.ofMinutes(1))).txnId();
        var tablet = fe.getMeta("db", -1, List.of(table)).table(table).orElseThrow().partitions().get(0).indexes().get(0)
                .tablets().get(0);
        c.sql("DROP TABLE db.t"); // to the recycle bin: the BE keeps the tablet, the FE has no such table
        assertThatThrownBy(() -> fe.commitTxn("db", txn, List.of(new TabletCommit(tablet.id(),
                tablet.replicas().get(0).backendId())))).isInstanceOf(CcrException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> fe.beginTxn("db", List.of(table), "gone-2", Duration.ofMinutes(1)))
                .isInstanceOf(CcrException.class).hasMessageContaining("can't find table id");
        assertThat(fe.getMeta("db", -1, List.of()).droppedTables()).contains(table);

        c.sql("RECOVER TABLE db.t");
        assertThat(fe.getMeta("db", -1, List.of()).droppedTables()).doesNotContain(table);
        c.sql("CREATE TABLE db.p (k INT NOT NULL) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN"
                + " (\"10\"), PARTITION p2 VALUES LESS THAN (\"20\")) DISTRIBUTED BY HASH(k) BUCKETS 1");
        long p1 = fe.getMeta("db", -1, List.of(c.tableId("db", "p"))).table(c.tableId("db", "p")).orElseThrow()
                .partitions().get(0).id();
        c.sql("ALTER TABLE db.p DROP PARTITION p1");
        assertThat(fe.getMeta("db", -1, List.of()).droppedPartitions()).contains(p1);
        c.sql("RECOVER PARTITION p1 FROM db.p");
        assertThat(fe.getMeta("db", -1, List.of()).droppedPartitions()).doesNotContain(p1);
        c.sql("TRUNCATE TABLE db.p");
        assertThat(fe.getMeta("db", -1, List.of()).droppedPartitions()).contains(p1); // truncated away
    }
}
