package dev.dorisccr.core.binlog;

/**
 * Internal control flow of the decoder: thrown by {@link JsonObject} readers and always turned
 * into a {@link DecodeResult.Failed} by {@link BinlogDecoder}; it never leaves this package.
 */
final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DecodeError.Kind kind;
    private final String path;

    DecodeException(DecodeError.Kind kind, String path, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.path = path;
    }

    DecodeError.Kind kind() {
        return kind;
    }

    String path() {
        return path;
    }

    DecodeError toError(String rawJson) {
        return new DecodeError(kind, path, getMessage(), rawJson);
    }
}
