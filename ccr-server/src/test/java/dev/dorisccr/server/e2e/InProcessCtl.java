package dev.dorisccr.server.e2e;

import dev.dorisccr.server.cli.CcrSyncerMain;
import dev.dorisccr.server.ctl.CtlContext;
import dev.dorisccr.server.http.ApiHandler;
import dev.dorisccr.server.http.ApiServer;
import dev.dorisccr.server.http.JobEndpoints;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code ccr_syncer ctl ...} run in-process against the HTTP API of the harness's syncer, as an
 * operator would run it: a real HTTP server on a free loopback port, the real command line, its
 * waits ({@code watch --interval}) on the harness's manual time. Closing it stops the server.
 */
final class InProcessCtl implements AutoCloseable {
    private final ApiServer api;
    private final E2eHarness h;
    private final Map<String, String> env;
    private String out = "";
    private String err = "";
    private String all = "";

    /** With no environment variables. */
    InProcessCtl(E2eHarness h) {
        this(h, Map.of());
    }

    /** With {@code env} as the environment ({@code --password-env} and the like read it). */
    InProcessCtl(E2eHarness h, Map<String, String> env) {
        this.h = h;
        this.env = Map.copyOf(env);
        api = ApiServer.start("127.0.0.1", 0, new ApiHandler(new JobEndpoints(h.syncer, "e2e", () -> "", ZoneOffset.UTC)));
    }

    /** Runs {@code ctl --server <api> args...}; the exit code. */
    int run(String... args) {
        CtlContext ctx = new CtlContext(env::get, new ByteArrayInputStream(new byte[0]), h::run, Clock.systemUTC(), false);
        CommandLine cl = CcrSyncerMain.newCommandLine(ctx);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        StringWriter both = new StringWriter();
        cl.setOut(new PrintWriter(new Tee(o, both), true));
        cl.setErr(new PrintWriter(new Tee(e, both), true));
        int code = cl.execute(Stream.concat(Stream.of("ctl", "--server", "127.0.0.1:" + api.port()), Stream.of(args))
                .toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        all = both.toString();
        return code;
    }

    /** Standard output of the last run. */
    String out() {
        return out;
    }

    /** Standard error of the last run. */
    String err() {
        return err;
    }

    /** Both streams of the last run, in the order written. */
    String output() {
        return all;
    }

    int port() {
        return api.port();
    }

    @Override
    public void close() {
        api.close();
    }

    /** Writes to two writers. */
    private static final class Tee extends Writer {
        private final Writer a;
        private final Writer b;

        Tee(Writer a, Writer b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            try {
                a.write(buf, off, len);
                b.write(buf, off, len);
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x); // StringWriters never throw
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
