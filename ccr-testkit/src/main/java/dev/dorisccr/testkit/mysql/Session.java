package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection: id, authenticated user, current database, session variables (as set by
 * {@code SET}) and free-form attributes a handler may keep per connection.
 */
public final class Session {
    private final long id;
    private final String user;
    private final String remoteAddress;
    private final Map<String, String> connectAttributes;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private volatile String database;

    Session(long id, String user, String remoteAddress, Map<String, String> connectAttributes,
            Map<String, String> initialVariables) {
        this.id = id;
        this.user = requireNonNull(user, "user is null");
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
        this.connectAttributes = Map.copyOf(connectAttributes);
        this.variables.putAll(initialVariables);
    }

    /** The connection id sent in the handshake ({@code CONNECTION_ID()}). */
    public long id() {
        return id;
    }

    public String user() {
        return user;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** Attributes the client sent at connect (e.g. {@code _client_name}). */
    public Map<String, String> connectAttributes() {
        return connectAttributes;
    }

    /** The current database, if one was chosen at connect, by {@code USE} or COM_INIT_DB. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    void database(String name) {
        this.database = name;
    }

    /** Handler-owned state for this connection. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Whether the session variable is known (names are case-insensitive). */
    public synchronized boolean hasVariable(String name) {
        return variables.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The value of a known session variable ({@code null} if it was set to NULL). */
    public synchronized String variable(String name) {
        return variables.get(name.toLowerCase(Locale.ROOT));
    }

    synchronized void setVariable(String name, String value) {
        variables.put(name.toLowerCase(Locale.ROOT), value);
    }

    public synchronized Map<String, String> variables() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    synchronized void resetVariables(Map<String, String> defaults) {
        variables.clear();
        variables.putAll(defaults);
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", user=" + user + ", db=" + database + "]";
    }
}
