package dev.dorisccr.server.http;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Set;

/**
 * Times every request of an {@link ApiHandler}: {@code http_server_requests_seconds{method, uri,
 * status, outcome}}, Micrometer's usual name. {@code uri} is the path when it is one the handler
 * serves, else {@code other}, so a scan of random paths adds no series.
 */
public final class MeteredHandler implements HttpHandler {
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    private final HttpHandler next;
    private final Set<String> paths;
    private final MeterRegistry registry;

    public MeteredHandler(ApiHandler next, MeterRegistry registry) {
        this.next = requireNonNull(next, "next is null");
        this.paths = next.paths();
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String path = exchange.getRelativePath();
        String uri = paths.contains(path) ? path : "other";
        String method = METHODS.contains(exchange.getRequestMethod().toString()) ? exchange.getRequestMethod().toString()
                : "other";
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            int status = ex.getStatusCode();
            sample.stop(Timer.builder("http.server.requests").description("HTTP requests to the syncer's API")
                    .tag("method", method).tag("uri", uri).tag("status", Integer.toString(status))
                    .tag("outcome", outcome(status)).serviceLevelObjectives(BUCKETS).register(registry));
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        return "SUCCESS";
    }
}
