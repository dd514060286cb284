package dev.dorisccr.server.ctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.server.config.GoDuration;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * {@code ccr-syncer ctl <op>}: the syncer's HTTP operations from the command line, against this
 * syncer or the Go one. Readable tables by default; {@code --json} prints the server's answer as
 * it came, for scripts. Redirects to the syncer owning a job are followed with the same POST body
 * ({@link CtlClient}). Arguments are checked before anything is sent.
 */
@Command(
        name = "ctl",
        description = {"Operate the syncer's jobs over its HTTP API (the operations of the manual's curl examples).",
            "Options go before or after the operation: ctl --server h:9190 status JOB, ctl status JOB --json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the server answered an error (job not found, already exists, invalid body, ...)",
            "2:bad usage: an unknown or invalid option or argument; nothing was sent",
            "3:the server (or the syncer owning the job) could not be reached or did not answer in time",
            "4:verify: the target differs from the source, or parts could not be compared (not aligned)"},
        footerHeading = "%n",
        footer = {"The server has no API token: anyone who can reach its port can run every operation;"
                + " keep it on a trusted network (-bind_address).",
            "Passwords are never option values: --src-password-file/--src-password-env (and --dest-*),"
                    + " or $" + CreateOptions.SOURCE_PASSWORD_ENV + " / $" + CreateOptions.TARGET_PASSWORD_ENV + "."})
