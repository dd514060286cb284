package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection ends that are closes are DEBUG; other failures keep libthrift's WARN/ERROR. */
class ThriftServerTest {
    /** Echoes one int per call; a negative one is a malformed message. */
    private static final TProcessor ECHO = (TProtocol in, TProtocol out) -> {
        int v = in.readI32();
        if (v < 0) {
            throw new TProtocolException(TProtocolException.INVALID_DATA, "negative: " + v);
        }
        out.writeI32(v);
        out.getTransport().flush();
    };

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;
    private ThriftServer server;

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        server = new ThriftServer("echo", ECHO);
    }

    @AfterEach
    void restore() {
        server.close();
        System.setErr(realErr);
        realErr.print(logged());
    }

    private String logged() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private TProtocol connect() throws TTransportException {
        TSocket s = new TSocket("127.0.0.1", server.port());
        s.open();
        return new TBinaryProtocol(s);
    }

    private static void call(TProtocol p, int v) throws Exception {
        p.writeI32(v);
        p.getTransport().flush();
        assertThat(p.readI32()).isEqualTo(v);
    }

    @Test
    void connectionsDroppedAtShutdownAreNotWarnedAbout() throws Exception {
        TProtocol a = connect();
        TProtocol b = connect();
        call(a, 1);
        call(b, 2);
        server.close();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.quietlyEnded.get() == 2);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // a worker that sees the stop flag between two calls leaves without an exception (silently
            // too): the count may stay below 2; what matters is that nothing is warned about
        }
        assertThat(logged()).doesNotContain("WARN").doesNotContain("SocketException").doesNotContain("ERROR");
        a.getTransport().close();
        b.getTransport().close();
    }

    @Test
    void aClientThatLeavesIsNotWarnedAbout() throws Exception {
        TProtocol a = connect();
        call(a, 3);
        a.getTransport().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.quietlyEnded.get() == 1);
        assertThat(logged()).doesNotContain("WARN").doesNotContain("ERROR");
    }

    @Test
    void aMalformedMessageIsStillLoggedWithItsStackTrace() throws Exception {
        TProtocol a = connect();
        a.writeI32(-1);
        a.getTransport().flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> logged().contains("negative: -1"));
        assertThat(logged()).contains("Error occurred during processing of message").contains("\tat ");
        assertThat(server.quietlyEnded).hasValue(0);
        a.getTransport().close();
    }

    @Test
    void whichFailuresAreCloses() {
        TTransportException reset = new TTransportException(new SocketException("Connection reset"));
        TTransportException pipe = new TTransportException(new SocketException("Broken pipe (Write failed)"));
        TTransportException closed = new TTransportException(new SocketException("Socket closed"));
        TTransportException eof = new TTransportException(TTransportException.END_OF_FILE, "eof");
        TTransportException timeout = new TTransportException(TTransportException.TIMED_OUT, "read timed out");
        TProtocolException malformed = new TProtocolException("bad version");
        assertThat(ThriftServer.isClose(reset, false)).isTrue();
        assertThat(ThriftServer.isClose(pipe, false)).isTrue();
        assertThat(ThriftServer.isClose(eof, false)).isTrue();
        assertThat(ThriftServer.isClose(closed, false)).as("closed by whom, if not by our shutdown?").isFalse();
        assertThat(ThriftServer.isClose(closed, true)).isTrue();
        TTransportException streamClosed = new TTransportException(new java.io.IOException("Stream closed"));
        assertThat(ThriftServer.isClose(streamClosed, true)).as("the stream closed under a worker at shutdown").isTrue();
        assertThat(ThriftServer.isClose(streamClosed, false)).isFalse();
        TTransportException notOpen = new TTransportException(TTransportException.NOT_OPEN, "Cannot read from null inputStream");
        assertThat(ThriftServer.isClose(notOpen, true)).as("the socket closed before a worker's read at shutdown").isTrue();
        assertThat(ThriftServer.isClose(notOpen, false)).isFalse();
        assertThat(ThriftServer.isClose(timeout, false)).isFalse();
        assertThat(ThriftServer.isClose(timeout, true)).as("not a socket failure").isFalse();
        assertThat(ThriftServer.isClose(malformed, true)).isFalse();
    }
}
