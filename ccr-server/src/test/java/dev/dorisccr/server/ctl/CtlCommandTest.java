package dev.dorisccr.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.spi.DesiredState;
import dev.dorisccr.core.syncer.PreflightReport;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.InMemoryJobService;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation of {@code ctl} against a real ApiServer on loopback, backed by an InMemoryJobService. */
class CtlCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TABLE_JOB = {
        "--src-host", "127.0.0.1", "--src-database", "demo", "--src-table", "example_tbl",
        "--dest-host", "127.0.0.1", "--dest-port", "9031", "--dest-database", "ccrt", "--dest-table", "copy"};

    @TempDir Path dir;

    private final InMemoryJobService jobs = new InMemoryJobService();
    private final Ctl ctl = new Ctl();
    private ApiServer server;
    private int port;

    @BeforeEach
    void start() {
        server = CtlServers.api(jobs);
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int create(String job, String... more) {
        String[] args = new String[2 + TABLE_JOB.length + more.length];
        args[0] = "create";
        args[1] = job;
        System.arraycopy(TABLE_JOB, 0, args, 2, TABLE_JOB.length);
        System.arraycopy(more, 0, args, 2 + TABLE_JOB.length, more.length);
        return ctl.at(port, args);
    }

    @Test
    void createFromFlagsTakesThePasswordsFromAFileAndTheEnvironmentAndNeverPrintsThem() throws Exception {
        Path pw = Files.writeString(dir.resolve("src.pw"), "s3cret-src\n");
        ctl.env.put("DEST_PW", "s3cret-dest");

        assertThat(create("ccr_test", "--src-password-file", pw.toString(), "--dest-password-env", "DEST_PW",
                "--skip-error")).as(ctl.err).isZero();

        assertThat(ctl.out).isEqualTo("created job ccr_test\n");
        var spec = jobs.specs.get("ccr_test");
        assertThat(spec.source().cluster().password().reveal()).isEqualTo("s3cret-src");
        assertThat(spec.target().cluster().password().reveal()).isEqualTo("s3cret-dest");
        assertThat(spec.target().cluster().port()).isEqualTo(9031);
        assertThat(spec.source().cluster().thriftPort()).isEqualTo(9020);
        assertThat(spec.source().cluster().user()).isEqualTo("root");
        assertThat(spec.options().skipError()).isTrue();
        assertThat(ctl.out + ctl.err).doesNotContain("s3cret");

        assertThat(ctl.at(port, "detail", "ccr_test")).isZero();
        assertThat(ctl.out).contains("dest.table").contains("copy").doesNotContain("s3cret");
    }

    @Test
    void defaultPasswordVariablesApplyWhenNoOptionNamesOne() {
        ctl.env.put("CCR_SRC_PASSWORD", "from-env");

        assertThat(create("j")).isZero();

        assertThat(jobs.specs.get("j").source().cluster().password().reveal()).isEqualTo("from-env");
        assertThat(jobs.specs.get("j").target().cluster().password().isEmpty()).isTrue();
    }

    @Test
    void createFromAJsonFileOrStdinAsInTheManual() throws Exception {
        String body = """
                {"name": "ccr_test",
                 "src": {"host": "127.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                         "password": "in-file", "database": "demo", "table": "example_tbl"},
                 "dest": {"host": "127.0.0.1", "port": "9030", "thrift_port": "9020", "user": "root",
                          "password": "", "database": "ccrt", "table": "copy"}}
                """;
        Path f = Files.writeString(dir.resolve("create.json"), body);

        assertThat(ctl.at(port, "create", "--file", f.toString())).as(ctl.err).isZero();
        assertThat(ctl.out).isEqualTo("created job ccr_test\n");
        assertThat(jobs.specs.get("ccr_test").source().cluster().password().reveal()).isEqualTo("in-file");

        ctl.stdin = body;
        assertThat(ctl.at(port, "create", "renamed", "--file", "-", "--json")).isZero();
        assertThat(ctl.out).isEqualTo("{\"success\":true}\n");
        assertThat(jobs.specs).containsKeys("ccr_test", "renamed");
    }

    @Test
    void aDuplicateJobIsTheServersErrorWithExitOne() {
        create("ccr_test");

        assertThat(create("ccr_test")).isEqualTo(1);

        assertThat(ctl.err).isEqualTo("error: job ccr_test already exist\n");
        assertThat(ctl.out).isEmpty();
    }

    @Test
    void listAsATableAndAsTheServersJson() {
        assertThat(ctl.at(port, "list")).isZero();
        assertThat(ctl.out).isEqualTo("no jobs\n");

        create("b");
        create("a");
        assertThat(ctl.at(port, "list")).isZero();
        assertThat(ctl.out).isEqualTo("JOB\na\nb\n");
        assertThat(ctl.at(port, "list", "--json")).isZero();
        assertThat(ctl.out).isEqualTo("{\"success\":true,\"jobs\":[\"a\",\"b\"]}\n");
    }

    @Test
    void statusShowsStateProgressObservedAndCaughtUp() throws Exception {
        create("j");

        assertThat(ctl.at(port, "status", "j")).isZero();
        assertThat(ctl.out).contains("job             j\n").contains("state           running\n")
                .contains("progress state  TableFullSync\n").contains("caught up       no\n")
                .contains("observed        STARTING\n");

        assertThat(ctl.run("status", "--json", "j", "--server", "127.0.0.1:" + port)).isZero();
        JsonNode json = MAPPER.readTree(ctl.out);
        assertThat(json.at("/status/caught_up").asBoolean(true)).isFalse();
        assertThat(json.at("/status/observed/state").asText()).isEqualTo("STARTING");
    }

    @Test
    void lagInBinlogsAndSeconds() {
        create("j");

        assertThat(ctl.at(port, "lag", "j")).isZero();

        assertThat(ctl.out).contains("lag (binlogs)      3\n").contains("lag (seconds)      65\n")
                .contains("last binlog at     1970-01-01 00:01:05\n");
    }

    @Test
    void pauseResumeDeleteDesyncForceFullSyncAndSkip() {
        create("j");

        assertThat(ctl.at(port, "pause", "j")).isZero();
        assertThat(ctl.out).isEqualTo("paused job j\n");
        assertThat(jobs.states.get("j")).isEqualTo(DesiredState.PAUSED);
        assertThat(ctl.at(port, "resume", "j")).isZero();
        assertThat(jobs.states.get("j")).isEqualTo(DesiredState.RUNNING);

        assertThat(ctl.at(port, "desync", "j")).isZero();
        jobs.failingDesync = List.of("a", "b");
        assertThat(ctl.at(port, "desync", "j")).isEqualTo(1);
        assertThat(ctl.err).isEqualTo("error: failed tables: a,b\n");

        assertThat(ctl.at(port, "force-fullsync", "j")).isZero();
        assertThat(ctl.at(port, "skip", "j", "--commit-seq", "42")).isZero();
        assertThat(ctl.out).isEqualTo("job j skips the binlog at commit seq 42\n");
        assertThat(jobs.calls).containsExactly("forceFullSync j", "skip j SILENCE 42");

        assertThat(ctl.at(port, "delete", "j", "--json")).isZero();
        assertThat(ctl.out).isEqualTo("{\"success\":true}\n");
        assertThat(jobs.specs).isEmpty();
    }

    @Test
    void aJobThatDoesNotExistIsExitOneWithTheServersMessage() {
        for (String op : List.of("status", "lag", "pause", "resume", "delete", "desync", "force-fullsync", "detail",
                "progress")) {
            assertThat(ctl.at(port, op, "nope")).as(op).isEqualTo(1);
            assertThat(ctl.err).as(op).startsWith("error: job ").contains("nope").contains("not exist");
        }
        assertThat(ctl.at(port, "skip", "nope", "--commit-seq", "7", "--json")).isEqualTo(1);
        assertThat(ctl.out).isEqualTo("{\"success\":false,\"error_msg\":\"job nope not exist\"}\n");
    }

    @Test
    void detailProgressAndVersion() {
        create("j");

        assertThat(ctl.at(port, "progress", "j")).isZero();
        assertThat(ctl.out).contains("job_name").contains("sync_state").contains("500")
                .doesNotContain("snapshot-secret-blob");
        assertThat(ctl.at(port, "version")).isZero();
        assertThat(ctl.out).isEqualTo("0.1.0-test\n");
        assertThat(ctl.at(port, "version", "--json")).isZero();
        assertThat(ctl.out).isEqualTo("{\"version\":\"0.1.0-test\"}\n");
    }

    private String[] doctor(String... more) {
        String[] args = new String[1 + TABLE_JOB.length + more.length];
        args[0] = "doctor";
        System.arraycopy(TABLE_JOB, 0, args, 1, TABLE_JOB.length);
        System.arraycopy(more, 0, args, 1 + TABLE_JOB.length, more.length);
        return args;
    }

    @Test
    void doctorShowsEveryCheckAndExitsOneWhenOneFailed() throws Exception {
        jobs.preflightReport = new PreflightReport(List.of(
                new PreflightReport.Check("source.sql", PreflightReport.Outcome.OK, "connected"),
                new PreflightReport.Check("source.binlog", PreflightReport.Outcome.FAILED,
                        "binlog.enable is false on demo.example_tbl")));

        assertThat(ctl.at(port, doctor())).isEqualTo(1);

        assertThat(ctl.out).isEqualTo("NAME           OUTCOME  MESSAGE\nsource.sql     OK       connected\n"
                + "source.binlog  FAILED   binlog.enable is false on demo.example_tbl\n");
        assertThat(ctl.err).startsWith("error: preflight: 1 of 2 checks failed");
        assertThat(jobs.calls).containsExactly("preflight ctl-doctor");
        assertThat(jobs.specs).isEmpty();

        assertThat(ctl.at(port, doctor("--json"))).isEqualTo(1);
        assertThat(MAPPER.readTree(ctl.out).at("/checks/1/outcome").asText()).isEqualTo("FAILED");

        jobs.preflightReport = new PreflightReport(List.of(
                new PreflightReport.Check("source.sql", PreflightReport.Outcome.OK, "connected")));
        assertThat(ctl.at(port, doctor())).isZero();
        assertThat(ctl.out).contains("source.sql  OK       connected");
    }

    @Test
    void doctorSaysWhenTheServerCannotRunPreflight() {
        assertThat(ctl.at(port, doctor())).isEqualTo(1);

        assertThat(ctl.err).isEqualTo("error: preflight is not available here\n");
    }

    @Test
    void doctorSaysWhenTheServerHasNoPreflight() {
        // the Go syncer's ServeMux: a plain-text 404 for a path it does not know
        Undertow go = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
            exchange.setStatusCode(404);
            exchange.getResponseSender().send("404 page not found\n");
        }).build();
        go.start();
        try {
            int goPort = ((InetSocketAddress) go.getListenerInfo().get(0).getAddress()).getPort();

            assertThat(ctl.at(goPort, doctor())).isEqualTo(1);

            assertThat(ctl.err).isEqualTo("error: the syncer at 127.0.0.1:" + goPort + " has no /preflight:"
                    + " preflight checks (ctl doctor) are not available on that server\n");
        } finally {
            go.stop();
        }
    }

    @Test
    void aMultiLineErrorIsPrintedLineByLine() {
        jobs.failingDesync = List.of("a\nb");

        create("j");
        assertThat(ctl.at(port, "desync", "j")).isEqualTo(1);

        assertThat(ctl.err).isEqualTo("error: failed tables: a\n  b\n");
    }

    @Test
    void watchDrawsBoundedFramesAnIntervalApart() throws Exception {
        create("j");

        assertThat(ctl.at(port, "watch", "--count", "2", "--interval", "5s")).isZero();

        assertThat(ctl.pauses).containsExactly(Duration.ofSeconds(5));
        String frame = "every 5s  127.0.0.1:" + port + "  2025-01-02T03:04:05Z\n"
                + "JOB  STATE    OBSERVED  PROGRESS       LAG  LAG(S)  CAUGHT UP  ERROR\n"
                + "j    running  STARTING  TableFullSync  3    65      no\n\n";
        assertThat(ctl.out).isEqualTo(frame + frame);

        assertThat(ctl.at(port, "watch", "j", "--count", "1", "--json")).isZero();
        JsonNode json = MAPPER.readTree(ctl.out);
        assertThat(json.at("/jobs/0/name").asText()).isEqualTo("j");
        assertThat(json.at("/jobs/0/status/state").asText()).isEqualTo("running");
        assertThat(json.at("/jobs/0/lag/lag").asLong()).isEqualTo(3);
    }

    @Test
    void watchShowsAMissingJobAndAnUnreachableServerAndGoesOn() {
        assertThat(ctl.at(port, "watch", "nope", "--count", "1")).isEqualTo(1);
        assertThat(ctl.out).contains("nope  ?").contains("job nope not exist");

        int closed = CtlServers.closedPort();
        assertThat(ctl.at(closed, "watch", "--count", "3", "--interval", "1s")).isEqualTo(3);
        assertThat(ctl.pauses).hasSize(2);
        assertThat(ctl.out).contains("error: cannot reach the syncer at http://127.0.0.1:" + closed);
    }
}
