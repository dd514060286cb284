package dev.dorisccr.core.error;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one root of the syncer's exceptions. It always carries an {@link ErrorCode} and may carry
 * context (job name, db, table, commit seq, the offending binlog) that ends up in logs and API
 * errors.
 */
public class CcrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, String> context;

    public CcrException(ErrorCode code, String message) {
        this(code, message, null, Map.of());
    }

    public CcrException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, Map.of());
    }

    public CcrException(ErrorCode code, String message, Throwable cause, Map<String, String> context) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorType type() {
        return code.type();
    }

    /** Context such as {@code job}, {@code db}, {@code table}, {@code commitSeq}; insertion ordered. */
    public Map<String, String> context() {
        return context;
    }

    /** A copy of this exception with one more context entry. */
    public CcrException with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(context);
        copy.put(requireNonNull(key, "key is null"), String.valueOf(value));
        CcrException e = new CcrException(code, super.getMessage(), getCause(), copy);
        e.setStackTrace(getStackTrace());
        return e;
    }

    @Override
    public String getMessage() {
        if (context.isEmpty()) {
            return super.getMessage();
        }
        StringBuilder sb = new StringBuilder(super.getMessage()).append(" [");
        boolean first = true;
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return sb.append(']').toString();
    }
}
