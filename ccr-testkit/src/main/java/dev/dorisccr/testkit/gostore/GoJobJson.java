package dev.dorisccr.testkit.gostore;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Go syncer job JSON ({@code jobs.job_info}, inventory 3.1): {@code name}, {@code sync_type},
 * {@code src}/{@code dest} specs with ports as strings and the password in plaintext, the computed
 * {@code frontends}, {@code db_id}, {@code table_id}, {@code skip_error} and {@code state}.
 */
public final class GoJobJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One side of a job: where the FE is, who logs in, what is replicated. */
    public record Endpoint(String host, int port, int thriftPort, String user, String password, String database,
            String table, long dbId, long tableId) {
        public Endpoint {
            requireNonNull(host, "host is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
        }

        public Endpoint withTable(String t, long id) {
            return new Endpoint(host, port, thriftPort, user, password, database, t, dbId, id);
        }
    }

    private final String name;
    private final Endpoint src;
    private final Endpoint dest;
    private int state;
    private boolean skipError;

    private GoJobJson(String name, Endpoint src, Endpoint dest) {
        this.name = requireNonNull(name, "name is null");
        this.src = requireNonNull(src, "src is null");
        this.dest = requireNonNull(dest, "dest is null");
    }

    /** A job; a table job when the endpoints name tables. */
    public static GoJobJson of(String name, Endpoint src, Endpoint dest) {
        return new GoJobJson(name, src, dest);
    }

    /** {@code state}: 0 running, 1 paused (any other number models a damaged record). */
    public GoJobJson state(int v) {
        state = v;
        return this;
    }

    public GoJobJson skipError(boolean v) {
        skipError = v;
        return this;
    }

    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", name);
        n.set("src", spec(src));
        n.set("dest", spec(dest));
        n.put("sync_type", src.table().isEmpty() ? 0 : 1);
        n.put("skip_error", skipError);
        n.put("state", state);
        return n.toString();
    }

    private static ObjectNode spec(Endpoint e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("host", e.host());
        n.put("port", Integer.toString(e.port()));
        n.put("thrift_port", Integer.toString(e.thriftPort()));
        n.put("is_master", true);
        n.putArray("frontends").addObject().put("host", e.host()).put("port", Integer.toString(e.port()))
                .put("thrift_port", Integer.toString(e.thriftPort())).put("is_master", true);
        n.put("user", e.user());
        n.put("password", e.password());
        n.put("cluster", "");
        n.put("database", e.database());
        n.put("db_id", e.dbId());
        n.put("table", e.table());
        n.put("table_id", e.tableId());
        return n;
    }
}
