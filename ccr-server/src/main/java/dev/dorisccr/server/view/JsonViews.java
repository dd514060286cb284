package dev.dorisccr.server.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.json.ObservedStatusJson;

/**
 * {@code /view?type=json}: {@code {"success": true, "jobs": [...]}} where each job has the Go
 * syncer's keys with its string values ({@code jobName}, {@code type}, {@code lag}, {@code lagSec},
 * {@code syncState}, {@code subSyncState}, {@code lastFullSyncTime}, {@code lastFullSyncReason},
 * {@code isHostMapping}, {@code otherArgs}), then ours as typed values: {@code desired_state},
 * {@code observed} (as {@code /job_status} shows it), {@code source}, {@code target}, {@code
 * lag_error}, {@code sampled_at}, {@code lag_history} and {@code events}.
 */
final class JsonViews {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonViews() {}

    static String all(StatusSnapshot snapshot) {
        ObjectNode n = head(snapshot);
        ArrayNode jobs = n.putArray("jobs");
        snapshot.jobs().forEach(j -> jobs.add(job(j)));
        return n.toString();
    }

    static String one(JobHistory job, StatusSnapshot snapshot) {
        ObjectNode n = head(snapshot);
        n.set("job", job(job));
        return n.toString();
    }

    static String failure(String message) {
        return MAPPER.createObjectNode().put("success", false).put("error_msg", message).toString();
    }

    private static ObjectNode head(StatusSnapshot snapshot) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("success", true);
        n.put("sampled_at", snapshot.atMs());
        n.put("interval_seconds", snapshot.interval().toSeconds());
        return n;
    }

    private static ObjectNode job(JobHistory job) {
        JobSample s = job.latest();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("jobName", s.name());
        n.put("type", s.type());
        n.put("lag", s.lag().map(l -> Long.toString(l.lag())).orElse(""));
        n.put("lagSec", s.lag().map(l -> Long.toString(l.lagSeconds())).orElse(""));
        n.put("syncState", s.syncState());
        n.put("subSyncState", s.subSyncState());
        n.put("lastFullSyncTime", Long.toString(s.fullSyncStartAtSeconds()));
        n.put("lastFullSyncReason", s.fullSyncReason());
        n.put("isHostMapping", Boolean.toString(s.hostMapping()));
        n.put("otherArgs", "");
        n.put("desired_state", s.desired().name());
        n.set("observed", ObservedStatusJson.node(s.observed()));
        n.put("source", s.source());
        n.put("target", s.target());
        if (!s.lagError().isEmpty()) {
            n.put("lag_error", s.lagError());
        }
        n.put("sampled_at", s.atMs());
        ArrayNode lag = n.putArray("lag_history");
        job.lag().forEach(p -> lag.addObject().put("at", p.atMs()).put("lag", p.lag()).put("lag_seconds", p.lagSeconds()));
        ArrayNode events = n.putArray("events");
        job.events().forEach(e -> events.addObject().put("at", e.atMs()).put("kind", e.kind().name()).put("text", e.text()));
        return n;
    }
}
