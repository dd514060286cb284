package dev.dorisccr.testkit.doris;

/**
 * A simulated Doris error: the FE answers it as a Thrift status, the MySQL surface as an ERR
 * packet. {@code status} is a TStatusCode name (ANALYSIS_ERROR, LABEL_ALREADY_EXISTS...).
 */
public final class SimException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String status;
    private final int mysqlCode;

    public SimException(String status, int mysqlCode, String message) {
        super(message);
        this.status = status;
        this.mysqlCode = mysqlCode;
    }

    /** An analysis error (Doris's UserException; MySQL error 1105). */
    public static SimException analysis(String message) {
        return new SimException("ANALYSIS_ERROR", 1105, message);
    }

    public String status() {
        return status;
    }

    public int mysqlCode() {
        return mysqlCode;
    }
}
