package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.binlog.RawBinlog;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.FeClient;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RPC fault rules and binlog GC by TTL / history, seen through the production Thrift client. */
class FaultRulesAndBinlogGcTest {
    private final SimClients clients = new SimClients(Duration.ofMillis(800));

    @AfterEach
    void close() throws Exception {
        clients.close();
    }

    private FakeDorisCluster cluster() {
        FakeDorisCluster c = clients.start(FakeDorisCluster.builder().name("a").seed(7));
        c.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\", \"binlog.ttl_seconds\" = \"60\")");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        return c;
    }

    private static ErrorCode codeOf(Runnable call) {
        try {
            call.run();
        } catch (CcrException e) {
            return e.code();
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void statusDropAndDelayRulesFireAsManyTimesAsAsked() {
        FakeDorisCluster c = cluster();
        FeClient fe = clients.fe(c);
        Runnable fetch = () -> fe.getBinlog(BinlogScope.database("db"), -1, 10);

        c.faults().add("getBinlog", 1.0, 2, new RpcFaults.Fault.Status(TStatusCode.TIMEOUT, "injected"));
        assertThat(codeOf(fetch)).isEqualTo(ErrorCode.DORIS_TIMEOUT);
        assertThat(codeOf(fetch)).isEqualTo(ErrorCode.DORIS_TIMEOUT);
        fetch.run(); // the rule is spent

        c.faults().add("getBinlog", 1.0, 1, new RpcFaults.Fault.Drop());
        ErrorCode dropped = codeOf(fetch);
        assertThat(dropped.retriable()).as("a dropped connection is worth a retry: %s", dropped).isTrue();
        fetch.run();

        c.faults().add("getBinlog", 1.0, 1, new RpcFaults.Fault.Delay(Duration.ofSeconds(2)));
        ErrorCode slow = codeOf(fetch);
        assertThat(slow.retriable()).as("an RPC slower than the client's timeout: %s", slow).isTrue();
        fetch.run();

        c.faults().add("beginTxn", 1.0, 5, new RpcFaults.Fault.Status(TStatusCode.ANALYSIS_ERROR, "injected"));
        c.faults().clear();
        assertThat(fe.beginTxn("db", List.of(c.tableId("db", "t")), "after-clear", Duration.ofMinutes(1)))
                .isInstanceOf(BeginTxnResult.Begun.class);
    }

    @Test
    void binlogsOlderThanTheTtlAreCollectedAndTheFeatureSwitchIsHonoured() {
        FakeDorisCluster c = cluster();
        FeClient fe = clients.fe(c);
        c.sql("INSERT INTO db.t VALUES (1, 'a')");
        List<RawBinlog> first = ((BinlogFetch.Batch) fe.getBinlog(BinlogScope.database("db"), -1, 10)).binlogs();
        clients.time.runFor(Duration.ofSeconds(90));
        c.sql("INSERT INTO db.t VALUES (2, 'b')");
        c.gcBinlogs();

        // the two binlogs older than 60 s are gone; a reader behind them gets TOO_OLD with the dummy
        assertThat(fe.getBinlog(BinlogScope.database("db"), first.get(0).commitSeq() - 1, 10))
                .isInstanceOf(BinlogFetch.TooOld.class);
        List<RawBinlog> kept = ((BinlogFetch.Batch) fe.getBinlog(BinlogScope.database("db"),
                first.get(first.size() - 1).commitSeq(), 10)).binlogs();
        assertThat(kept).extracting(RawBinlog::typeCode).containsExactly(0);

        c.setFeatureBinlog(false);
        c.sql("INSERT INTO db.t VALUES (3, 'c')");
        assertThat(fe.getBinlog(BinlogScope.database("db"), kept.get(0).commitSeq(), 10))
                .as("nothing is recorded while enable_feature_binlog is false").isInstanceOf(BinlogFetch.CaughtUp.class);
        assertThatThrownBy(() -> fe.getBinlog(new BinlogScope("db", "missing", -1), -1, 10))
                .isInstanceOf(CcrException.class);
    }
}
