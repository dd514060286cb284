package dev.dorisccr.server.ctl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ctl watch}: every interval, the jobs (those named, else all of {@code /list_jobs}) with
 * their {@code /job_status} and {@code /get_lag}, as a table redrawn in place on a terminal, or one
 * JSON object per frame with {@code --json}. A frame that cannot reach the server says so and the
 * watch goes on (a syncer restarting should not end it); the exit code is the last frame's.
 */
final class Watch {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CLEAR = "\u001b[H\u001b[2J";
    private static final int ERROR_WIDTH = 80;

    private final CtlClient client;
    private final CtlContext ctx;
    private final boolean json;
    private final PrintWriter out;

    Watch(CtlClient client, CtlContext ctx, boolean json, PrintWriter out) {
        this.client = requireNonNull(client, "client is null");
        this.ctx = requireNonNull(ctx, "ctx is null");
        this.json = json;
        this.out = requireNonNull(out, "out is null");
    }

    /** Draws {@code count} frames (0: until interrupted) {@code every} apart; the last frame's exit code. */
    int run(List<String> jobs, Duration every, int count) {
        int code = ExitCode.OK;
        for (int frame = 0; count == 0 || frame < count; frame++) {
            if (frame > 0) {
                try {
                    ctx.pause().pause(every);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return code;
                }
            }
            code = frame(jobs, every);
            out.flush();
        }
        return code;
    }

    private int frame(List<String> named, Duration every) {
        ObjectNode frame = MAPPER.createObjectNode();
        frame.put("server", client.server().toString());
        frame.put("at", ctx.clock().instant().toString());
        int code = ExitCode.OK;
        List<Row> rows = new ArrayList<>();
        try {
            for (String name : named.isEmpty() ? listJobs() : named) {
                Row row = row(name);
                code = row.error.isEmpty() ? code : ExitCode.SERVER_ERROR;
                rows.add(row);
            }
        } catch (CtlException e) {
            code = e.exitCode();
            frame.put("error", e.getMessage());
        }
        ArrayNode jobs = frame.putArray("jobs");
        rows.forEach(r -> jobs.add(r.node()));
        if (json) {
            out.println(frame.toString());
            return code;
        }
        out.print(ctx.terminal() ? CLEAR : "");
        out.println("every " + CtlClient.format(every) + "  " + client.server() + "  " + frame.get("at").asText());
        if (frame.has("error")) {
            out.println("error: " + TextTable.safe(frame.get("error").asText()));
        } else if (rows.isEmpty()) {
            out.println("no jobs");
        } else {
            TextTable t = TextTable.withHeaders("JOB", "STATE", "OBSERVED", "PROGRESS", "LAG", "LAG(S)", "CAUGHT UP",
                    "ERROR");
            rows.forEach(r -> t.row(r.cells()));
            out.print(t.render());
        }
        if (!ctx.terminal()) {
            out.println();
        }
        return code;
    }

    private List<String> listJobs() {
        Answer a = client.post("/list_jobs", "{}");
        if (!a.ok()) {
            throw new CtlException(ExitCode.SERVER_ERROR, "list_jobs: " + a.error());
        }
        List<String> names = new ArrayList<>();
        a.json().orElseThrow().path("jobs").forEach(j -> names.add(j.asText()));
        return names;
    }

    private Row row(String name) {
        String body = MAPPER.createObjectNode().put("name", name).toString();
        Answer status = client.post("/job_status", body);
        if (!status.ok()) {
            return new Row(name, MAPPER.missingNode(), MAPPER.missingNode(), status.error());
        }
        Answer lag = client.post("/get_lag", body);
        return new Row(name, status.json().orElseThrow().path("status"),
                lag.ok() ? lag.json().orElseThrow() : MAPPER.missingNode(), lag.ok() ? "" : "lag: " + lag.error());
    }

    /** One job in a frame: its status and lag objects (missing when they failed) and what failed. */
    private record Row(String name, JsonNode status, JsonNode lag, String error) {
        String[] cells() {
            JsonNode o = status.path("observed");
            String observed = o.path("state").asText("");
            String detail = o.path("detail").asText("");
            String lastError = o.path("error").isObject()
                    ? o.path("error").path("code").asText() + ": " + o.path("error").path("message").asText()
                    : status.path("last_error").asText("");
            String shown = !error.isEmpty() ? error : lastError;
            return new String[] {
                name,
                status.path("state").asText("?"),
                observed + (detail.isEmpty() ? "" : " (" + detail + ")"),
                status.path("progress_state").asText(""),
                lag.has("lag") ? lag.get("lag").asText() : "?",
                lag.has("lag_seconds") ? lag.get("lag_seconds").asText() : "?",
                status.has("caught_up") ? (status.get("caught_up").asBoolean() ? "yes" : "no") : "?",
                shown.length() > ERROR_WIDTH ? shown.substring(0, ERROR_WIDTH - 3) + "..." : shown};
        }

        ObjectNode node() {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("name", name);
            n.set("status", status.isMissingNode() ? MAPPER.nullNode() : status);
            n.set("lag", lag.isMissingNode() ? MAPPER.nullNode() : lag);
            if (!error.isEmpty()) {
                n.put("error", error);
            }
            return n;
        }
    }
}
