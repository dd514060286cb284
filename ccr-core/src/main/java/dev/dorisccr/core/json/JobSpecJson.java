package dev.dorisccr.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.ddl.Identifier;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.job.JobEndpoint;
import dev.dorisccr.core.job.JobOptions;
import dev.dorisccr.core.job.JobSpec;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.HostMapping;
import dev.dorisccr.core.spi.Secret;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JSON forms of a {@link JobSpec}, with the Go syncer's keys: the {@code /create_ccr} request
 * body (lenient like Go: unknown keys ignored; ports accepted as strings, as Go wants, or as
 * numbers), and the stored and public form (no password: the store keeps passwords apart, encrypted).
 */
public final class JobSpecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JobSpecJson() {}

    /**
     * Parses a {@code /create_ccr} body. Every problem is an {@code INVALID_ARGUMENT} with the Go
     * syncer's message where it has one.
     */
    public static JobSpec parseCreateRequest(String body) {
        JsonNode root = readObject(body, ErrorCode.INVALID_ARGUMENT);
        String name = text(root, "name", "");
        if (name.isEmpty()) {
            throw invalid("name is empty");
        }
        JobEndpoint src = endpoint(root, "src", node -> Secret.of(text(node, "password", "")));
        JobEndpoint dest = endpoint(root, "dest", node -> Secret.of(text(node, "password", "")));
        JobOptions options = options(root);
        return build(name, src, dest, options);
    }

    /** Secret name of the source password in a job's stored secrets. */
    public static final String SOURCE_PASSWORD = "src.password";
    /** Secret name of the target password in a job's stored secrets. */
    public static final String TARGET_PASSWORD = "dest.password";

    /** The secrets the store keeps apart from the spec (encrypted at rest). */
    public static Map<String, Secret> secrets(JobSpec spec) {
        return Map.of(SOURCE_PASSWORD, spec.source().cluster().password(),
                TARGET_PASSWORD, spec.target().cluster().password());
    }

    /** The stored spec: the public form, without passwords. */
    public static String toStoredJson(JobSpec spec) {
        return publicNode(spec).toString();
    }

    /** Reads a stored spec and its secrets back. A damaged record is {@code CORRUPT_METADATA}. */
    public static JobSpec fromStoredJson(String json, Map<String, Secret> secrets) {
        JsonNode root = readObject(json, ErrorCode.CORRUPT_METADATA);
        try {
            JobEndpoint src = endpoint(root, "src", node -> secrets.getOrDefault(SOURCE_PASSWORD, Secret.empty()));
            JobEndpoint dest = endpoint(root, "dest", node -> secrets.getOrDefault(TARGET_PASSWORD, Secret.empty()));
            return build(text(root, "name", ""), src, dest, options(root));
        } catch (CcrException e) {
            if (e.code() == ErrorCode.INVALID_ARGUMENT) {
                throw new CcrException(ErrorCode.CORRUPT_METADATA, "stored job is invalid: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The form shown to operators ({@code /job_detail}): everything but the passwords. */
    public static ObjectNode publicNode(JobSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", spec.name());
        root.put("sync_type", spec.syncType().code());
        root.set("src", endpointNode(spec.source()));
        root.set("dest", endpointNode(spec.target()));
        root.put("skip_error", spec.options().skipError());
        root.put("allow_table_exists", spec.options().allowTableExists());
        root.put("reuse_binlog_label", spec.options().reuseBinlogLabel());
        root.put("replication_num", spec.options().replicationNum());
        return root;
    }

    private static ObjectNode endpointNode(JobEndpoint e) {
        ObjectNode n = MAPPER.createObjectNode();
        ClusterSpec c = e.cluster();
        n.put("host", c.host());
        n.put("port", Integer.toString(c.port()));
        n.put("thrift_port", Integer.toString(c.thriftPort()));
        n.put("user", c.user());
        n.put("cluster", c.cluster());
        n.put("database", e.database());
        n.put("table", e.table());
        ObjectNode hm = n.putObject("host_mapping");
        new TreeMap<>(c.hostMapping().mapping()).forEach(hm::put);
        return n;
    }

    private static JobSpec build(String name, JobEndpoint src, JobEndpoint dest, JobOptions options) {
        try {
            return new JobSpec(name, src, dest, options);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * A host the connectors can dial: a DNS name or an IPv4 address, or an IPv6 literal, bracketed
     * or not. Whitespace and control characters are refused here: a JDBC URL cannot hold them (a
     * CR/LF host was an internal error from the driver) and they would forge log lines.
     */
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9._-]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?");
    private static final int MAX_HOST_LENGTH = 253;

    private interface PasswordReader {
        Secret read(JsonNode endpoint);
    }

    private static JobEndpoint endpoint(JsonNode root, String side, PasswordReader password) {
        JsonNode n = root.get(side);
        if (n == null || n.isNull()) {
            throw invalid(side + " is missing");
        }
        if (!n.isObject()) {
            throw invalid(side + " must be a JSON object");
        }
        String host = text(n, "host", "");
        if (host.isBlank()) {
            throw invalid(side + ".host is empty");
        }
        if (host.length() > MAX_HOST_LENGTH || !HOST.matcher(host).matches()) {
            throw invalid(side + ".host is not a host name or IP address (letters, digits, '.', '-', '_';"
                    + " an IPv6 address in [ ]; a unicode name in its xn-- form)");
        }
        int port = port(n, side, "port");
        int thriftPort = port(n, side, "thrift_port");
        String user = text(n, "user", "");
        if (user.isEmpty()) {
            throw invalid(side + ".user is empty");
        }
        objectName(side + ".user", user); // a newline in a user name would forge log lines
        String database = text(n, "database", "");
        if (database.isBlank()) {
            throw invalid(side + ".database is empty");
        }
        objectName(side + ".database", database);
        String table = text(n, "table", "");
        if (!table.isEmpty()) {
            objectName(side + ".table", table);
        }
        HostMapping mapping = hostMapping(n, side);
        ClusterSpec cluster = new ClusterSpec(host, port, thriftPort, user, password.read(n),
                text(n, "cluster", ""), mapping);
        return new JobEndpoint(cluster, database, table);
    }

    /**
     * A database or table name the SQL layer can quote: at most {@link Identifier#MAX_LENGTH}
     * characters, no control characters (a NUL or a newline is no Doris name, and would forge log
     * lines); the same rule for source and target, so bad input is a clear 400 on either side.
     */
    private static void objectName(String field, String value) {
        if (value.length() > Identifier.MAX_LENGTH) {
            throw invalid(field + " is longer than " + Identifier.MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(field + " contains a control character at index " + i);
            }
        }
    }

    private static HostMapping hostMapping(JsonNode n, String side) {
        JsonNode hm = n.get("host_mapping");
        if (hm == null || hm.isNull()) {
            return HostMapping.none();
        }
        if (!hm.isObject()) {
            throw invalid(side + ".host_mapping must be a JSON object of host -> host");
        }
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = hm.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw invalid(side + ".host_mapping." + e.getKey() + " must be a string");
            }
            if (!e.getValue().asText().isEmpty()) {
                m.put(e.getKey(), e.getValue().asText());
            }
        }
        return new HostMapping(m);
    }

    private static JobOptions options(JsonNode root) {
        int replicationNum = 0;
        JsonNode rn = root.get("replication_num");
        if (rn != null && !rn.isNull()) {
            if (!rn.canConvertToInt() || !rn.isIntegralNumber() || rn.asInt() < 0 || rn.asInt() > 32767) {
                throw invalid("replication_num must be an integer in [0, 32767]");
            }
            replicationNum = rn.asInt();
        }
        return new JobOptions(bool(root, "skip_error"), bool(root, "allow_table_exists"),
                bool(root, "reuse_binlog_label"), replicationNum);
    }

    private static int port(JsonNode n, String side, String key) {
        JsonNode v = n.get(key);
        String where = side + "." + key;
        if (v == null || v.isNull()) {
            throw invalid(where + " is missing");
        }
        long value;
        if (v.isTextual()) {
            try {
                value = Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                throw invalid(where + " is not a port number: \"" + v.asText() + "\"");
            }
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.asLong();
        } else {
            throw invalid(where + " must be a port number (string or integer)");
        }
        if (value <= 0 || value > 65535) {
            throw invalid(where + " out of range: " + value);
        }
        return (int) value;
    }

    private static boolean bool(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw invalid(key + " must be true or false");
        }
        return v.asBoolean();
    }

    private static String text(JsonNode n, String key, String absent) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw invalid(key + " must be a string");
        }
        return v.asText();
    }

    /** Parses {@code json} as one JSON object; anything else fails with {@code code}. */
    public static JsonNode readObject(String json, ErrorCode code) {
        if (json == null || json.isBlank()) {
            throw new CcrException(code, "empty JSON body");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CcrException(code, "malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CcrException(code, "expected a JSON object");
        }
        return root;
    }

    private static CcrException invalid(String message) {
        return new CcrException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
