package dev.dorisccr.testkit.mysql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small MySQL wire-protocol server (protocol 4.1, text protocol, no SSL) for tests: it
 * authenticates with {@code mysql_native_password}, answers connector plumbing ({@code SET},
 * {@code SELECT @@var}, {@code SHOW VARIABLES}, {@code USE}, ...) itself and hands every other
 * statement to a {@link QueryHandler}.
 *
 * <p>Threads come from the injected executor: one task accepts, one task per connection, so a
 * cached pool (or any pool with enough threads) is needed. The executor stays owned by the
 * caller; {@link #close()} stops accepting and closes every connection.
 */
public final class MysqlProtocolServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MysqlProtocolServer.class);

    private final ServerSocket serverSocket;
    private final Users users;
    private final QueryHandler handler;
    private final String serverVersion;
    private final int maxPacketSize;
    private final ExecutorService executor;
    private final BuiltInQueries builtIns;
    private final Map<String, String> sessionDefaults;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextConnectionId = new AtomicLong(1);
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final java.util.concurrent.CountDownLatch acceptLoopDone = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean started;

    private MysqlProtocolServer(Builder b) throws IOException {
        this.users = b.users;
        this.handler = b.handler;
        this.serverVersion = b.serverVersion;
        this.maxPacketSize = b.maxPacketSize;
        this.executor = b.executor;
        Map<String, String> defaults = new java.util.HashMap<>(BuiltInQueries.DEFAULTS);
        defaults.put("version", serverVersion);
        defaults.putAll(b.variables);
        this.sessionDefaults = Map.copyOf(defaults);
        this.builtIns = new BuiltInQueries(serverVersion, this::selectDatabase, sessionDefaults,
                b.showVariablesWithDefaults);
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(b.host, b.port), 50);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.serverSocket = socket;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The session variables every session starts with unless the builder overrides them. */
    public static Map<String, String> defaultSessionVariables() {
        return BuiltInQueries.DEFAULTS;
    }

    /** The bound port (useful when started with port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    /** A Connector/J URL for this server, optionally with a default database. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + host() + ":" + port() + "/" + requireNonNull(database,
                "database is null");
    }

    /** Connections currently open. */
    public int connectionCount() {
        return connections.size();
    }

    /** Connections accepted since start. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Stops accepting and closes every open connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("closing the server socket failed: {}", e.toString());
        }
        for (ClientConnection connection : connections) {
            connection.close();
        }
        // the JDK releases a listening socket that a thread is blocked on only when that thread
        // wakes up: wait for the accept loop, so the port can be bound again at once (a restart)
        try {
            if (started && !acceptLoopDone.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                log.warn("the accept loop of port {} did not stop in 10 s", serverSocket.getLocalPort());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("MySQL protocol server on port {} closed", serverSocket.getLocalPort());
    }

    private MysqlProtocolServer startAccepting() {
        try {
            executor.execute(this::acceptLoop);
            started = true;
        } catch (RejectedExecutionException e) {
            close();
            throw new IllegalStateException("the executor refused the accept loop", e);
        }
        log.info("MySQL protocol server listening on {}:{}", host(), port());
        return this;
    }

    private void acceptLoop() {
        try {
            acceptUntilClosed();
        } finally {
            acceptLoopDone.countDown();
        }
    }

    private void acceptUntilClosed() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                if (!closed.get()) {
                    log.warn("accept failed, server stops accepting: {}", e.toString());
                }
                return;
            } catch (IOException e) {
                log.warn("accept failed, server stops accepting: {}", e.toString());
                return;
            }
            accepted.incrementAndGet();
            ClientConnection connection = new ClientConnection(this, socket,
                    nextConnectionId.getAndIncrement(), newSalt());
            connections.add(connection);
            if (closed.get()) {
                connection.close();
                connections.remove(connection);
                return;
            }
            try {
                executor.execute(connection);
            } catch (RejectedExecutionException e) {
                log.warn("executor full, refusing a connection: {}", e.toString());
                connection.close();
                connections.remove(connection);
            }
        }
    }

    private byte[] newSalt() {
        byte[] salt = new byte[NativePassword.SALT_LENGTH];
        for (int i = 0; i < salt.length; i++) {
            // Printable and never 0: some clients treat the salt as a C string.
            salt[i] = (byte) (33 + random.nextInt(94));
        }
        return salt;
    }

    void unregister(ClientConnection connection) {
        connections.remove(connection);
    }

    Users users() {
        return users;
    }

    String serverVersion() {
        return serverVersion;
    }

    /** The variables a new (or reset) session starts with. */
    Map<String, String> sessionDefaults() {
        return sessionDefaults;
    }

    int maxPacketSize() {
        return maxPacketSize;
    }

    Optional<SessionAwareHandler> handler() {
        return handler instanceof SessionAwareHandler
                ? Optional.of((SessionAwareHandler) handler) : Optional.empty();
    }

    /** COM_INIT_DB, {@code USE} and connect-with-db: ask the handler, then switch. */
    QueryResult selectDatabase(Session session, String database) {
        String name = Statements.unquoteIdentifier(database.trim());
        log.debug("session {}: select database {}", session.id(), name);
        if (name.isEmpty()) {
            return QueryResult.error(1046, "3D000", "No database selected");
        }
        QueryResult answer;
        try {
            answer = handler().map(h -> h.onInitDb(session, name)).orElse(QueryResult.ok());
        } catch (RuntimeException e) {
            log.warn("session {}: handler failed on select database '{}'", session.id(), name, e);
            return QueryResult.error(QueryResult.Error.ER_UNKNOWN_ERROR, "HY000",
                    "handler failed: " + e);
        }
        if (answer instanceof QueryResult.Error) {
            return answer;
        }
        session.database(name);
        return QueryResult.ok();
    }

    /** COM_QUERY: built-in answers first, then the handler. */
    QueryResult execute(Session session, String rawSql) {
        String sql = Statements.normalize(rawSql);
        log.debug("session {}: query {}", session.id(), sql);
        if (sql.isEmpty()) {
            return QueryResult.error(1065, "42000", "Query was empty");
        }
        Optional<QueryResult> builtIn = builtIns.answer(session, sql);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        try {
            return requireNonNull(handler.handle(session, sql), "handler returned null");
        } catch (RuntimeException e) {
            log.warn("session {}: handler failed on: {}", session.id(), sql, e);
            return QueryResult.error(QueryResult.Error.ER_UNKNOWN_ERROR, "HY000",
                    "handler failed: " + e);
        }
    }

    /** Configures and starts a server. */
    public static final class Builder {
        private String host = InetAddress.getLoopbackAddress().getHostAddress();
        private int port;
        private Users users;
        private QueryHandler handler;
        private ExecutorService executor;
        private String serverVersion = "5.7.99";
        private int maxPacketSize = 64 * 1024 * 1024;
        private final Map<String, String> variables = new java.util.HashMap<>();
        private boolean showVariablesWithDefaults;

        private Builder() {
        }

        /** Address to bind; default the loopback address. */
        public Builder host(String host) {
            this.host = requireNonNull(host, "host is null");
            return this;
        }

        /** Port to bind; default 0 (pick a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder users(Users users) {
            this.users = requireNonNull(users, "users is null");
            return this;
        }

        public Builder handler(QueryHandler handler) {
            this.handler = requireNonNull(handler, "handler is null");
            return this;
        }

        /** Runs the accept loop and one task per connection; owned by the caller. */
        public Builder executor(ExecutorService executor) {
            this.executor = requireNonNull(executor, "executor is null");
            return this;
        }

        /** Version string in the handshake and {@code @@version}; default 5.7.99 (as Doris). */
        public Builder serverVersion(String serverVersion) {
            requireNonNull(serverVersion, "serverVersion is null");
            if (serverVersion.isEmpty()) {
                throw new IllegalArgumentException("serverVersion is empty");
            }
            this.serverVersion = serverVersion;
            return this;
        }

        /**
         * A session variable's starting value (over the built-in defaults; {@code version} defaults
         * to the server version).
         */
        public Builder variable(String name, String value) {
            variables.put(requireNonNull(name, "name is null").toLowerCase(java.util.Locale.ROOT),
                    requireNonNull(value, "value is null"));
            return this;
        }

        /**
         * SHOW VARIABLES answers Doris's four columns (Variable_name, Value, Default_Value, Changed)
         * instead of MySQL's two.
         */
        public Builder showVariablesWithDefaults(boolean enabled) {
            this.showVariablesWithDefaults = enabled;
            return this;
        }

        /** Largest client packet accepted; default 64 MiB. */
        public Builder maxPacketSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxPacketSize must be >= 1024: " + bytes);
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /**
         * Binds and starts accepting.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public MysqlProtocolServer start() {
            requireNonNull(users, "users not set");
            requireNonNull(handler, "handler not set");
            requireNonNull(executor, "executor not set");
            try {
                return new MysqlProtocolServer(this).startAccepting();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
            }
        }
    }
}
