package dev.dorisccr.server.ctl;

/**
 * Why an operation of {@code ctl} stopped, with the exit code to return. Thrown by argument
 * checks and the client, caught once in {@link CtlCommand} where the message is printed.
 */
final class CtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CtlException usage(String message) {
        return new CtlException(ExitCode.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
