package dev.dorisccr.core.error;

/**
 * The one place that decides whether an error is worth retrying. Adapters translate their own
 * failures (Doris status codes, SQLSTATEs, socket errors) into {@link CcrException}s with a code;
 * this classifier turns any throwable into a decision.
 */
public final class ErrorClassifier {
    private ErrorClassifier() {}

    /** Whether retrying the same operation later may succeed. */
    public static boolean isRetriable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CcrException ce) {
                return ce.code().retriable();
            }
            if (c instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** The code of the first {@link CcrException} in the cause chain, else INTERNAL_ERROR. */
    public static ErrorCode codeOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CcrException ce) {
                return ce.code();
            }
        }
        return ErrorCode.INTERNAL_ERROR;
    }
}
