package dev.dorisccr.server.ctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Posts one operation to a syncer and follows its redirects. A syncer answers 303 with the owning
 * syncer's address for a job held elsewhere (HA); the JDK client would re-send a 303 as a GET
 * without the body, so redirects are followed here: the same method and body to each {@code
 * Location}, at most {@link #MAX_REDIRECTS} hops. The body is never logged or printed: a create
 * body holds passwords.
 */
final class CtlClient {
    /** Redirects followed before giving up (two syncers that each name the other loop forever). */
    static final int MAX_REDIRECTS = 5;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerAddress server;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final HttpClient http;

    CtlClient(ServerAddress server, Duration connectTimeout, Duration timeout) {
        this.server = requireNonNull(server, "server is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    ServerAddress server() {
        return server;
    }

    /**
     * POSTs {@code body} (JSON) to {@code path} and returns the final answer, whatever its status.
     *
     * @throws CtlException {@link ExitCode#UNREACHABLE} when no answer came, {@link
     *     ExitCode#SERVER_ERROR} for a redirect without a usable Location or too many of them
     */
    Answer post(String path, String body) {
        URI uri = server.uri(path);
        for (int hop = 0; ; hop++) {
            HttpResponse<String> r = send(uri, body, hop);
            if (!isRedirect(r.statusCode())) {
                return new Answer(r.statusCode(), uri, r.body(), parse(r.body()));
            }
            String location = r.headers().firstValue("Location").orElse("");
            if (location.isEmpty()) {
                throw new CtlException(ExitCode.SERVER_ERROR,
                        where(uri, hop) + " answered " + r.statusCode() + " without a Location header");
            }
            if (hop == MAX_REDIRECTS) {
                throw new CtlException(ExitCode.SERVER_ERROR, "more than " + MAX_REDIRECTS + " redirects (last to "
                        + location + "): do the syncers agree on which one owns the job?");
            }
            URI next;
            try {
                next = uri.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new CtlException(ExitCode.SERVER_ERROR,
                        where(uri, hop) + " redirected to an invalid Location: " + location);
            }
            if (!"http".equals(next.getScheme()) && !"https".equals(next.getScheme())) {
                throw new CtlException(ExitCode.SERVER_ERROR,
                        where(uri, hop) + " redirected to a Location that is not http(s): " + location);
            }
            uri = next;
        }
    }

    private HttpResponse<String> send(URI uri, String body, int hop) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(uri, hop, "no connection within " + format(connectTimeout));
        } catch (HttpTimeoutException e) {
            throw unreachable(uri, hop, "no answer within " + format(timeout) + " (--timeout)");
        } catch (IOException e) {
            throw unreachable(uri, hop, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(ExitCode.UNREACHABLE, "interrupted while waiting for " + where(uri, hop));
        }
    }

    private CtlException unreachable(URI uri, int hop, String why) {
        String hint = hop == 0 ? " (is it running? the address is --server HOST:PORT, default 127.0.0.1:9190)" : "";
        return new CtlException(ExitCode.UNREACHABLE, "cannot reach " + where(uri, hop) + ": " + why + hint);
    }

    private String where(URI uri, int hop) {
        String at = uri.getScheme() + "://" + uri.getRawAuthority();
        return hop == 0 ? "the syncer at " + at : "the syncer that owns the job, " + at + " (redirected by " + server + ")";
    }

    /** The named cause of an I/O failure; the JDK's messages are often null. */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage();
                return m == null || m.isBlank() ? "connection refused" : m.toLowerCase(Locale.ROOT);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static Optional<JsonNode> parse(String body) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body)).filter(JsonNode::isObject);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // named condition: the Go syncer answers a bad create body in plain text
        }
    }
}
