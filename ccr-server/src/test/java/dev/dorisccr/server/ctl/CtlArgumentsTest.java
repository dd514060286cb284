package dev.dorisccr.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.InMemoryJobService;
import dev.dorisccr.server.http.JobEndpoints;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad argument is a clear error with exit 2, and nothing reaches the server. */
class CtlArgumentsTest {
    private static final String SECRET = "hunter2-secret";
    private static final String GOOD = "{\"name\":\"j\",\"src\":{\"host\":\"h\",\"port\":\"9030\",\"thrift_port\":\"9020\","
            + "\"user\":\"root\",\"database\":\"d\"},\"dest\":{\"host\":\"h\",\"port\":\"9030\",\"thrift_port\":\"9020\","
            + "\"user\":\"root\",\"database\":\"e\"}}";

    @TempDir static Path dir;

    private final AtomicInteger requests = new AtomicInteger();
    private final Ctl ctl = new Ctl();
    private Undertow undertow;
    private int port;

    @BeforeEach
    void start() {
        ApiHandler api = new ApiHandler(new JobEndpoints(new InMemoryJobService(), "t", () -> "", ZoneOffset.UTC));
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
            requests.incrementAndGet();
            api.handleRequest(exchange);
        }).build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        undertow.stop();
    }

    static List<Object[]> badArguments() throws Exception {
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"name\": " + SECRET + "}");
        Path array = Files.writeString(dir.resolve("array.json"), "[1]");
        Path good = Files.writeString(dir.resolve("good.json"), GOOD);
        Path twoLines = Files.writeString(dir.resolve("two.pw"), "a\nb\n");
        String[] job = {"--src-host", "h", "--src-database", "d", "--dest-host", "h", "--dest-database", "e"};
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"name an operation", new String[] {}});
        cases.add(new Object[] {"unknown command or argument stauts", new String[] {"stauts", "j"}});
        cases.add(new Object[] {"Missing required parameter: 'JOB'", new String[] {"status"}});
        cases.add(new Object[] {"JOB is empty", new String[] {"pause", " "}});
        cases.add(new Object[] {"unknown flag --nope", new String[] {"list", "--nope"}});
        cases.add(new Object[] {"port out of range", new String[] {"list", "--server", "127.0.0.1:99999"}});
        cases.add(new Object[] {"the port is not a number", new String[] {"list", "--server", "h:x"}});
        cases.add(new Object[] {"only http:// and https://", new String[] {"list", "--server", "ftp://h:1"}});
        cases.add(new Object[] {"--timeout: not a duration", new String[] {"list", "--timeout", "ten"}});
        cases.add(new Object[] {"--connect-timeout must be positive", new String[] {"list", "--connect-timeout", "0s"}});
        cases.add(new Object[] {"--commit-seq must be > 0", new String[] {"skip", "j", "--commit-seq", "0"}});
        cases.add(new Object[] {"--commit-seq", new String[] {"skip", "j", "--commit-seq", "x"}});
        cases.add(new Object[] {"Missing required option: '--commit-seq=SEQ'", new String[] {"skip", "j"}});
        cases.add(new Object[] {"--count must be >= 0", new String[] {"watch", "--count", "-1"}});
        cases.add(new Object[] {"--interval must be positive", new String[] {"watch", "--interval", "0s"}});
        cases.add(new Object[] {"JOB is missing", concat(new String[] {"create"}, job)});
        cases.add(new Object[] {"--src-database is missing", new String[] {"create", "j", "--src-host", "h"}});
        cases.add(new Object[] {"--dest-host is missing", new String[] {"create", "j", "--src-host", "h",
            "--src-database", "d"}});
        cases.add(new Object[] {"--src-port must be a port number (1-65535): 70000",
            concat(new String[] {"create", "j", "--src-port", "70000"}, job)});
        cases.add(new Object[] {"src/dest are not both db or table sync",
            concat(new String[] {"create", "j", "--src-table", "t"}, job)});
        cases.add(new Object[] {"a password is never a flag value",
            concat(new String[] {"create", "j", "--src-password", SECRET}, job)});
        cases.add(new Object[] {"a password is never a flag value",
            concat(new String[] {"create", "j", "--dest-password=" + SECRET}, job)});
        cases.add(new Object[] {"unknown flag --srcpassword",
            concat(new String[] {"create", "j", "--srcpassword=" + SECRET}, job)});
        cases.add(new Object[] {"environment variable NOPE (--src-password-env) is not set",
            concat(new String[] {"create", "j", "--src-password-env", "NOPE"}, job)});
        cases.add(new Object[] {"give one of them", concat(new String[] {"create", "j", "--src-password-env", "X",
            "--src-password-file", twoLines.toString()}, job)});
        cases.add(new Object[] {"holds more than one line",
            concat(new String[] {"create", "j", "--dest-password-file", twoLines.toString()}, job)});
        cases.add(new Object[] {"cannot read --src-password-file",
            concat(new String[] {"create", "j", "--src-password-file", dir.resolve("none").toString()}, job)});
        cases.add(new Object[] {"cannot read --file", new String[] {"create", "--file", dir.resolve("no").toString()}});
        cases.add(new Object[] {"is not JSON (line 1, column", new String[] {"create", "--file", notJson.toString()}});
        cases.add(new Object[] {"must hold a JSON object", new String[] {"create", "--file", array.toString()}});
        cases.add(new Object[] {"Missing required option: '--table=TABLE'", new String[] {"recopy", "j"}});
        cases.add(new Object[] {"--limit must be 1 to 10000: 0", new String[] {"journal", "j", "--limit", "0"}});
        cases.add(new Object[] {"--from 9 is above --to 3", new String[] {"journal", "j", "--from", "9", "--to", "3"}});
        cases.add(new Object[] {"--file and --src-host cannot be combined",
            new String[] {"create", "--file", good.toString(), "--src-host", "x"}});
        cases.add(new Object[] {"src.port out of range", new String[] {"doctor", "--file",
            Files.writeString(dir.resolve("port.json"), GOOD.replaceFirst("9030", "0")).toString()}});
        return cases;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void isExitTwoWithAClearMessageAndNothingSent(String message, String[] args) {
        assertThat(ctl.at(port, args)).as(ctl.err).isEqualTo(ExitCode.USAGE);

        assertThat(ctl.err).contains(message).doesNotContain(SECRET);
        assertThat(ctl.out).doesNotContain(SECRET);
        assertThat(requests).hasValue(0);
    }

    @Test
    void helpDocumentsTheExitCodesAndTheOperations() {
        assertThat(ctl.run("--help")).isZero();
        assertThat(ctl.out).contains("Exit codes:").contains("3   the server (or the syncer owning the job) could not")
                .contains("bad usage").contains("no API token")
                .contains("create").contains("force-fullsync").contains("watch").contains("doctor");

        assertThat(ctl.run("skip", "--help")).isZero();
        assertThat(ctl.out).contains("--commit-seq=SEQ").contains("--server=HOST:PORT").contains("Exit codes:");
        assertThat(requests).hasValue(0);
    }

    @Test
    void theGoodFileIsAccepted() {
        ctl.stdin = GOOD;
        assertThat(ctl.at(port, "create", "--file", "-")).as(ctl.err).isZero();
        assertThat(requests).hasValue(1);
    }
}
