package dev.dorisccr.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start_syncer.sh, stop_syncer.sh and ccr_syncer run as an operator runs them, on loopback. */
class StartStopScriptsTest {
    private static final Duration UP = Duration.ofSeconds(90);

    @TempDir Path dir;
    private DistributionHome dist;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        dist = new DistributionHome(dir);
        port = DistributionHome.freePort();
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (Path pid : Files.newDirectoryStream(dist.bin, "*.pid")) {
            Optional<ProcessHandle> p = ProcessHandle.of(DistributionHome.pidIn(pid));
            p.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void daemonStartAnswersRefusesASecondStartAndStopsGracefully() throws Exception {
        DistributionHome.Run start = dist.run("start_syncer.sh", "--daemon", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--bind_address", "127.0.0.1");

        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("started as process").contains("/version answers");
        assertThat(DistributionHome.answers(port)).isTrue();
        Path pidFile = dist.pidFile(port);
        long pid = DistributionHome.pidIn(pidFile);
        assertThat(ProcessHandle.of(pid)).isPresent();
        assertThat(dist.home.resolve("db/ccr.db")).as("sqlite under the home, not the cwd").exists();
        assertThat(dist.logText()).contains("] INFO ccr-syncer ").contains(" started: store sqlite3 file="
                + dist.home.resolve("db/ccr.db")).contains("syncer 127.0.0.1:" + port)
                .contains("HTTP on 127.0.0.1:" + port).contains("0 job(s) in the store")
                .doesNotContain("DEBUG").doesNotContain("line=");

        DistributionHome.Run again = dist.run("start_syncer.sh", "--daemon", "--port", Integer.toString(port));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("running as process " + pid).contains("Stop it first");
        DistributionHome.Run alone = dist.run("ccr_syncer", "--daemon", "-port=" + port);
        assertThat(alone.exitCode()).as("the program alone refuses too").isEqualTo(1);
        assertThat(alone.output()).contains("already running as process " + pid);

        DistributionHome.Run stop = dist.run("stop_syncer.sh", "--host", "127.0.0.1", "--port", Integer.toString(port));
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("SIGTERM").contains("stopped syncer 127.0.0.1_" + port + ".pid");
        assertThat(pidFile).doesNotExist();
        assertThat(DistributionHome.answers(port)).isFalse();
        assertThat(dist.logText()).contains("ccr-syncer 127.0.0.1:" + port + " stopped");
    }

    @Test
    void foregroundStartTeesToTheLogAtTraceAndStopSyncerStopsEveryPidFile() throws Exception {
        DistributionHome.Run fg = dist.start("start_syncer.sh", Map.of(), "--port", Integer.toString(port), "--",
                "--bind_address=127.0.0.1");

        DistributionHome.await("the foreground syncer", UP, () -> DistributionHome.answers(port));
        DistributionHome.await("its pid file", UP, () -> Files.exists(dist.pidFile(port)));
        DistributionHome.await("the banner in the log", UP, () -> {
            try {
                return dist.logText().contains(" started: store");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertThat(fg.output()).contains(" started: store").contains("line=ServeCommand.java:");
        assertThat(dist.logText()).contains(" started: store").contains("line=ServeCommand.java:");

        DistributionHome.Run stop = dist.run("stop_syncer.sh");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(fg.exitCode()).as("128 + SIGTERM, after the graceful shutdown").isEqualTo(143);
        assertThat(dist.pidFile(port)).doesNotExist();
        assertThat(fg.output()).contains("stopped");
    }

    @Test
    void aDaemonThatCannotStartSaysWhyWithItsLastLogLines() throws Exception {
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            DistributionHome.Run start = dist.run("start_syncer.sh", "--daemon", "--port", Integer.toString(port), "--",
                    "--bind_address", "127.0.0.1");

            assertThat(start.exitCode()).isEqualTo(1);
            assertThat(start.output()).contains("exited with code 1").contains("last lines of " + dist.log())
                    .contains("cannot start the syncer");
            assertThat(dist.pidFile(port)).doesNotExist();
        }
    }

    @Test
    void stopSyncerRemovesStalePidFilesAndSaysSo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dist.bin.resolve("a_1.pid"), gone.pid() + "\n");
        Files.writeString(dist.bin.resolve("b_2.pid"), "not a pid\n");

        DistributionHome.Run stop = dist.run("stop_syncer.sh", "--files", "a_1.pid b_2.pid missing.pid");

        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("process " + gone.pid() + " of a_1.pid is not running")
                .contains("does not hold a process id").contains("no pid file");
        assertThat(dist.bin.resolve("a_1.pid")).doesNotExist();
        assertThat(dist.bin.resolve("b_2.pid")).doesNotExist();
    }

    @Test
    void helpTextsSayWhatTheScriptsDo() throws Exception {
        DistributionHome.Run stop = dist.run("stop_syncer.sh", "--help");
        DistributionHome.Run start = dist.run("start_syncer.sh", "--help");

        assertThat(stop.exitCode()).isZero();
        assertThat(stop.output()).contains("SIGTERM").contains("SIGKILL").contains("--timeout").contains("--files");
        assertThat(start.exitCode()).isZero();
        assertThat(start.output()).contains("--daemon").contains("--pid_dir").contains("--log_dir").contains("--pprof_port")
                .contains("--connect_timeout").contains("--rpc_timeout").contains("--db_password");
    }

    @Test
    void badFlagsStopTheScriptBeforeAnythingStarts() throws Exception {
        DistributionHome.Run start = dist.run("start_syncer.sh", "--port", Integer.toString(port), "--db_user", "x");
        DistributionHome.Run program = dist.run("start_syncer.sh", "--port", Integer.toString(port), "--log_level",
                "loud");

        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.output()).contains("sqlite3 has no users");
        assertThat(program.exitCode()).isEqualTo(2);
        assertThat(program.output()).contains("-log_level must be");
        assertThat(dist.home.resolve("db/ccr.db")).doesNotExist();
    }
}
