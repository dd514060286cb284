package dev.dorisccr.core.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A backup's {@code job_info} (Doris BackupJobInfo JSON) as getSnapshot returns it. Unknown keys
 * are kept as they are: the target FE reads the document, not us. The syncer adds {@code
 * extra_info} (source BE network map and master token, facts 7.4) before restoreSnapshot.
 */
public final class JobInfo {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Refuse to inflate a job_info past this size (a gzip bomb, or a broken FE). */
    static final int MAX_INFLATED_BYTES = 512 << 20;

    private final ObjectNode root;

    private JobInfo(ObjectNode root) {
        this.root = root;
    }

    /** Parses the bytes getSnapshot returned; {@code compressed} is the result's flag. */
    public static JobInfo parse(byte[] bytes, boolean compressed) {
        requireNonNull(bytes, "bytes is null");
        byte[] json = compressed ? gunzip(bytes) : bytes;
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "snapshot job_info is not JSON", e)
                    .with("bytes", json.length);
        }
        if (node == null || !node.isObject()) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "snapshot job_info is not a JSON object");
        }
        return new JobInfo((ObjectNode) node);
    }

    /** Snapshot name ({@code name}). */
    public String name() {
        return root.path("name").asText("");
    }

    /** Source database name ({@code database}). */
    public String database() {
        return root.path("database").asText("");
    }

    /** Per-table start points: source table id -> commit seq ({@code table_commit_seq_map}). */
    public Map<Long, Long> tableCommitSeqMap() {
        return longMap(root.get("table_commit_seq_map"), "table_commit_seq_map");
    }

    /** Source table name -> source table id, from {@code backup_objects}. */
    public Map<String, Long> tables() {
        Map<String, Long> out = new TreeMap<>();
        JsonNode objs = root.get("backup_objects");
        if (objs == null || !objs.isObject()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = objs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode id = e.getValue().get("id");
            if (id == null || !id.canConvertToLong()) {
                throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "job_info backup_objects." + e.getKey()
                        + " has no numeric id");
            }
            out.put(e.getKey(), id.asLong());
        }
        return out;
    }

    /**
     * A copy with {@code extra_info} set: each source BE's dialable address (host mapping
     * applied) and the source master token.
     */
    public JobInfo withExtraInfo(Map<Long, BackendAddress> sourceBackends, HostMapping mapping, Secret token) {
        ObjectNode copy = root.deepCopy();
        ObjectNode extra = copy.putObject("extra_info");
        ObjectNode network = extra.putObject("be_network_map");
        new TreeMap<>(sourceBackends).forEach((id, addr) -> {
            ObjectNode be = network.putObject(Long.toString(id));
            be.put("ip", mapping.map(addr.host()));
            be.put("port", addr.httpPort());
        });
        extra.put("token", token.reveal());
        return new JobInfo(copy);
    }

    /** The document to send, gzipped when {@code compress}. */
    public byte[] toBytes(boolean compress) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new CcrException(ErrorCode.INTERNAL_ERROR, "cannot serialize job_info", e);
        }
        return compress ? gzip(json) : json;
    }

    /** For logs: the size and table count, never the token. */
    @Override
    public String toString() {
        return "JobInfo[name=" + name() + ", database=" + database() + ", tables=" + tables().size() + "]";
    }

    private static Map<Long, Long> longMap(JsonNode node, String what) {
        Map<Long, Long> out = new TreeMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "job_info " + what + " is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
                    throw new NumberFormatException();
                }
                out.put(Long.parseLong(e.getKey()), e.getValue().asLong());
            } catch (NumberFormatException ex) {
                throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "job_info " + what + " has a non-numeric entry \""
                        + e.getKey() + "\"");
            }
        }
        return out;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new CcrException(ErrorCode.INTERNAL_ERROR, "gzip failed", e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] data) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            byte[] out = in.readNBytes(MAX_INFLATED_BYTES + 1);
            if (out.length > MAX_INFLATED_BYTES) {
                throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "snapshot job_info inflates past "
                        + MAX_INFLATED_BYTES + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new CcrException(ErrorCode.DORIS_RPC_FAILED, "snapshot job_info is flagged compressed but is not gzip: "
                    + e.getMessage(), e);
        }
    }

    /** Raw JSON text, for tests and diagnostics (contains the token once extra info is added). */
    String json() {
        return new String(toBytes(false), StandardCharsets.UTF_8);
    }
}
