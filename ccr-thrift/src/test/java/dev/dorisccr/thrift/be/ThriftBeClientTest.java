package dev.dorisccr.thrift.be;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.IngestRequest;
import dev.dorisccr.thrift.LoopbackThriftServer;
import dev.dorisccr.thrift.rpc.ThriftConnections;
import dev.dorisccr.thrift.gen.BackendService;
import dev.dorisccr.thrift.gen.TIngestBinlogRequest;
import dev.dorisccr.thrift.gen.TIngestBinlogResult;
import dev.dorisccr.thrift.gen.TIngestBinlogStatus;
import dev.dorisccr.thrift.gen.TQueryIngestBinlogRequest;
import dev.dorisccr.thrift.gen.TQueryIngestBinlogResult;
import dev.dorisccr.thrift.gen.TStatus;
import dev.dorisccr.thrift.gen.TStatusCode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThriftBeClientTest {
    private final List<TIngestBinlogRequest> ingests = new ArrayList<>();
    private final Deque<TIngestBinlogStatus> polls = new ArrayDeque<>();
    private TIngestBinlogResult answer = new TIngestBinlogResult().setStatus(new TStatus(TStatusCode.OK));
    private final List<Duration> pauses = new ArrayList<>();
    private final ThriftConnections connections = new ThriftConnections(Duration.ofSeconds(2), Duration.ofSeconds(2), 2);
    private LoopbackThriftServer server;

    private ThriftBeClient client() throws Exception {
        BackendService.Iface be = new BackendService.Iface() {
            @Override
            public TIngestBinlogResult ingestBinlog(TIngestBinlogRequest r) {
                ingests.add(r);
                return answer;
            }

            @Override
            public TQueryIngestBinlogResult queryIngestBinlog(TQueryIngestBinlogRequest r) {
                return new TQueryIngestBinlogResult().setStatus(polls.isEmpty() ? TIngestBinlogStatus.DOING : polls.pop())
                        .setErrMsg("download failed");
            }
        };
        server = new LoopbackThriftServer(new BackendService.Processor<>(be));
        return new ThriftBeClient("127.0.0.1", server.port(), connections, pauses::add, Duration.ofSeconds(1),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        connections.close();
        if (server != null) {
            server.close();
        }
    }

    private static IngestRequest request() {
        return new IngestRequest(77, 1001, 5, "10.0.0.11", 8040, 2001, 3001, 77, 3001);
    }

    @Test
    void sendsTheDorisFieldsWithThePortAsAString() throws Exception {
        client().ingestBinlog(request());

        TIngestBinlogRequest r = ingests.get(0);
        assertThat(r.getTxnId()).isEqualTo(77);
        assertThat(r.getRemoteTabletId()).isEqualTo(1001);
        assertThat(r.getBinlogVersion()).isEqualTo(5);
        assertThat(r.getRemoteHost()).isEqualTo("10.0.0.11");
        assertThat(r.getRemotePort()).isEqualTo("8040");
        assertThat(r.getPartitionId()).isEqualTo(2001);
        assertThat(r.getLocalTabletId()).isEqualTo(3001);
        assertThat(r.getLoadId().getHi()).isEqualTo(77);
    }

    @Test
    void missingTabletIsAMetaMismatch() throws Exception {
        answer = new TIngestBinlogResult().setStatus(new TStatus(TStatusCode.TABLET_MISSING)
                .setErrorMsgs(List.of("tablet 3001 not found")));
        ThriftBeClient be = client();

        assertThatThrownBy(() -> be.ingestBinlog(request())).isInstanceOf(CcrException.class)
                .hasMessageContaining("tablet 3001 not found")
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.META_MISMATCH));
    }

    @Test
    void asynchronousIngestIsPolledUntilDone() throws Exception {
        answer = new TIngestBinlogResult().setStatus(new TStatus(TStatusCode.OK)).setIsAsync(true);
        polls.add(TIngestBinlogStatus.DOING);
        polls.add(TIngestBinlogStatus.DOING);
        polls.add(TIngestBinlogStatus.OK);

        client().ingestBinlog(request());

        assertThat(pauses).hasSize(2);
    }

    @Test
    void asynchronousFailureAndDeadlineAreErrors() throws Exception {
        answer = new TIngestBinlogResult().setStatus(new TStatus(TStatusCode.OK)).setIsAsync(true);
        polls.add(TIngestBinlogStatus.FAILED);
        ThriftBeClient be = client();
        assertThatThrownBy(() -> be.ingestBinlog(request())).hasMessageContaining("ended FAILED: download failed");

        assertThatThrownBy(() -> be.ingestBinlog(request()))
                .satisfies(e -> assertThat(((CcrException) e).code()).isEqualTo(ErrorCode.DORIS_TIMEOUT));
        assertThat(pauses).hasSize(5);
    }
}
