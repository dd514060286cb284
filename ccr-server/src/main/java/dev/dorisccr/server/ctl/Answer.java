package dev.dorisccr.server.ctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;

/**
 * What a syncer answered to one operation, after redirects.
 *
 * @param status the HTTP status of the last answer
 * @param uri where the last answer came from (the owning syncer after a redirect)
 * @param body the body as received
 * @param json the body as JSON, empty when it is not JSON (the Go syncer's 400 on a bad create body)
 */
record Answer(int status, URI uri, String body, Optional<JsonNode> json) {
    Answer {
        requireNonNull(uri, "uri is null");
        requireNonNull(body, "body is null");
        requireNonNull(json, "json is null");
    }

    /** The Go convention: success unless the status is an error or {@code success} is false. */
    boolean ok() {
        return status < 400 && json.isPresent() && json.get().path("success").asBoolean(true);
    }

    /** The server's own words for a failure: {@code error_msg}, else the body text, else the status. */
    String error() {
        if (json.isPresent() && json.get().path("error_msg").isTextual()) {
            return json.get().get("error_msg").asText();
        }
        String text = body.strip();
        if (text.isEmpty()) {
            return "HTTP " + status + " with an empty body";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
