package dev.dorisccr.testkit.mysql;

/** A client packet did not follow the protocol; the session answers with an ERR and ends. */
final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedPacketException(String message) {
        super(message);
    }
}
