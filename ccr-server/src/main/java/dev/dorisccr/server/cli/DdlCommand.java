package dev.dorisccr.server.cli;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.ddl.rewrite.CreateTableRewriter;
import dev.dorisccr.core.ddl.rewrite.RewriteOptions;
import dev.dorisccr.core.ddl.rewrite.RewriteResult;
import dev.dorisccr.core.error.CcrException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ddl rewrite}: prints the target-side form of a source CREATE TABLE/VIEW, read from a
 * file or stdin. Exit 0 on success, 2 on bad input (message on stderr).
 *
 * <pre>
 * ccr-syncer ddl rewrite --target-db dst --source-buckets 8 --file t.sql
 * </pre>
 */
@Command(
        name = "ddl",
        mixinStandardHelpOptions = true,
        description = "DDL tools.",
        subcommands = {DdlCommand.Rewrite.class})
public final class DdlCommand implements Runnable {
    static final int BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;

    public DdlCommand() {
        this(System.in);
    }

    /** For tests: reads "stdin" from {@code stdin}. */
    DdlCommand(InputStream stdin) {
        this.stdin = requireNonNull(stdin, "stdin is null");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "rewrite",
            mixinStandardHelpOptions = true,
            description = "Rewrites a source CREATE TABLE or CREATE VIEW for the target cluster "
                    + "(is_being_synced, erased storage_policy/colocate_with, renames, BUCKETS AUTO).")
    static final class Rewrite implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand DdlCommand parent;

        @Option(names = "--target-db", paramLabel = "DB", description = "Qualify the created table with this database.")
        String targetDb;

        @Option(names = "--target-table", paramLabel = "TABLE", description = "Create the table under this name.")
        String targetTable;

        @Option(names = "--source-db", paramLabel = "DB",
                description = "Source database; with --target-db, a view's query is pointed at the target.")
        String sourceDb;

        @Option(names = "--source-buckets", paramLabel = "N", description = "Replace BUCKETS AUTO with N.")
        Integer sourceBuckets;

        @Option(names = "--file", paramLabel = "FILE", description = "Read the statement from FILE (default: stdin).")
        Path file;

        @Option(names = {"-v", "--verbose"}, description = "Print what changed to stderr.")
        boolean verbose;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RewriteOptions options;
            try {
                options = options();
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            String ddl;
            try {
                ddl = file == null
                        ? new String(parent.stdin.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
                return BAD_INPUT;
            }
            RewriteResult result;
            try {
                result = CreateTableRewriter.rewriteWithNotes(ddl, options);
            } catch (CcrException e) {
                err.println("error: " + e.code() + ": " + e.getMessage());
                return BAD_INPUT;
            }
            out.println(result.sql().text());
            out.flush();
            if (verbose) {
                result.notes().forEach(n -> err.println("note: " + n));
                err.flush();
            }
            return 0;
        }

        private RewriteOptions options() {
            RewriteOptions options = RewriteOptions.defaults();
            if (targetDb != null) {
                options = options.withTargetDatabase(Identifier.of(targetDb));
            }
            if (targetTable != null) {
                options = options.withTargetTable(Identifier.of(targetTable));
            }
            if (sourceDb != null) {
                options = options.withSourceDatabase(Identifier.of(sourceDb));
            }
            if (sourceBuckets != null) {
                options = options.withSourceBuckets(sourceBuckets);
            }
            return options;
        }
    }
}
