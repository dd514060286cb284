package dev.dorisccr.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;

/** A decoded request body, with the Go syncer's lenient field access (unknown keys ignored). */
record ApiRequest(String path, String rawBody, JsonNode body) {
    ApiRequest {
        requireNonNull(path, "path is null");
        requireNonNull(rawBody, "rawBody is null");
        requireNonNull(body, "body is null");
    }

    /** The {@code name} field; a missing or empty one is the Go syncer's "name is empty". */
    String name() {
        String name = text("name");
        if (name.isEmpty()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, "name is empty");
        }
        return name;
    }

    String text(String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, key + " must be a string");
        }
        return v.asText();
    }

    boolean bool(String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, key + " must be true or false");
        }
        return v.asBoolean();
    }

    long integer(String key, long absent) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new CcrException(ErrorCode.INVALID_ARGUMENT, key + " must be an integer");
        }
        return v.asLong();
    }
}
