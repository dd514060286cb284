/**
 * {@code ccr-syncer ctl}: a command-line client of the syncer's HTTP API (this syncer's or the Go
 * one's), with readable tables, {@code --json} for scripts, exit codes (see {@link
 * dev.dorisccr.server.ctl.ExitCode}) and redirects to the owning syncer followed with their body.
 *
 * <pre>{@code
 * CommandLine cl = CcrSyncerMain.newCommandLine();
 * int code = cl.execute("ctl", "--server", "127.0.0.1:9190", "status", "ccr_test");
 * }</pre>
 */
package dev.dorisccr.server.ctl;
