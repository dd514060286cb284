package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl} against the HTTP API of a real Syncer over two simulated clusters: create a job from
 * flags (passwords from a file and a variable), wait with {@code ctl status} until it has caught
 * up, then watch it follow a change.
 */
class CtlE2ETest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ROUNDS = 30;

    @TempDir Path dir;
    private E2eHarness h;
    private InProcessCtl ctl;
    private String out;
    private String err;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE shop PROPERTIES (\"binlog.enable\" = \"true\")");
        h.src.sql("CREATE TABLE shop.t (k INT NOT NULL, v VARCHAR(20)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2");
        h.src.sql("INSERT INTO shop.t VALUES (1, 'a'), (2, 'b')");
        h.src.sql("CREATE DATABASE nolog");
        h.src.sql("CREATE TABLE nolog.t (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        h.dst.sql("CREATE DATABASE shop_copy");
        ctl = new InProcessCtl(h, Map.of("DEST_PW", h.dst.password()));
    }

    @AfterEach
    void stop() throws Exception {
        ctl.close();
        h.close();
    }

    private int ctl(String... args) {
        int code = ctl.run(args);
        out = ctl.out();
        err = ctl.err();
        return code;
    }

    /** Runs the syncer 10 virtual seconds at a time until {@code ctl status} says caught_up; the rounds taken. */
    private int waitUntilCaughtUp() throws Exception {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            assertThat(ctl("status", "j", "--json")).as(err).isZero();
            JsonNode status = MAPPER.readTree(out).path("status");
            if (status.path("caught_up").asBoolean()) {
                return round;
            }
            h.run(Duration.ofSeconds(10));
        }
        throw new AssertionError("not caught up after " + MAX_ROUNDS + " rounds: " + out);
    }

    /** {@code op JOB} and the flags of a table job from {@code srcDb}.t to shop_copy.t. */
    private String[] job(String op, String srcDb) throws Exception {
        Path srcPassword = Files.writeString(dir.resolve("src.pw"), h.src.password() + "\n");
        return new String[] {op, "j",
            "--src-host", "127.0.0.1", "--src-port", Integer.toString(h.src.mysqlPort()),
            "--src-thrift-port", Integer.toString(h.src.masterThriftPort()), "--src-user", h.src.user(),
            "--src-password-file", srcPassword.toString(), "--src-database", srcDb, "--src-table", "t",
            "--dest-host", "127.0.0.1", "--dest-port", Integer.toString(h.dst.mysqlPort()),
            "--dest-thrift-port", Integer.toString(h.dst.masterThriftPort()), "--dest-user", h.dst.user(),
            "--dest-password-env", "DEST_PW", "--dest-database", "shop_copy", "--dest-table", "t"};
    }

    @Test
    void doctorRunsTheSyncersChecksWithoutCreatingAnything() throws Exception {
        assertThat(ctl(job("doctor", "shop"))).as(err).isZero();
        assertThat(out).startsWith("NAME").contains("source.binlog").contains("target.objects").doesNotContain("FAILED");

        assertThat(ctl(job("doctor", "nolog"))).isEqualTo(1);
        assertThat(out).containsPattern("source\\.binlog +FAILED");
        assertThat(err).contains("checks failed; the job would not be created");

        assertThat(ctl("list")).isZero();
        assertThat(out).isEqualTo("no jobs\n");
    }

    @Test
    void createWithCtlThenWaitUntilCaughtUp() throws Exception {
        assertThat(ctl(job("create", "shop"))).as(err).isZero();
        assertThat(out).isEqualTo("created job j\n");

        int rounds = waitUntilCaughtUp();
        assertThat(rounds).as("rounds of 10 s before caught_up").isPositive();
        h.assertSameRows("shop", "t", "shop_copy", "t");

        assertThat(ctl("status", "j")).isZero();
        assertThat(out).contains("state           running").contains("progress state  TableIncrementalSync")
                .contains("caught up       yes");

        h.src.sql("INSERT INTO shop.t VALUES (3, 'c')");
        assertThat(ctl("watch", "j", "--count", "4", "--interval", "20s")).as(err).isZero();
        String[] frames = out.split("\n\n");
        assertThat(frames).hasSize(4);
        assertThat(frames[3]).contains("j    running").contains("yes");
        h.assertSameRows("shop", "t", "shop_copy", "t");

        assertThat(ctl("lag", "j")).isZero();
        assertThat(out).contains("lag (binlogs)      0");
        assertThat(ctl("list")).isZero();
        assertThat(out).isEqualTo("JOB\nj\n");
    }
}
