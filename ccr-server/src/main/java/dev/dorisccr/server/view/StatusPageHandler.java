package dev.dorisccr.server.view;

import static java.util.Objects.requireNonNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /view}: the status page. Query parameters: {@code type} ({@code html}, the default, as in
 * the Go syncer; {@code table}, {@code raw}, {@code json}), {@code job} (one job with its history
 * instead of all jobs), {@code refresh} (seconds between reloads of the html page, 0 for none;
 * default the sampling interval).
 *
 * <p>It renders the sampler's last snapshot and nothing else: a request reads no store and calls
 * no cluster, however often the page reloads. The HTML has no script and no external asset (inline
 * CSS and SVG only), and its {@code Content-Security-Policy} forbids scripts and every fetch, so a
 * job name or error text that slipped past escaping still could not run.
 */
public final class StatusPageHandler implements HttpHandler {
    /** The Content-Security-Policy of the html page. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    private static final int MAX_REFRESH = 3600;

    private final StatusSampler sampler;
    private final InstantSource clock;
    private final ZoneId zone;
    private final String syncer;
    private final String version;

    /**
     * @param sampler where the data comes from
     * @param clock the time of a request ("3 min ago")
     * @param zone time zone of the times shown
     * @param syncer this syncer's identity ({@code host:port}), shown in the header
     * @param version the syncer's version, shown in the header
     */
    public StatusPageHandler(StatusSampler sampler, InstantSource clock, ZoneId zone, String syncer, String version) {
        this.sampler = requireNonNull(sampler, "sampler is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.syncer = requireNonNull(syncer, "syncer is null");
        this.version = requireNonNull(version, "version is null");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        String type = param(query, "type").orElse("html");
        Optional<String> job = param(query, "job").filter(j -> !j.isEmpty());
        StatusSnapshot snapshot = sampler.snapshot();
        Optional<JobHistory> one = job.flatMap(snapshot::job);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
        switch (type) {
            case "html" -> {
                int refresh;
                try {
                    refresh = param(query, "refresh").map(Integer::parseInt).orElse(defaultRefresh());
                } catch (NumberFormatException e) {
                    send(exchange, 400, "text/plain", "refresh must be a whole number of seconds\n");
                    return;
                }
                PageContext ctx = new PageContext(syncer, version, zone, clock.millis(),
                        Math.max(0, Math.min(MAX_REFRESH, refresh)));
                exchange.getResponseHeaders().put(new HttpString("Content-Security-Policy"), CSP);
                exchange.getResponseHeaders().put(new HttpString("Referrer-Policy"), "no-referrer");
                if (job.isEmpty()) {
                    send(exchange, 200, "text/html", OverviewPage.render(snapshot, ctx));
                } else if (one.isPresent()) {
                    send(exchange, 200, "text/html", JobPage.render(one.get(), snapshot, ctx));
                } else {
                    send(exchange, 404, "text/html", JobPage.notFound(job.get(), snapshot, ctx));
                }
            }
            case "json" -> {
                if (job.isEmpty()) {
                    send(exchange, 200, "application/json", JsonViews.all(snapshot));
                } else if (one.isPresent()) {
                    send(exchange, 200, "application/json", JsonViews.one(one.get(), snapshot));
                } else {
                    send(exchange, 404, "application/json", JsonViews.failure("job " + job.get() + " not exist"));
                }
            }
            case "table", "raw" -> {
                boolean table = type.equals("table");
                if (job.isEmpty()) {
                    send(exchange, 200, "text/plain", table ? TextViews.table(snapshot) : TextViews.raw(snapshot));
                } else if (one.isPresent()) {
                    send(exchange, 200, "text/plain", table ? TextViews.jobTable(one.get()) : TextViews.jobRaw(one.get()));
                } else {
                    send(exchange, 404, "text/plain", "job " + TextViews.flat(job.get()) + " not exist\n");
                }
            }
            default -> send(exchange, 400, "text/plain",
                    "unknown type " + TextViews.flat(type) + ": use html, table, raw or json\n");
        }
    }

    private int defaultRefresh() {
        return (int) Math.max(1, Math.min(MAX_REFRESH, sampler.interval().toSeconds()));
    }

    private static Optional<String> param(Map<String, Deque<String>> query, String key) {
        Deque<String> v = query.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getLast());
    }

    private static void send(HttpServerExchange exchange, int status, String type, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type + "; charset=utf-8");
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }
}
