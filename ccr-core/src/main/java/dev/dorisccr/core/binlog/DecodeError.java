package dev.dorisccr.core.binlog;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;

/**
 * Why a binlog payload could not be decoded.
 *
 * @param kind the class of problem
 * @param path where in the JSON, e.g. {@code $.tableRecords["10118"].partitionRecords[0].version};
 *     paths inside a BARRIER-wrapped payload start with {@code $.binlog}
 * @param message a human explanation
 * @param rawJson the whole input as given ("" when there was none); see {@link #displayJson()}
 */
public record DecodeError(Kind kind, String path, String message, String rawJson) {
    /** How many characters of the raw JSON {@link #displayJson()} shows. */
    public static final int DISPLAY_LIMIT = 200;

    /** The classes of decoding problems. */
    public enum Kind {
        /** No payload where one is required (null, empty or blank). */
        EMPTY_INPUT,
        /** Not parseable JSON: truncated, trailing garbage, duplicate keys. */
        MALFORMED_JSON,
        /** Valid JSON, but the payload is not a JSON object (an array, null, a number...). */
        NOT_AN_OBJECT,
        /** A key has a value of the wrong JSON type. */
        WRONG_TYPE,
        /** A required key is absent or null. */
        MISSING_KEY,
        /** An integer does not fit the field (for example above Long.MAX_VALUE). */
        NUMBER_OUT_OF_RANGE,
        /** The binlog type (or the type a BARRIER wraps) is not one this syncer knows. */
        UNKNOWN_TYPE,
        /** Well-typed but not acceptable, such as a negative id or a BARRIER wrapping a BARRIER. */
        INVALID_VALUE
    }

    public DecodeError {
        requireNonNull(kind, "kind is null");
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
        requireNonNull(rawJson, "rawJson is null");
    }

    /** The raw JSON cut to {@link #DISPLAY_LIMIT} characters, with a marker when cut. */
    public String displayJson() {
        if (rawJson.length() <= DISPLAY_LIMIT) {
            return rawJson;
        }
        return rawJson.substring(0, DISPLAY_LIMIT) + "...(" + rawJson.length() + " chars)";
    }

    /** One line for logs and the CLI: kind, path, message and the truncated JSON. */
    public String describe() {
        return kind + " at " + path + ": " + message + " (json: " + displayJson() + ")";
    }

    /** This error as a coded exception, for callers that cannot go on without the record. */
    public CcrException toException() {
        ErrorCode code = kind == Kind.UNKNOWN_TYPE ? ErrorCode.UNKNOWN_BINLOG_TYPE : ErrorCode.MALFORMED_BINLOG;
        return new CcrException(code, kind + " at " + path + ": " + message)
                .with("path", path)
                .with("json", displayJson());
    }
}
