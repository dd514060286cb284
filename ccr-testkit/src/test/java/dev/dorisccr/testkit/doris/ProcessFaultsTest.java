package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.meta.BackendInfo;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.core.spi.SqlClient;
import dev.dorisccr.core.ddl.render.ClusterStatements;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Process faults of the simulated cluster (FE restart, master switch, backend down), observed
 * through the production Thrift and JDBC clients and plain HTTP: what fails while a process is
 * down, and that the state it had is all there when it is back.
 */
class ProcessFaultsTest {
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

    private static int binlogCount(FeClient fe) {
        return ((BinlogFetch.Batch) fe.getBinlog(BinlogScope.database("db"), -1, 100)).binlogs().size();
    }

    @Test
    void aRestartedFrontendRefusesWhileDownAndKeepsItsStateAfter() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a"));
        FeClient fe = clients.fe(c, c.masterThriftPort());
        SqlClient sql = clients.sql(c);
        c.sql("INSERT INTO db.t VALUES (1, 'a')");
        int before = binlogCount(fe);
        long table = c.tableId("db", "t");
        long txn = ((BeginTxnResult.Begun) fe.beginTxn("db", List.of(table), "kept", Duration.ofMinutes(5))).txnId();
        int masterPort = c.masterThriftPort();
        int mysqlPort = c.mysqlPort();

        c.stopFrontend();
        assertThatThrownBy(() -> fe.getBinlog(BinlogScope.database("db"), -1, 100)).isInstanceOf(CcrException.class)
                .satisfies(e -> assertThat(((CcrException) e).code().retriable()).as("a down FE is worth a retry").isTrue());
        assertThatThrownBy(() -> sql.query(ClusterStatements.showDatabases())).isInstanceOf(CcrException.class);

        c.startFrontend();
        assertThat(c.masterThriftPort()).isEqualTo(masterPort);
        assertThat(c.mysqlPort()).isEqualTo(mysqlPort);
        assertThat(binlogCount(fe)).isEqualTo(before);
        assertThat(fe.beginTxn("db", List.of(table), "kept", Duration.ofMinutes(5)))
                .isEqualTo(new BeginTxnResult.LabelExists("RUNNING", txn));
        assertThat(sql.query(ClusterStatements.showDatabases())).isNotEmpty();
        assertThat(c.rows("db", "t")).containsExactly(List.of("1", "a"));

        // a restart while the client holds a connection: that connection is gone (one retriable
        // failure, the connection is dropped from the pool), the next call connects again
        c.restartFrontend();
        assertThatThrownBy(() -> binlogCount(fe)).isInstanceOf(CcrException.class)
                .satisfies(e -> assertThat(((CcrException) e).code().retriable()).isTrue());
        assertThat(binlogCount(fe)).isEqualTo(before);
    }

    @Test
    void aMasterSwitchRedirectsClientsOfTheOldMaster() {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a").follower(true));
        int oldMaster = c.masterThriftPort();
        int oldFollower = c.followerThriftPort();
        FeClient viaOldMaster = clients.fe(c, oldMaster);
        c.sql("INSERT INTO db.t VALUES (1, 'a')");
        int before = binlogCount(viaOldMaster);

        c.switchMaster();
        assertThat(c.masterThriftPort()).isEqualTo(oldFollower);
        assertThat(c.followerThriftPort()).isEqualTo(oldMaster);
        // the old master answers NOT_MASTER with the new master's address; the client follows it
        assertThat(binlogCount(viaOldMaster)).isEqualTo(before);
        long table = c.tableId("db", "t");
        assertThat(viaOldMaster.beginTxn("db", List.of(table), "after-switch", Duration.ofMinutes(1)))
                .isInstanceOf(BeginTxnResult.Begun.class);
        assertThat(c.txns()).anyMatch(t -> t.label().equals("after-switch"));
    }

    @Test
    void aDownBackendIsReportedDeadFailsLoadsAndServesNothingUntilBack() throws Exception {
        FakeDorisCluster c = cluster(FakeDorisCluster.builder().name("a").backends(1));
        FeClient fe = clients.fe(c, c.masterThriftPort());
        c.sql("INSERT INTO db.t VALUES (1, 'a')");
        long be = c.backendPorts().keySet().iterator().next();
        int httpPort = c.backendPorts().get(be)[1];
        assertThat(httpStatus(httpPort)).isPositive();

        c.stopBackend(be);
        assertThat(fe.getBackends()).extracting(BackendInfo::alive).containsExactly(false);
        assertThatThrownBy(() -> c.sql("INSERT INTO db.t VALUES (2, 'b')")).hasMessageContaining("backend down");
        assertThat(c.rows("db", "t")).containsExactly(List.of("1", "a"));
        assertThatThrownBy(() -> httpStatus(httpPort)).isInstanceOf(IOException.class);

        c.startBackend(be);
        assertThat(fe.getBackends()).extracting(BackendInfo::alive).containsExactly(true);
        assertThat(c.backendPorts().get(be)[1]).isEqualTo(httpPort);
        c.sql("INSERT INTO db.t VALUES (2, 'b')");
        assertThat(c.rows("db", "t")).containsExactlyInAnyOrder(List.of("1", "a"), List.of("2", "b"));
        assertThat(httpStatus(httpPort)).isPositive();
    }

    /** Any HTTP answer at all from the BE's download port (the request itself is not a valid download). */
    private static int httpStatus(int port) throws IOException {
        HttpURLConnection h = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/_binlog/_download")
                .toURL().openConnection();
        h.setConnectTimeout(2000);
        h.setReadTimeout(2000);
        try {
            return h.getResponseCode();
        } finally {
            h.disconnect();
        }
    }
}
