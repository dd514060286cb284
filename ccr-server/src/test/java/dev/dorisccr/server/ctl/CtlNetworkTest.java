package dev.dorisccr.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.InMemoryJobService;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redirects between two syncers on loopback, and servers that cannot be reached or do not answer. */
class CtlNetworkTest {
    private final InMemoryJobService first = new InMemoryJobService();
    private final InMemoryJobService owner = new InMemoryJobService();
    private final Ctl ctl = new Ctl();
    private ApiServer a;
    private ApiServer b;

    @BeforeEach
    void start() {
        owner.remoteOwner = null; // b owns its jobs, whatever their names
        a = CtlServers.api(first);
        b = CtlServers.api(owner);
        first.remoteOwner = "127.0.0.1:" + b.port();
        assertThat(ctl.at(b.port(), "create", "remote-a", "--src-host", "127.0.0.1", "--src-database", "demo",
                "--dest-host", "127.0.0.1", "--dest-database", "ccrt")).as(ctl.err).isZero();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void a303IsFollowedToTheOwnerWithTheSamePostBody() {
        assertThat(ctl.at(a.port(), "skip", "remote-a", "--commit-seq", "42")).as(ctl.err).isZero();

        assertThat(owner.calls).containsExactly("skip remote-a SILENCE 42");
        assertThat(first.calls).isEmpty();

        assertThat(ctl.at(a.port(), "detail", "remote-a")).isZero();
        assertThat(ctl.out).contains("dest.database").contains("ccrt");
        assertThat(ctl.at(a.port(), "pause", "remote-a")).isZero();
        assertThat(owner.states.get("remote-a")).hasToString("PAUSED");
    }

    @Test
    void aRedirectLoopStopsAfterAFewHops() {
        first.remoteOwner = "127.0.0.1:" + a.port(); // a names itself as the owner

        assertThat(ctl.at(a.port(), "status", "remote-a")).isEqualTo(1);

        assertThat(ctl.err).contains("more than " + CtlClient.MAX_REDIRECTS + " redirects")
                .contains("do the syncers agree");
    }

    @Test
    void anOwnerThatCannotBeReachedIsExitThreeNamingIt() {
        int closed = CtlServers.closedPort();
        first.remoteOwner = "127.0.0.1:" + closed;

        assertThat(ctl.at(a.port(), "status", "remote-a")).isEqualTo(3);

        assertThat(ctl.err).contains("cannot reach the syncer that owns the job, http://127.0.0.1:" + closed)
                .contains("redirected by 127.0.0.1:" + a.port());
    }

    @Test
    void aServerThatIsNotRunningIsExitThreeWithAClearMessage() {
        int closed = CtlServers.closedPort();

        assertThat(ctl.at(closed, "list")).isEqualTo(3);

        assertThat(ctl.err).startsWith("error: cannot reach the syncer at http://127.0.0.1:" + closed + ": connection")
                .contains("is it running?").contains("--server HOST:PORT");
        assertThat(ctl.out).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        // a listening socket nobody accepts on: the connection succeeds (backlog), the answer never comes
        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            assertThat(ctl.at(silent.getLocalPort(), "list", "--timeout", "300ms")).isEqualTo(3);
        }

        assertThat(ctl.err).contains("no answer within 300ms (--timeout)");
    }
}
