package dev.dorisccr.thrift.fe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorClassifier;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.TabletCommit;
import dev.dorisccr.core.meta.DbMeta;
import dev.dorisccr.core.spi.BeginTxnResult;
import dev.dorisccr.core.spi.BinlogFetch;
import dev.dorisccr.core.spi.BinlogScope;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.thrift.LoopbackThriftServer;
import dev.dorisccr.thrift.rpc.ThriftConnections;
import dev.dorisccr.thrift.gen.FrontendService;
import dev.dorisccr.thrift.gen.TBeginTxnResult;
import dev.dorisccr.thrift.gen.TBinlog;
import dev.dorisccr.thrift.gen.TBinlogType;
import dev.dorisccr.thrift.gen.TCommitTxnRequest;
import dev.dorisccr.thrift.gen.TCommitTxnResult;
import dev.dorisccr.thrift.gen.TGetBinlogRequest;
import dev.dorisccr.thrift.gen.TGetBinlogResult;
import dev.dorisccr.thrift.gen.TGetMetaDBMeta;
import dev.dorisccr.thrift.gen.TGetMetaIndexMeta;
import dev.dorisccr.thrift.gen.TGetMetaPartitionMeta;
import dev.dorisccr.thrift.gen.TGetMetaReplicaMeta;
import dev.dorisccr.thrift.gen.TGetMetaResult;
import dev.dorisccr.thrift.gen.TGetMetaTableMeta;
import dev.dorisccr.thrift.gen.TGetMetaTabletMeta;
import dev.dorisccr.thrift.gen.TNetworkAddress;
import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThriftFeClientTest {
    private final FakeFrontend master = new FakeFrontend();
    private final ThriftConnections connections = new ThriftConnections(Duration.ofSeconds(2), Duration.ofMillis(500), 4);
    private LoopbackThriftServer masterServer;
    private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

    private int start(FakeFrontend fe) throws Exception {
        LoopbackThriftServer s = new LoopbackThriftServer(new FrontendService.Processor<>(fe));
        toClose.add(s);
        if (fe == master) {
            masterServer = s;
        }
        return s.port();
    }

    private ThriftFeClient client(int port) {
        ClusterSpec spec = new ClusterSpec("fe.example", 9030, port, "ccr", Secret.of("pw"), "",
                new HostMapping(Map.of("fe.example", "127.0.0.1", "master.internal", "127.0.0.1")));
        return new ThriftFeClient(spec, connections);
    }

    @AfterEach
    void stop() throws Exception {
        connections.close();
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void getBinlogSendsDorisFieldsAndReadsTheBatch() throws Exception {
        master.binlog = r -> new TGetBinlogResult().setStatus(FakeFrontend.ok()).setBinlogs(List.of(
                new TBinlog().setCommitSeq(11).setTimestamp(1000).setType(TBinlogType.UPSERT).setDbId(5)
                        .setTableIds(List.of(6L)).setData("{\"commitSeq\":11}"),
                new TBinlog().setCommitSeq(12).setType(TBinlogType.DROP_TABLE).setDbId(5)));
        ThriftFeClient fe = client(start(master));

        BinlogFetch f = fe.getBinlog(new BinlogScope("shop", "orders", 6), 10, 100);

        assertThat(f).isInstanceOf(BinlogFetch.Batch.class);
        List<dev.dorisccr.core.binlog.RawBinlog> b = ((BinlogFetch.Batch) f).binlogs();
        assertThat(b).extracting(dev.dorisccr.core.binlog.RawBinlog::commitSeq).containsExactly(11L, 12L);
        assertThat(b.get(0).tableIds()).containsExactly(6L);
        assertThat(b.get(1).typeCode()).isEqualTo(4);
        assertThat(b.get(1).timestamp()).isEqualTo(-1);
        TGetBinlogRequest sent = (TGetBinlogRequest) master.requests.get(0);
        assertThat(sent.getUser()).isEqualTo("ccr");
        assertThat(sent.getPasswd()).isEqualTo("pw");
        assertThat(sent.getDb()).isEqualTo("shop");
        assertThat(sent.getTable()).isEqualTo("orders");
        assertThat(sent.getTableId()).isEqualTo(6);
        assertThat(sent.getPrevCommitSeq()).isEqualTo(10);
        assertThat(sent.getNumAcquired()).isEqualTo(100);
        assertThat(sent.isSetToken()).isFalse();
    }

    @Test
    void tooOldAndTooNewAreAnswersNotErrors() throws Exception {
        ThriftFeClient fe = client(start(master));
        master.binlog = r -> new TGetBinlogResult().setStatus(new TStatus(TStatusCode.BINLOG_TOO_OLD_COMMIT_SEQ))
                .setBinlogs(List.of(new TBinlog().setCommitSeq(90).setType(TBinlogType.DUMMY).setBelong(-1)));
        assertThat(fe.getBinlog(BinlogScope.database("shop"), 3, 1))
                .isEqualTo(new BinlogFetch.TooOld(new dev.dorisccr.core.binlog.RawBinlog(90, -1, 7, -1, List.of(), null, -1)));

        master.binlog = r -> new TGetBinlogResult().setStatus(new TStatus(TStatusCode.BINLOG_TOO_NEW_COMMIT_SEQ));
        assertThat(fe.getBinlog(BinlogScope.database("shop"), 3, 1)).isInstanceOf(BinlogFetch.CaughtUp.class);

        master.binlog = r -> new TGetBinlogResult().setStatus(new TStatus(TStatusCode.BINLOG_NOT_FOUND_DB)
                .setErrorMsgs(List.of("no binlog for db shop")));
        assertThatThrownBy(() -> fe.getBinlog(BinlogScope.database("shop"), 3, 1))
                .isInstanceOf(CcrException.class).hasMessageContaining("BINLOG_NOT_FOUND_DB: no binlog for db shop")
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.BINLOG_NOT_FOUND));
    }

    @Test
    void notMasterIsFollowedToTheMappedMasterAddress() throws Exception {
        int masterPort = start(master);
        FakeFrontend follower = new FakeFrontend();
        follower.redirect = true;
        follower.redirectTo = new TNetworkAddress("master.internal", masterPort);
        ThriftFeClient fe = client(start(follower));

        Secret token = fe.getMasterToken();

        assertThat(token.reveal()).isEqualTo("token-ccr");
        assertThat(fe.currentAddress()).isEqualTo("127.0.0.1:" + masterPort);
        assertThat(follower.requests).hasSize(1);
        fe.getBinlog(BinlogScope.database("shop"), 1, 1);
        assertThat(follower.requests).as("later calls go to the master directly").hasSize(1);
    }

    @Test
    void notMasterWithoutAnAddressIsARetriableError() throws Exception {
        FakeFrontend follower = new FakeFrontend();
        follower.redirect = true;
        ThriftFeClient fe = client(start(follower));

        assertThatThrownBy(fe::getMasterToken).isInstanceOf(CcrException.class)
                .hasMessageContaining("does not know who is")
                .satisfies(e -> assertThat(ErrorClassifier.isRetriable(e)).isTrue());
    }

    @Test
    void readTimeoutIsReportedAndTheNextCallWorks() throws Exception {
        ThriftFeClient fe = client(start(master));
        master.hold = new CountDownLatch(1);

        assertThatThrownBy(fe::getMasterToken).isInstanceOf(CcrException.class).hasMessageContaining("timed out")
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.DORIS_TIMEOUT));

        master.hold.countDown();
        master.hold = null;
        assertThat(fe.getMasterToken().reveal()).isEqualTo("token-ccr");
    }

    @Test
    void droppedConnectionIsRetriableAndThePoolRecovers() throws Exception {
        ThriftFeClient fe = client(start(master));
        fe.getMasterToken();
        masterServer.dropNext.set(true);

        assertThatThrownBy(fe::getMasterToken).isInstanceOf(CcrException.class)
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.DORIS_CONNECTION_FAILED))
                .satisfies(e -> assertThat(ErrorClassifier.isRetriable(e)).isTrue());
        assertThat(fe.getMasterToken().reveal()).isEqualTo("token-ccr");
    }

    @Test
    void refusedConnectionIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        ThriftFeClient fe = client(port);
        assertThatThrownBy(fe::getMasterToken)
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.DORIS_CONNECTION_FAILED));
    }

    @Test
    void unknownStatusCodeIsAClearError() throws Exception {
        TProcessor raw = (in, out) -> {
            TMessage msg = in.readMessageBegin();
            TProtocolUtil.skip(in, TType.STRUCT);
            in.readMessageEnd();
            out.writeMessageBegin(new TMessage(msg.name, TMessageType.REPLY, msg.seqid));
            out.writeStructBegin(new TStruct("result"));
            out.writeFieldBegin(new TField("success", TType.STRUCT, (short) 0));
            out.writeStructBegin(new TStruct("TGetBinlogResult"));
            out.writeFieldBegin(new TField("status", TType.STRUCT, (short) 1));
            out.writeStructBegin(new TStruct("TStatus"));
            out.writeFieldBegin(new TField("status_code", TType.I32, (short) 1));
            out.writeI32(99);
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
            out.writeFieldEnd();
            out.writeFieldStop();
            out.writeStructEnd();
            out.writeMessageEnd();
            out.getTransport().flush();
        };
        LoopbackThriftServer s = new LoopbackThriftServer(raw);
        toClose.add(s);
        ThriftFeClient fe = client(s.port());

        assertThatThrownBy(() -> fe.getBinlog(BinlogScope.database("shop"), 1, 1)).isInstanceOf(CcrException.class)
                .satisfies(e -> assertThat(((CcrException) e).code()).isIn(ErrorCode.DORIS_UNKNOWN_STATUS,
                        ErrorCode.DORIS_RPC_FAILED))
                .hasMessageContaining("getBinlog");
    }

    @Test
    void labelAlreadyExistsAndPublishTimeoutAreAnswers() throws Exception {
        ThriftFeClient fe = client(start(master));
        master.begin = new TBeginTxnResult().setStatus(new TStatus(TStatusCode.LABEL_ALREADY_EXISTS)
                .setErrorMsgs(List.of("Label [ccrj-x] has already been used, relate to txn [4242]")))
                .setJobStatus("FINISHED");

        BeginTxnResult r = fe.beginTxn("shop_copy", List.of(20L), "ccrj-x", Duration.ofMinutes(5));

        assertThat(r).isEqualTo(new BeginTxnResult.LabelExists("FINISHED", 4242));
        assertThat(((BeginTxnResult.LabelExists) r).finished()).isTrue();

        master.commit = new TCommitTxnResult().setStatus(new TStatus(TStatusCode.PUBLISH_TIMEOUT)
                .setErrorMsgs(List.of("transaction commit successfully, BUT data will be visible later")));
        fe.commitTxn("shop_copy", 4242, List.of(new TabletCommit(100, 1), new TabletCommit(101, 2)));
        TCommitTxnRequest sent = (TCommitTxnRequest) master.requests.get(master.requests.size() - 1);
        assertThat(sent.getCommitInfos()).hasSize(2);
        assertThat(sent.getCommitInfos().get(1).getTabletId()).isEqualTo(101);
        assertThat(sent.getTxnId()).isEqualTo(4242);
    }

    @Test
    void getMetaConvertsTheWholeTree() throws Exception {
        master.meta = new TGetMetaResult(FakeFrontend.ok()).setDbMeta(new TGetMetaDBMeta().setId(5).setName("shop")
                .setTables(List.of(new TGetMetaTableMeta().setId(6).setName("orders").setPartitions(List.of(
                        new TGetMetaPartitionMeta().setId(7).setName("p1").setRange("[1, 10)").setVisibleVersion(3)
                                .setIndexes(List.of(new TGetMetaIndexMeta().setId(8).setName("orders").setTablets(
                                        List.of(new TGetMetaTabletMeta().setId(9).setReplicas(List.of(
                                                new TGetMetaReplicaMeta().setId(10).setBackendId(11).setVersion(3)))))))))))
                .setDroppedTableMap(Map.of(99L, 120L)));
        ThriftFeClient fe = client(start(master));

        DbMeta db = fe.getMeta("shop", 5, List.of(6L));

        assertThat(db.table(6).orElseThrow().partitionByRange("[1, 10)").orElseThrow().indexes().get(0).tablets()
                .get(0).replicas().get(0).backendId()).isEqualTo(11);
        assertThat(db.droppedTables()).containsExactly(99L);
    }

    /** A raw socket peer that accepts and closes at once: a client must not hang on it. */
    @Test
    void peerThatClosesAtOnceDoesNotHang() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread closer = new Thread(() -> {
                try (Socket c = s.accept()) {
                    c.getInputStream().read();
                } catch (IOException ignored) {
                    // the test only needs the close
                }
            });
            closer.start();
            ThriftFeClient fe = client(s.getLocalPort());
            assertThatThrownBy(fe::getMasterToken).isInstanceOf(CcrException.class)
                    .satisfies(e -> assertThat(ErrorClassifier.isRetriable(e)).isTrue());
            closer.join();
        }
    }
}
