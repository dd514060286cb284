package dev.dorisccr.core.migrate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.json.JobSpecJson;
import dev.dorisccr.core.spi.DesiredState;

/**
 * A Go job JSON ({@code jobs.job_info}, inventory 3.1) as this syncer's job: the spec (with the
 * passwords, which Go stores in plaintext), the Go {@code state} as the desired state, and the
 * source table id Go computed at creation. Errors never quote the JSON, which holds passwords.
 *
 * @param sourceTableId {@code src.table_id}, -1 when absent
 */
public record GoJobInfo(JobSpec spec, DesiredState desiredState, long sourceTableId) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public GoJobInfo {
        requireNonNull(spec, "spec is null");
        requireNonNull(desiredState, "desiredState is null");
    }

    /** Parses the job JSON of the row named {@code rowName}; {@code CORRUPT_METADATA} when it is unusable. */
    public static GoJobInfo parse(String rowName, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw corrupt("job_info is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw corrupt("job_info is not a JSON object");
        }
        JobSpec spec;
        try {
            spec = JobSpecJson.parseCreateRequest(json);
        } catch (CcrException e) {
            throw new CcrException(ErrorCode.CORRUPT_METADATA, "job_info: " + e.getMessage(), e);
        }
        if (!spec.name().equals(rowName)) {
            throw corrupt("job_info.name is \"" + spec.name() + "\", not the row's job_name");
        }
        JsonNode type = root.get("sync_type");
        if (type != null && !type.isNull() && (!type.isIntegralNumber() || type.asInt() != spec.syncType().code())) {
            throw corrupt("job_info.sync_type " + type + " does not match src/dest (a " + spec.syncType().goName()
                    + " job)");
        }
        return new GoJobInfo(spec, desired(root.get("state")), sourceTableId(root.path("src").get("table_id")));
    }

    private static DesiredState desired(JsonNode state) {
        if (state == null || state.isNull()) {
            return DesiredState.RUNNING;
        }
        if (state.isIntegralNumber() && state.asInt() == 0) {
            return DesiredState.RUNNING;
        }
        if (state.isIntegralNumber() && state.asInt() == 1) {
            return DesiredState.PAUSED;
        }
        throw corrupt("job_info.state " + state + " is unknown (0 running, 1 paused)");
    }

    private static long sourceTableId(JsonNode id) {
        return id != null && id.isIntegralNumber() && id.asLong() > 0 ? id.asLong() : -1;
    }

    private static CcrException corrupt(String message) {
        return new CcrException(ErrorCode.CORRUPT_METADATA, message);
    }
}
