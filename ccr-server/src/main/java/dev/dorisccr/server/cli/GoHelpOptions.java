package dev.dorisccr.server.cli;

import picocli.CommandLine.Option;

/** Help and version in the Go binary's spelling ({@code -help}, {@code -version}) and GNU's. */
final class GoHelpOptions {
    @Option(names = {"-help", "--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-version", "--version", "-V"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;
}
