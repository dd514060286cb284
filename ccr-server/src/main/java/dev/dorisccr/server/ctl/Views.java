package dev.dorisccr.server.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readable forms of the syncer's answers. Each takes the answer JSON exactly as {@code
 * JobEndpoints} (or the Go syncer) writes it; a key that is absent (an older or the Go syncer) is
 * left out rather than shown as empty. Epoch-millisecond times are shown as ISO instants (UTC).
 */
final class Views {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Views() {}

    /** {@code /list_jobs}: one job a line under JOB, or "no jobs". */
    static String list(JsonNode answer) {
        JsonNode jobs = answer.path("jobs");
        if (!jobs.isArray() || jobs.isEmpty()) {
            return "no jobs\n";
        }
        TextTable t = TextTable.withHeaders("JOB");
        jobs.forEach(j -> t.row(j.asText()));
        return t.render();
    }

    /** {@code /job_status}: the Go fields, whether the job has caught up, and the observed status. */
    static String status(JsonNode answer) {
        JsonNode s = answer.path("status");
        TextTable t = TextTable.keyValues();
        put(t, "job", s.path("name"));
        put(t, "state", s.path("state"));
        put(t, "progress state", s.path("progress_state"));
        put(t, "sub sync state", s.path("sub_sync_state"));
        if (s.has("caught_up")) {
            t.row("caught up", s.path("caught_up").asBoolean() ? "yes" : "no");
        }
        JsonNode o = s.path("observed");
        if (o.isObject()) {
            String detail = o.path("detail").asText("");
            t.row("observed", o.path("state").asText() + (detail.isEmpty() ? "" : " (" + detail + ")"));
            if (o.path("since").asLong(0) > 0) {
                t.row("since", time(o.path("since").asLong()));
            }
            if (o.has("attempt")) {
                t.row("attempt", o.path("attempt").asText());
            }
            if (o.has("next_retry_at")) {
                t.row("next retry at", time(o.path("next_retry_at").asLong()));
            }
            JsonNode e = o.path("error");
            if (e.isObject()) {
                t.row("error", e.path("code").asText() + ": " + e.path("message").asText());
                put(t, "error step", e.path("step"));
                if (e.path("commit_seq").asLong(-1) >= 0) {
                    t.row("error commit seq", e.path("commit_seq").asText());
                }
                if (e.has("count")) {
                    t.row("error count", e.path("count").asText() + " since " + time(e.path("first_at").asLong()));
                }
                List<String> actions = new ArrayList<>();
                e.path("actions").forEach(a -> actions.add(a.asText()));
                if (!actions.isEmpty()) {
                    t.row("what to do", String.join(", ", actions));
                }
            }
        }
        if (!o.path("error").isObject()) {
            put(t, "last error", s.path("last_error"));
        }
        JsonNode v = o.path("verification");
        if (v.isObject()) {
            t.row("verified", v.path("outcome").asText() + " at " + time(v.path("at").asLong()) + " ("
                    + v.path("partitions_equal").asText() + " partition(s) equal, " + v.path("partitions_differing").asText()
                    + " differing, " + v.path("partitions_not_aligned").asText() + " not aligned)");
            v.path("findings").forEach(f -> t.row("", f.asText()));
        }
        return t.render();
    }

    /** {@code /dry_run}: one line per binlog, its statements indented under it, then why the plan ends. */
    static String plan(JsonNode p) {
        StringBuilder sb = new StringBuilder("plan of job ").append(TextTable.safe(p.path("job").asText()))
                .append(" from commit seq ").append(p.path("from_commit_seq").asText()).append('\n');
        TextTable t = TextTable.withHeaders("COMMIT SEQ", "TYPE", "ACTION", "DETAIL");
        for (JsonNode s : p.path("steps")) {
            t.row(s.path("commit_seq").asText(), s.path("type").asText(), s.path("action").asText(),
                    s.path("detail").asText());
            for (JsonNode sql : s.path("statements")) {
                t.row("", "", "", "  " + sql.asText());
            }
        }
        if (!p.path("steps").isEmpty()) {
            sb.append(t.render());
        }
        return sb.append("then: ").append(TextTable.safe(p.path("end").asText())).append('\n').toString();
    }

    /** {@code /journal}: one line per entry, newest first. */
    static String journal(JsonNode j) {
        StringBuilder sb = new StringBuilder("journal of job ").append(TextTable.safe(j.path("job").asText()))
                .append(", newest first\n");
        if (j.path("entries").isEmpty()) {
            return sb.append("no entries\n").toString();
        }
        TextTable t = TextTable.withHeaders("TIME", "COMMIT SEQ", "TYPE", "OUTCOME", "TOOK", "TABLES", "DETAIL");
        for (JsonNode e : j.path("entries")) {
            List<String> tables = new java.util.ArrayList<>();
            e.path("tables").forEach(x -> tables.add(x.asText()));
            String detail = e.path("detail").asText();
            if (!e.path("label").asText().isEmpty()) {
                detail = (detail.isEmpty() ? "" : detail + " ") + "(label " + e.path("label").asText()
                        + (e.path("txn_id").asLong() >= 0 ? ", txn " + e.path("txn_id").asLong() : "") + ")";
            }
            if (!e.path("error_code").asText().isEmpty() && !detail.contains(e.path("error_code").asText())) {
                detail = e.path("error_code").asText() + ": " + detail;
            }
            t.row(e.path("time").asText(), e.path("commit_seq").asText(), e.path("type").asText(),
                    e.path("outcome").asText(), e.path("duration_ms").asLong() + " ms", String.join(",", tables), detail);
        }
        return sb.append(t.render()).toString();
    }

