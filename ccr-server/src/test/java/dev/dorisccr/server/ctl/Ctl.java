package dev.dorisccr.server.ctl;

import dev.dorisccr.server.cli.CcrSyncerMain;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code ccr_syncer ctl ...} in this JVM through {@link CcrSyncerMain#newCommandLine}, with an
 * environment, stdin and pauses of the test's own; keeps the output of the last run.
 */
final class Ctl {
    final Map<String, String> env = new HashMap<>();
    final List<Duration> pauses = new ArrayList<>();
    String stdin = "";
    String out = "";
    String err = "";

    /** Runs {@code ctl args...}; the exit code. */
    int run(String... args) {
        CtlContext ctx = new CtlContext(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                pauses::add, Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC), false);
        CommandLine cl = CcrSyncerMain.newCommandLine(ctx);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        String[] full = new String[args.length + 1];
        full[0] = "ctl";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** {@code ctl --server 127.0.0.1:port args...}. */
    int at(int port, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--server";
        full[1] = "127.0.0.1:" + port;
        System.arraycopy(args, 0, full, 2, args.length);
        return run(full);
    }
}
