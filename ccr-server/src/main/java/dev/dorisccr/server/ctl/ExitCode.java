package dev.dorisccr.server.ctl;

/** The exit codes of {@code ccr-syncer ctl}, for scripts. */
public final class ExitCode {
    /** The operation succeeded. */
    public static final int OK = 0;
    /** The server answered with an error (job not found, already exists, invalid body, ...). */
    public static final int SERVER_ERROR = 1;
    /** Bad usage: an unknown or invalid flag or argument. Nothing was sent. */
    public static final int USAGE = 2;
    /** The server (or the syncer it redirected to) could not be reached or did not answer in time. */
    public static final int UNREACHABLE = 3;
    /** {@code ctl verify}: the target differs from the source, or parts could not be compared (not aligned). */
    public static final int NOT_EQUAL = 4;

    private ExitCode() {}
}