    /** {@code /verify}: the outcome, then one line per partition (and per table difference). */
    static String verification(JsonNode v) {
        StringBuilder sb = new StringBuilder("verification of job ").append(TextTable.safe(v.path("job").asText()))
                .append(": ").append(v.path("outcome").asText()).append('\n');
        if (v.has("detail")) {
            sb.append(TextTable.safe(v.path("detail").asText())).append('\n');
        }
        TextTable t = TextTable.withHeaders("TABLE", "PARTITION", "OUTCOME", "SOURCE ROWS", "TARGET ROWS", "DETAIL");
        for (JsonNode table : v.path("tables")) {
            String name = table.path("source").asText();
            for (JsonNode d : table.path("differences")) {
                t.row(name, "-", "DIFFERS", "", "", d.asText());
            }
            if (table.has("detail")) {
                t.row(name, "-", table.path("outcome").asText(), "", "", table.path("detail").asText());
            }
            for (JsonNode p : table.path("partitions")) {
                t.row(name, p.path("partition").asText(), p.path("outcome").asText(), rows(p.path("source_rows")),
                        rows(p.path("target_rows")), p.path("detail").asText(""));
            }
            if (table.path("partitions").isEmpty() && table.path("differences").isEmpty() && !table.has("detail")) {
                t.row(name, "-", table.path("outcome").asText(), "", "", "");
            }
        }
        return sb.append(t.render()).toString();
    }

    private static String rows(JsonNode n) {
        return n.asLong(-1) < 0 ? "" : n.asText();
    }

    /** {@code /get_lag}: binlogs and seconds behind, with the commit seqs and timestamps. */
    static String lag(JsonNode answer) {
        TextTable t = TextTable.keyValues();
        put(t, "lag (binlogs)", answer.path("lag"));
        put(t, "lag (seconds)", answer.path("lag_seconds"));
        put(t, "first commit seq", answer.path("first_commit_seq"));
        put(t, "last commit seq", answer.path("last_commit_seq"));
        put(t, "first binlog at", answer.path("first_binlog_timestamp"));
        put(t, "last binlog at", answer.path("last_binlog_timestamp"));
        put(t, "next commit seq", answer.path("next_commit_seq"));
        put(t, "next binlog at", answer.path("next_binlog_timestamp"));
        put(t, "time interval (s)", answer.path("time_interval_secs"));
        return t.render();
    }

    /**
     * Any JSON object as {@code path value} lines ({@code /job_detail}, {@code /job_progress}):
     * nested keys joined with dots, arrays of scalars joined with commas. A value that is a JSON
     * string holding an object (the Go syncer's {@code job_detail}) is opened.
     */
    static String flat(JsonNode value) {
        TextTable t = TextTable.keyValues();
        flatten("", openString(value), t);
        return t.size() == 0 ? "(empty)\n" : t.render();
    }

    /**
     * {@code /preflight}: each check ({@code name}, {@code outcome}, {@code message}, as this
     * syncer answers) in a table when the answer lists them, else every field.
     */
    static String preflight(JsonNode answer) {
        JsonNode checks = answer.path("checks");
        if (!checks.isArray() || checks.isEmpty()) {
            return flat(answer);
        }
        List<String> columns = new ArrayList<>();
        checks.forEach(c -> c.fieldNames().forEachRemaining(f -> {
            if (!columns.contains(f)) {
                columns.add(f);
            }
        }));
        TextTable t = TextTable.withHeaders(columns.stream().map(c -> c.toUpperCase(Locale.ROOT))
                .toArray(String[]::new));
        for (JsonNode c : checks) {
            t.row(columns.stream().map(k -> scalar(c.path(k))).toArray(String[]::new));
        }
        return t.render();
    }

    private static JsonNode openString(JsonNode v) {
        if (v.isTextual() && v.asText().strip().startsWith("{")) {
            try {
                JsonNode parsed = MAPPER.readTree(v.asText());
                return parsed == null ? v : parsed;
            } catch (JsonProcessingException e) {
                return v; // named condition: a string that only looks like JSON is shown as it is
            }
        }
        return v;
    }

    private static void flatten(String path, JsonNode v, TextTable t) {
        if (v.isObject()) {
            if (v.isEmpty() && !path.isEmpty()) {
                t.row(path, "{}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), openString(e.getValue()), t);
            }
        } else if (v.isArray() && allScalars(v)) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(scalar(i)));
            t.row(path, items.isEmpty() ? "[]" : String.join(", ", items));
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                flatten(path + "[" + i + "]", v.get(i), t);
            }
        } else {
            t.row(path.isEmpty() ? "value" : path, scalar(v));
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode i : array) {
            if (i.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    static String scalar(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static void put(TextTable t, String name, JsonNode v) {
        if (!v.isMissingNode() && !v.isNull()) {
            t.row(name, scalar(v));
        }
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
