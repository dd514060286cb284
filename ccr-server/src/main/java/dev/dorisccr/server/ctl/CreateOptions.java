package dev.dorisccr.server.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.json.JobSpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code create_ccr} body of {@code ctl create} and {@code ctl doctor}: from flags, or from a
 * JSON file holding the body as in the manual's curl example. Passwords are never flag values
 * (they would show in {@code ps} and the shell history): each comes from a file or an environment
 * variable, and is never printed. The body is checked here with the server's own parser, so a bad
 * argument is refused before anything is sent.
 */
final class CreateOptions {
    static final String SOURCE_PASSWORD_ENV = "CCR_SRC_PASSWORD";
    static final String TARGET_PASSWORD_ENV = "CCR_DEST_PASSWORD";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--file", paramLabel = "FILE",
            description = "Read the create_ccr JSON body from FILE (- for stdin) instead of the --src-*/--dest-* flags.")
    String file;

    @Option(names = "--src-host", paramLabel = "HOST", description = "Source FE host (the master's).")
    String srcHost;
    @Option(names = "--src-port", paramLabel = "PORT", description = "Source FE MySQL port (default 9030).")
    String srcPort;
    @Option(names = "--src-thrift-port", paramLabel = "PORT", description = "Source FE rpc_port (default 9020).")
    String srcThriftPort;
    @Option(names = "--src-user", paramLabel = "USER", description = "Source user (default root).")
    String srcUser;
    @Option(names = "--src-database", paramLabel = "DB", description = "Source database.")
    String srcDatabase;
    @Option(names = "--src-table", paramLabel = "TABLE", description = "Source table (none: a database job).")
    String srcTable;
    @Option(names = "--src-password-file", paramLabel = "FILE",
            description = "Read the source password from FILE (its trailing line break dropped).")
    Path srcPasswordFile;
    @Option(names = "--src-password-env", paramLabel = "VAR",
            description = "Take the source password from environment variable VAR (default: $"
                    + SOURCE_PASSWORD_ENV + " when set, else none).")
    String srcPasswordEnv;

    @Option(names = "--dest-host", paramLabel = "HOST", description = "Target FE host (the master's).")
    String destHost;
    @Option(names = "--dest-port", paramLabel = "PORT", description = "Target FE MySQL port (default 9030).")
    String destPort;
    @Option(names = "--dest-thrift-port", paramLabel = "PORT", description = "Target FE rpc_port (default 9020).")
    String destThriftPort;
    @Option(names = "--dest-user", paramLabel = "USER", description = "Target user (default root).")
    String destUser;
    @Option(names = "--dest-database", paramLabel = "DB", description = "Target database.")
    String destDatabase;
    @Option(names = "--dest-table", paramLabel = "TABLE", description = "Target table (with --src-table).")
    String destTable;
    @Option(names = "--dest-password-file", paramLabel = "FILE",
            description = "Read the target password from FILE (its trailing line break dropped).")
    Path destPasswordFile;
    @Option(names = "--dest-password-env", paramLabel = "VAR",
            description = "Take the target password from environment variable VAR (default: $"
                    + TARGET_PASSWORD_ENV + " when set, else none).")
    String destPasswordEnv;

    @Option(names = "--skip-error", description = "Skip binlogs that fail to apply (skip_error).")
    boolean skipError;
    @Option(names = "--allow-table-exists", description = "A table job may start on an existing target table.")
    boolean allowTableExists;
    @Option(names = "--reuse-binlog-label", description = "Ingest with the source load label (reuse_binlog_label).")
    boolean reuseBinlogLabel;

    /** Refused with a message that does not repeat the value: a password given as a flag. */
    @Option(names = {"--src-password", "--dest-password", "--password"}, hidden = true, arity = "0..1",
            paramLabel = "(refused)")
    String passwordFlag;

    /**
     * The body to send, checked.
     *
     * @param job the JOB argument, null when not given
     * @param defaultName the name when neither JOB nor the file gives one (doctor), null when required
     */
    ObjectNode body(String job, String defaultName, CtlContext ctx) {
        if (passwordFlag != null) {
            throw CtlException.usage("a password is never a flag value (it would show in ps and the shell history):"
                    + " use --src-password-file/--dest-password-file FILE or --src-password-env/--dest-password-env VAR");
        }
        if (job != null && job.isBlank()) {
            throw CtlException.usage("JOB is empty");
        }
        ObjectNode body = file != null ? fromFile(job, defaultName, ctx) : fromFlags(job, defaultName);
        setPassword(body, "src", "--src", srcPasswordFile, srcPasswordEnv, SOURCE_PASSWORD_ENV, ctx);
        setPassword(body, "dest", "--dest", destPasswordFile, destPasswordEnv, TARGET_PASSWORD_ENV, ctx);
        if (skipError) {
            body.put("skip_error", true);
        }
        if (allowTableExists) {
            body.put("allow_table_exists", true);
        }
        if (reuseBinlogLabel) {
            body.put("reuse_binlog_label", true);
        }
        try {
            JobSpecJson.parseCreateRequest(body.toString());
        } catch (CcrException e) { // INVALID_ARGUMENT, in the server's words, which never quote a password
            throw CtlException.usage((file != null ? file + ": " : "") + e.getMessage());
        }
        return body;
    }

    private ObjectNode fromFile(String job, String defaultName, CtlContext ctx) {
        for (Map.Entry<String, Object> f : endpointFlags().entrySet()) {
            if (f.getValue() != null) {
                throw CtlException.usage("--file and " + f.getKey() + " cannot be combined: the file holds the body");
            }
        }
        String text;
        try {
            byte[] bytes = "-".equals(file) ? ctx.stdin().readAllBytes() : Files.readAllBytes(Path.of(file));
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw CtlException.usage("cannot read --file " + file + ": " + e.getClass().getSimpleName());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) { // the parser's message can quote the text: only its place
            throw CtlException.usage("--file " + file + " is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw CtlException.usage("--file " + file + " must hold a JSON object (the create_ccr body)");
        }
        ObjectNode body = (ObjectNode) root;
        if (job != null) {
            body.put("name", job);
        } else if (defaultName != null && body.path("name").asText("").isEmpty()) {
            body.put("name", defaultName);
        }
        return body;
    }

    private ObjectNode fromFlags(String job, String defaultName) {
        String name = job != null ? job : defaultName;
        if (name == null) {
            throw CtlException.usage("JOB is missing: ctl create JOB --src-host ... (or --file FILE)");
        }
        ObjectNode body = MAPPER.createObjectNode().put("name", name);
        body.set("src", endpoint("--src", srcHost, srcPort, srcThriftPort, srcUser, srcDatabase, srcTable));
        body.set("dest", endpoint("--dest", destHost, destPort, destThriftPort, destUser, destDatabase, destTable));
        return body;
    }

    private static ObjectNode endpoint(String flag, String host, String port, String thriftPort, String user,
            String database, String table) {
        if (host == null || host.isBlank()) {
            throw CtlException.usage(flag + "-host is missing");
        }
        if (database == null || database.isBlank()) {
            throw CtlException.usage(flag + "-database is missing");
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("host", host);
        n.put("port", Integer.toString(port(flag + "-port", port, 9030)));
        n.put("thrift_port", Integer.toString(port(flag + "-thrift-port", thriftPort, 9020)));
        n.put("user", user == null ? "root" : user);
        n.put("password", "");
        n.put("database", database);
        n.put("table", table == null ? "" : table);
        return n;
    }

    private static int port(String flag, String value, int absent) {
        if (value == null) {
            return absent;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 5 || !v.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(v) < 1 || Integer.parseInt(v) > 65535) {
            throw CtlException.usage(flag + " must be a port number (1-65535): " + value);
        }
        return Integer.parseInt(v);
    }

    /** Sets {@code side.password} from the file, else the variable, else the default variable, else leaves it. */
    private void setPassword(ObjectNode body, String side, String flag, Path passwordFile, String envName,
            String defaultEnv, CtlContext ctx) {
        if (passwordFile != null && envName != null) {
            throw CtlException.usage(flag + "-password-file and " + flag + "-password-env: give one of them");
        }
        String password = null;
        if (passwordFile != null) {
            password = readPasswordFile(flag + "-password-file", passwordFile);
        } else if (envName != null) {
            password = ctx.env().apply(envName);
            if (password == null) {
                throw CtlException.usage("environment variable " + envName + " (" + flag + "-password-env) is not set");
            }
        } else if (!body.path(side).has("password") || body.path(side).path("password").asText("").isEmpty()) {
            password = ctx.env().apply(defaultEnv);
        }
        if (password != null && body.get(side) instanceof ObjectNode endpoint) {
            endpoint.put("password", password);
        }
    }

    private static String readPasswordFile(String flag, Path f) {
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw CtlException.usage("cannot read " + flag + " " + f + ": " + e.getClass().getSimpleName());
        }
        String password = text.replaceFirst("(\\r?\\n)+$", "");
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw CtlException.usage(flag + " " + f + " holds more than one line; it must hold the password only");
        }
        return password;
    }

    private Map<String, Object> endpointFlags() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("--src-host", srcHost);
        m.put("--src-port", srcPort);
        m.put("--src-thrift-port", srcThriftPort);
        m.put("--src-user", srcUser);
        m.put("--src-database", srcDatabase);
        m.put("--src-table", srcTable);
        m.put("--dest-host", destHost);
        m.put("--dest-port", destPort);
        m.put("--dest-thrift-port", destThriftPort);
        m.put("--dest-user", destUser);
        m.put("--dest-database", destDatabase);
        m.put("--dest-table", destTable);
        return m;
    }
}
