package dev.dorisccr.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobError;
import dev.dorisccr.core.job.ObservedState;
import dev.dorisccr.core.job.ObservedStatus;
import dev.dorisccr.core.job.VerificationSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObservedStatus} as JSON: the {@code observed} object kept beside the Go keys of a stored
 * progress, and shown by {@code /job_status}. Reading is lenient: a missing or damaged object
 * reads as {@link ObservedState#STARTING} (a progress written by the Go syncer has none).
 */
public final class ObservedStatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObservedStatusJson() {}

    public static ObjectNode node(ObservedStatus s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("state", s.state().name());
        if (!s.detail().isEmpty()) {
            n.put("detail", s.detail());
        }
        n.put("since", s.sinceMs());
        if (s.attempt() > 0) {
            n.put("attempt", s.attempt());
        }
        if (s.nextRetryAtMs() > 0) {
            n.put("next_retry_at", s.nextRetryAtMs());
        }
        s.error().ifPresent(e -> {
            ObjectNode err = n.putObject("error");
            err.put("code", e.code().name());
            err.put("message", e.message());
            err.put("step", e.step());
            err.put("commit_seq", e.commitSeq());
            err.put("first_at", e.firstAtMs());
            err.put("last_at", e.lastAtMs());
            err.put("count", e.count());
            ArrayNode a = err.putArray("actions");
            e.actions().forEach(a::add);
        });
        s.verification().ifPresent(v -> {
            ObjectNode ver = n.putObject("verification");
            ver.put("at", v.atMs());
            ver.put("outcome", v.outcome());
            ver.put("tables", v.tables());
            ver.put("partitions_equal", v.partitionsEqual());
            ver.put("partitions_differing", v.partitionsDiffering());
            ver.put("partitions_not_aligned", v.partitionsNotAligned());
            ArrayNode f = ver.putArray("findings");
            v.findings().forEach(f::add);
        });
        return n;
    }

    /** Reads {@code n} (the {@code observed} object); STARTING at {@code nowMs} when absent or damaged. */
    public static ObservedStatus read(JsonNode n, long nowMs) {
        if (n == null || !n.isObject()) {
            return ObservedStatus.starting(nowMs);
        }
        try {
            ObservedState state = ObservedState.valueOf(n.path("state").asText("STARTING"));
            Optional<JobError> error = Optional.empty();
            JsonNode e = n.get("error");
            if (e != null && e.isObject()) {
                List<String> actions = new ArrayList<>();
                e.path("actions").forEach(a -> actions.add(a.asText()));
                error = Optional.of(new JobError(ErrorCode.valueOf(e.path("code").asText()), e.path("message").asText(""),
                        e.path("step").asText(""), e.path("commit_seq").asLong(-1), e.path("first_at").asLong(0),
                        e.path("last_at").asLong(0), Math.max(1, e.path("count").asInt(1)), actions));
            }
            Optional<VerificationSummary> verification = Optional.empty();
            JsonNode v = n.get("verification");
            if (v != null && v.isObject()) {
                List<String> findings = new ArrayList<>();
                v.path("findings").forEach(f -> findings.add(f.asText()));
                verification = Optional.of(new VerificationSummary(v.path("at").asLong(0), v.path("outcome").asText("FAILED"),
                        v.path("tables").asInt(0), v.path("partitions_equal").asInt(0),
                        v.path("partitions_differing").asInt(0), v.path("partitions_not_aligned").asInt(0), findings));
            }
            return new ObservedStatus(state, n.path("detail").asText(""), error, n.path("attempt").asInt(0),
                    n.path("next_retry_at").asLong(0), n.path("since").asLong(nowMs), verification);
        } catch (IllegalArgumentException e) {
            return ObservedStatus.starting(nowMs); // written by another version: not worth failing the job
        }
    }
}
