package dev.dorisccr.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.error.ErrorType;
import dev.dorisccr.core.syncer.JobOwner;
import dev.dorisccr.server.view.StatusPageHandler;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the Go syncer's paths to {@link JobEndpoints}. Like the Go syncer it accepts any HTTP
 * method, answers 200 with {@code {"success": ..., "error_msg": ...}} and 303 to the owning syncer
 * for a job owned elsewhere. Unlike it, a body that is not JSON is refused on every path (the Go
 * syncer did so with a 400 on {@code /create_ccr} only), and the answer says {@code
 * application/json}. Request bodies are never logged: they carry passwords. {@code /view} (GET, query
 * parameters, no body) goes to the status page when one is given.
 *
 * <p>The server checks no API token (the Go syncer has none either): every path, {@code /view}
 * included, is open to whoever reaches the port. A token check belongs at the top of {@link
 * #handleRequest}, where it covers {@code /view} too.
 */
public final class ApiHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JobEndpoints endpoints;
    /** Operations that take their arguments from the query string too (a GET), and answer bad ones with 400. */
    private static final java.util.Set<String> QUERY_PATHS = java.util.Set.of("/journal");
    private final Map<String, Route> routes;
    private final StatusPageHandler statusPage;

    /** Without a status page: {@code /view} is an unknown operation. */
    public ApiHandler(JobEndpoints endpoints) {
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
        this.routes = endpoints.routes();
        this.statusPage = null;
    }

    public ApiHandler(JobEndpoints endpoints, StatusPageHandler statusPage) {
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
        this.routes = endpoints.routes();
        this.statusPage = requireNonNull(statusPage, "statusPage is null");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        String path = exchange.getRelativePath();
        if ("/metrics".equals(path)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(endpoints.metricsText());
            return;
        }
        if ("/view".equals(path) && statusPage != null) {
            statusPage.handleRequest(exchange);
            return;
        }
        Route route = routes.get(path);
        if (route == null) {
            sendJson(exchange, 404, failure("unknown operation " + path));
            return;
        }
        if (exchange.getRequestContentLength() > ApiServer.MAX_BODY_BYTES
                && exchange.getRequestHeaders().contains(io.undertow.util.Headers.EXPECT)) {
            // refused before the body is sent: a client that asked Expect: 100-continue (curl does) gets
            // this answer instead of a connection closed under its upload; a client already sending its
            // body is read up to the limit below, so that it is listening when the answer comes
            sendJson(exchange, 413, failure("request body over " + ApiServer.MAX_BODY_BYTES + " bytes"));
            return;
        }
        String raw;
        try {
            exchange.startBlocking();
            raw = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            sendJson(exchange, 413, failure("request body unreadable or over " + ApiServer.MAX_BODY_BYTES + " bytes"));
            return;
        }
        JsonNode body;
        try {
            body = raw.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            sendJson(exchange, 400, failure("request body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (body == null || !body.isObject()) {
            sendJson(exchange, 400, failure("request body must be a JSON object"));
            return;
        }
        if (QUERY_PATHS.contains(path) && raw.isBlank()) {
            body = fromQuery(exchange); // GET /journal?name=...&outcome=...: the filters in the query string
        }
        ApiRequest request = new ApiRequest(path, raw, body);
        try {
            if (route.redirects()) {
                JobOwner owner = endpoints.ownerOf(request.name());
                if (owner.kind() == JobOwner.Kind.NOT_FOUND) {
                    sendJson(exchange, 200, failure("job " + request.name() + " not exist"));
                    return;
                }
                if (owner.kind() == JobOwner.Kind.REMOTE && owner.address().endsWith(":0")) {
                    // an embedded engine (no HTTP API) runs the job: nowhere to redirect to
                    sendJson(exchange, 200, failure("job " + request.name() + " is run by the embedded engine "
                            + owner.address() + ", which has no HTTP API"));
                    return;
                }
                if (owner.kind() == JobOwner.Kind.REMOTE) {
                    redirect(exchange, owner.address());
                    return;
                }
            }
            ObjectNode answer = route.action().handle(request);
            sendJson(exchange, 200, answer);
        } catch (CcrException e) {
            if (e.type() != ErrorType.USER) {
                log.warn("{} failed: {}", path, e.getMessage());
            }
            int status = e.code() == ErrorCode.INVALID_ARGUMENT
                    && ("/create_ccr".equals(path) || QUERY_PATHS.contains(path)) ? 400 : 200;
            sendJson(exchange, status, failure(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("{} failed unexpectedly", path, e);
            sendJson(exchange, 500, failure("internal error: " + e.getClass().getSimpleName()));
        }
    }

    /**
     * Every path served: the operations and {@code /metrics} ({@code /view} is served besides when a
     * status page is given). docs/http-api.md documents exactly these, checked by a test.
     */
    public java.util.Set<String> paths() {
        java.util.Set<String> p = new java.util.TreeSet<>(routes.keySet());
        p.add("/metrics");
        return java.util.Set.copyOf(p);
    }

    /** A JSON object of the query parameters (a repeated one joined with commas). */
    private static ObjectNode fromQuery(HttpServerExchange exchange) {
        ObjectNode n = MAPPER.createObjectNode();
        exchange.getQueryParameters().forEach((k, v) -> n.put(k, String.join(",", v)));
        return n;
    }

    private static void redirect(HttpServerExchange exchange, String owner) {
        String uri = exchange.getRequestURI();
        String query = exchange.getQueryString();
        String location = "http://" + owner + uri + (query == null || query.isEmpty() ? "" : "?" + query);
        exchange.setStatusCode(303);
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        exchange.endExchange();
    }

    static ObjectNode failure(String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("success", false);
        n.put("error_msg", message);
        return n;
    }

    private static void sendJson(HttpServerExchange exchange, int status, ObjectNode body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(body.toString(), StandardCharsets.UTF_8);
    }

    /** One operation: whether it follows the job's owner, and what it does. */
    record Route(boolean redirects, Action action) {}

    /** The body of one operation. */
    @FunctionalInterface
    interface Action {
        ObjectNode handle(ApiRequest request);
    }
}
