package dev.dorisccr.server.cli;

import dev.dorisccr.core.CcrVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ccr-syncer} launcher: operator tools now, the server in later commands. */
@Command(
        name = "ccr-syncer",
        mixinStandardHelpOptions = true,
        versionProvider = CcrSyncerMain.Version.class,
        description = "Cross Cluster Replication syncer for Apache Doris.",
        subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, BinlogCommand.class, DdlCommand.class,
            SimulateCommand.class})
public final class CcrSyncerMain implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new CcrSyncerMain());
    }

    @Override
    public void run() {
        spec.commandLine().getOut().println("ccr-syncer " + CcrVersion.get());
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ccr-syncer " + CcrVersion.get()};
        }
    }
}