public final class CtlCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9190",
            description = "The syncer to talk to (default ${DEFAULT-VALUE}); http:// or https:// may lead.")
    String server;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the server's JSON answer as it came (watch: one JSON object per frame).")
    boolean json;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "30s",
            description = "Wait at most this long for each answer (Go duration, default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--connect-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "5s",
            description = "Wait at most this long for a connection (default ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final CtlContext ctx;

    /** Runs in this process's environment ({@link CtlContext#system()}). */
    public CtlCommand() {
        this(CtlContext.system());
    }

    public CtlCommand(CtlContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx is null");
    }

    /** {@code ctl} and its operations, each with the exit codes in its help. */
    public static CommandLine commandLine(CtlContext ctx) {
        CommandLine cl = new CommandLine(new CtlCommand(ctx));
        Map<String, String> codes = cl.getCommandSpec().usageMessage().exitCodeList();
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n").exitCodeList(new LinkedHashMap<>(codes)));
        return cl;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: name an operation: " + String.join(", ", spec.subcommands().keySet()));
        spec.commandLine().usage(err);
        err.flush();
        return ExitCode.USAGE;
    }

    @Command(name = "list", description = "List every job (of all syncers sharing the store).")
    int list() {
        return op("/list_jobs", () -> MAPPER.createObjectNode(), Views::list);
    }

    @Command(name = "status", description = "A job's state, progress state, observed status, last error, and"
            + " whether it has caught up.")
    int status(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/job_status", () -> named(job), Views::status);
    }

    @Command(name = "lag", description = "How far a job is behind its source: binlogs and seconds.")
    int lag(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/get_lag", () -> named(job), Views::lag);
    }

    @Command(name = "pause", description = "Pause a job (it keeps its place).")
    int pause(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/pause", () -> named(job), a -> "paused job " + job + "\n");
    }

    @Command(name = "resume", description = "Resume a paused or failed job.")
    int resume(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/resume", () -> named(job), a -> "resumed job " + job + "\n");
    }

    @Command(name = "delete", description = "Delete a job (the target is left as it is).")
    int delete(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/delete", () -> named(job), a -> "deleted job " + job + "\n");
    }

    @Command(name = "desync", description = "Mark the job's target tables as no longer synced"
            + " (is_being_synced=false); the job keeps running.")
    int desync(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/desync", () -> named(job), a -> "desynced the target tables of job " + job + "\n");
    }

    @Command(name = "force-fullsync", description = "Copy everything again with a full sync, at the job's next turn.")
    int forceFullSync(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/force_fullsync", () -> named(job), a -> "job " + job + " will run a full sync\n");
    }

    @Command(name = "skip", description = "Skip one binlog that cannot apply (skip_by silence): the target"
            + " misses that change; the operator's call.")
    int skip(@Parameters(paramLabel = "JOB", description = "The job name.") String job,
            @Option(names = "--commit-seq", required = true, paramLabel = "SEQ",
                    description = "The commit seq of the binlog to skip (status shows it).") long commitSeq) {
        return op("/job_skip_binlog", () -> {
            if (commitSeq <= 0) {
                throw CtlException.usage("--commit-seq must be > 0: " + commitSeq);
            }
            return named(job).put("skip_by", "silence").put("skip_commit_seq", commitSeq);
        }, a -> "job " + job + " skips the binlog at commit seq " + commitSeq + "\n");
    }

    @Command(name = "verify", description = {"Compare a job's target with its source now: schema, partitions,"
            + " indexes, is_being_synced, and the row count and checksum of every partition at an aligned point.",
        "Exit code 0 when equal, 4 when something differs or could not be compared (not aligned)."})
    int verify(@Parameters(paramLabel = "JOB", description = "The job name.") String job,
            @Option(names = "--table", paramLabel = "TABLE", description = "Check only this source table (repeatable).")
                    List<String> tables,
            @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
                    description = "Looks at partitions still moving before calling them not aligned (1 to 10).")
                    int attempts) {
        int[] code = {ExitCode.OK};
        int shown = op("/verify", () -> {
            if (attempts < 1 || attempts > 10) {
                throw CtlException.usage("--attempts must be 1 to 10: " + attempts);
            }
            ObjectNode body = named(job).put("attempts", attempts);
            if (tables != null && !tables.isEmpty()) {
                tables.forEach(t -> body.withArray("tables").add(t));
            }
            return body;
        }, a -> {
            code[0] = "EQUAL".equals(a.path("verification").path("outcome").asText()) ? ExitCode.OK : ExitCode.NOT_EQUAL;
            return Views.verification(a.path("verification"));
        });
        return shown != ExitCode.OK ? shown : code[0];
    }

    @Command(name = "plan", description = {"A dry run: what the job would do with its next binlogs (load, replay with"
            + " the rewritten SQL, skip, partial or full sync), decided by the job's own state machine.",
        "Nothing is written to the target or to the job's progress."})
    int plan(@Parameters(paramLabel = "JOB", description = "The job name.") String job,
            @Option(names = "--count", paramLabel = "N", defaultValue = "10",
                    description = "How many binlogs to plan (1 to 1000).") int count) {
        return op("/dry_run", () -> {
            if (count < 1 || count > 1000) {
                throw CtlException.usage("--count must be 1 to 1000: " + count);
            }
            return named(job).put("count", count);
        }, a -> Views.plan(a.path("plan")));
    }

    @Command(name = "recopy", description = {"Copy one table of a job again with a partial sync (under a temporary"
            + " name, then swapped in), at the job's next idle point: the repair of a divergence verify found.",
        "The other tables go on replicating; ctl journal shows the copy once done."})
    int recopy(@Parameters(paramLabel = "JOB", description = "The job name.") String job,
            @Option(names = "--table", paramLabel = "TABLE", required = true, description = "The source table.")
                    String table) {
        return op("/recopy", () -> {
            if (table.isBlank()) {
                throw CtlException.usage("--table is empty");
            }
            return named(job).put("table", table);
        }, a -> "job " + job + " copies table " + table + " again at its next idle point\n");
    }

    @Command(name = "journal", description = {"A job's apply journal, newest first: what it did with each binlog"
            + " (applied, skipped and why, partial or full sync, failed), with the label, txn id and duration.",
        "Read from the store: any syncer sharing it answers."})
    int journal(@Parameters(paramLabel = "JOB", description = "The job name.") String job,
            @Option(names = "--from", paramLabel = "SEQ", description = "Lowest commit seq.") Long from,
            @Option(names = "--to", paramLabel = "SEQ", description = "Highest commit seq.") Long to,
            @Option(names = "--type", paramLabel = "TYPE", description = "Only binlogs of this type (UPSERT, ...).")
                    String type,
            @Option(names = "--outcome", paramLabel = "OUTCOME", split = ",", description = "Only these outcomes"
                    + " (APPLIED, SKIPPED, PARTIAL_SYNC, FULL_SYNC, FAILED; repeatable or comma-separated).")
                    List<String> outcomes,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                    description = "At most this many entries (1 to 10000).") int limit) {
        return op("/journal", () -> {
            if (limit < 1 || limit > 10_000) {
                throw CtlException.usage("--limit must be 1 to 10000: " + limit);
            }
            if (from != null && to != null && from > to) {
                throw CtlException.usage("--from " + from + " is above --to " + to);
            }
            ObjectNode body = named(job).put("limit", limit);
            if (from != null) {
                body.put("from_seq", from);
            }
            if (to != null) {
                body.put("to_seq", to);
            }
            if (type != null) {
                body.put("type", type);
            }
            if (outcomes != null && !outcomes.isEmpty()) {
                body.put("outcome", String.join(",", outcomes));
            }
            return body;
        }, a -> Views.journal(a.path("journal")));
    }

    @Command(name = "detail", description = "A job's definition (passwords left out by this syncer).")
    int detail(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/job_detail", () -> named(job), a -> Views.flat(a.path("job_detail")));
    }

    @Command(name = "progress", description = "A job's stored progress (commit seqs, table mapping, sync state).")
    int progress(@Parameters(paramLabel = "JOB", description = "The job name.") String job) {
        return op("/job_progress", () -> named(job), a -> Views.flat(a.path("job_progress")));
    }

    @Command(name = "version", description = "The server's version.")
    int version() {
        return op("/version", () -> MAPPER.createObjectNode(), a -> a.path("version").asText() + "\n");
    }

    @Command(name = "create", abbreviateSynopsis = true, description = {
        "Create a job from flags or from a create_ccr JSON file (JOB, when given, replaces the file's name).",
        "Defaults: port 9030, thrift port 9020, user root; no table: a database job. E.g.",
        "  ctl create j --src-host fe1 --src-database demo --src-table t --src-password-file src.pw \\",
        "      --dest-host fe2 --dest-database ccrt --dest-table t --dest-password-env DEST_PW",
        "  ctl create --file ccr_test.json"})
    int create(@Parameters(paramLabel = "JOB", arity = "0..1", description = "The job name.") String job,
            @Mixin CreateOptions create) {
        return run(() -> {
            CtlClient client = client();
            ObjectNode body = create.body(job, null, ctx);
            return show("/create_ccr", client.post("/create_ccr", body.toString()),
                    a -> "created job " + body.path("name").asText() + "\n");
        });
    }

    @Command(name = "doctor", abbreviateSynopsis = true, description = {"Check a job's clusters without creating it (the server's /preflight):"
            + " same arguments as create.", "Says so when the server has no /preflight."})
    int doctor(@Parameters(paramLabel = "JOB", arity = "0..1", description = "The job name (default ctl-doctor).")
            String job, @Mixin CreateOptions create) {
        return run(() -> {
            CtlClient client = client();
            ObjectNode body = create.body(job, "ctl-doctor", ctx);
            Answer a = client.post("/preflight", body.toString());
            JsonNode checks = a.json().map(j -> j.path("checks")).orElse(MAPPER.missingNode());
            if (!checks.isArray() || a.ok()) {
                return show("/preflight", a, Views::preflight);
            }
            // failed checks: the table says which and why; the exit code says that some failed
            if (json) {
                out().println(a.body().strip());
            } else {
                out().print(Views.preflight(a.json().orElseThrow()));
            }
            int failed = 0;
            for (JsonNode c : checks) {
                failed += "FAILED".equals(c.path("outcome").asText()) ? 1 : 0;
            }
            throw new CtlException(ExitCode.SERVER_ERROR, "preflight: " + failed + " of " + checks.size()
                    + " checks failed; the job would not be created");
        });
    }

    @Command(name = "watch", description = {"A live table of jobs, their status and lag, redrawn every --interval.",
        "Exit code of the last frame; Ctrl-C stops."})
    int watch(@Parameters(paramLabel = "JOB", arity = "0..*", description = "The jobs (default: every job).")
            List<String> jobs,
            @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s",
                    description = "Time between frames (default ${DEFAULT-VALUE}).") String interval,
            @Option(names = "--count", paramLabel = "N", defaultValue = "0",
                    description = "Stop after N frames (default 0: until stopped).") int count) {
        return run(() -> {
            Duration every = duration("--interval", interval);
            if (count < 0) {
                throw CtlException.usage("--count must be >= 0: " + count);
            }
            List<String> names = jobs == null ? List.of() : List.copyOf(jobs);
            names.forEach(CtlCommand::checkName);
            return new Watch(client(), ctx, json, out()).run(names, every, count);
        });
    }

    // ---- the template every operation runs through

    private int op(String path, Supplier<ObjectNode> body, Function<JsonNode, String> view) {
        return run(() -> {
            CtlClient client = client();
            String request = body.get().toString();
            return show(path, client.post(path, request), view);
        });
    }

    private int run(Supplier<Integer> action) {
        PrintWriter out = out();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return action.get();
        } catch (CtlException e) {
            List<String> lines = List.of(e.getMessage().split("\n", -1)); // create_ccr names every failed check
            err.println("error: " + TextTable.safe(lines.get(0)));
            lines.subList(1, lines.size()).forEach(l -> err.println("  " + TextTable.safe(l)));
            if (e.exitCode() == ExitCode.USAGE) {
                err.println("Run `" + spec.qualifiedName() + " <op> --help` for the options.");
            }
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int show(String path, Answer a, Function<JsonNode, String> view) {
        PrintWriter out = out();
        if (json && a.json().isPresent()) {
            out.println(a.body().strip());
        }
        if (a.status() == 404) {
            String what = "/preflight".equals(path)
                    ? "preflight checks (ctl doctor) are not available on that server"
                    : "not a ccr-syncer, or one without this operation";
            throw new CtlException(ExitCode.SERVER_ERROR,
                    "the syncer at " + a.uri().getRawAuthority() + " has no " + path + ": " + what);
        }
        if (!a.ok()) {
            throw new CtlException(ExitCode.SERVER_ERROR, a.error());
        }
        if (!json) {
            out.print(view.apply(a.json().orElseThrow()));
        }
        return ExitCode.OK;
    }

    private CtlClient client() {
        ServerAddress address;
        try {
            address = ServerAddress.parse(server);
        } catch (IllegalArgumentException e) {
            throw CtlException.usage(e.getMessage());
        }
        return new CtlClient(address, duration("--connect-timeout", connectTimeout), duration("--timeout", timeout));
    }

    private static Duration duration(String flag, String text) {
        try {
            return GoDuration.parse(flag, text);
        } catch (IllegalArgumentException e) {
            throw CtlException.usage(e.getMessage());
        }
    }

    private static ObjectNode named(String job) {
        checkName(job);
        return MAPPER.createObjectNode().put("name", job);
    }

    private static void checkName(String job) {
        if (job == null || job.isBlank()) {
            throw CtlException.usage("JOB is empty");
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
