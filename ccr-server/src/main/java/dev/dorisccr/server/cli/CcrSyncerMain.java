package dev.dorisccr.server.cli;

import dev.dorisccr.core.CcrVersion;
import dev.dorisccr.server.config.ServerOptions;
import dev.dorisccr.server.config.Suggestions;
import dev.dorisccr.server.ctl.CtlCommand;
import dev.dorisccr.server.ctl.CtlContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code ccr_syncer} program. Without a subcommand it runs the syncer, exactly as {@code serve}
 * and as the Go binary does ({@code ccr_syncer -host h -port 9190 ...}); the subcommands are
 * operator tools ({@code ctl} talks to a running syncer). Bad flag values and unknown flags exit with
 * code 2 before anything starts.
 */
@Command(
        name = "ccr_syncer",
        versionProvider = CcrSyncerMain.Version.class,
        description = "Cross Cluster Replication syncer for Apache Doris. Without a command: run the syncer"
                + " (same as `serve`).",
        subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, BinlogCommand.class, DdlCommand.class,
            SimulateCommand.class, DemoCommand.class, MigrateFromGoCommand.class, ReEncryptCommand.class})
public final class CcrSyncerMain implements Callable<Integer> {
    @Mixin ServerOptions options = new ServerOptions();
    @Mixin GoHelpOptions help = new GoHelpOptions();
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine newCommandLine() {
        return newCommandLine(CtlContext.system());
    }

    /** As {@link #newCommandLine()}, {@code ctl} taking its environment, stdin and clock from {@code ctl}. */
    public static CommandLine newCommandLine(CtlContext ctl) {
        CommandLine cl = new CommandLine(new CcrSyncerMain());
        cl.addSubcommand("ctl", CtlCommand.commandLine(ctl));
        ServerOptions.attach(cl);
        configure(cl);
        cl.setParameterExceptionHandler(CcrSyncerMain::badArguments);
        return cl;
    }

    /** Go's flag package: a repeated flag takes the last value; no clustering of one-letter flags. */
    private static void configure(CommandLine cl) {
        cl.setOverwrittenOptionsAllowed(true);
        cl.setPosixClusteredShortOptionsAllowed(false);
        cl.getSubcommands().values().forEach(CcrSyncerMain::configure);
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(options, spec);
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-") && first.contains("=")) {
                first = first.substring(0, first.indexOf('=')); // the value may be a password: never echoed
            }
            List<String> known = new ArrayList<>();
            cl.getCommandSpec().options().forEach(o -> known.addAll(List.of(o.names())));
            known.addAll(cl.getSubcommands().keySet());
            String what = first.startsWith("-") ? "unknown flag " : "unknown command or argument ";
            err.println("error: " + what + first + Suggestions.didYouMean(first, known));
        } else {
            err.println("error: " + e.getMessage());
        }
        err.println("Run `" + cl.getCommandSpec().qualifiedName() + " --help` for the flags.");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ccr-syncer " + CcrVersion.get()};
        }
    }
}
