package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the metadata lives and how to reach it. SQLite uses {@code sqlitePath}; MySQL/MariaDB and
 * PostgreSQL use host, port, user and password, or a full {@code jdbcUrl} (without a database for
 * MySQL; with the database for PostgreSQL). {@code database} is the MySQL database or the
 * PostgreSQL schema, created if missing (default {@code ccr}, as the Go syncer). {@code secretKey}
 * is the base64 AES key for secrets at rest; when empty, {@link Stores#open} reads {@code
 * CCR_SECRET_KEY}.
 */
public record StoreConfig(
        StoreKind kind,
        Path sqlitePath,
        String host,
        int port,
        String user,
        Secret password,
        Optional<String> jdbcUrl,
        String database,
        Optional<Secret> secretKey,
        int maxPoolSize,
        Duration connectTimeout,
        Duration busyTimeout) {
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public StoreConfig {
        requireNonNull(kind, "kind is null");
        requireNonNull(sqlitePath, "sqlitePath is null");
        requireNonNull(host, "host is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(database, "database is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(busyTimeout, "busyTimeout is null");
        if (port < 1 || port > 65535) {
            throw invalid("port must be in 1..65535", "port", port);
        }
        if (!DATABASE.matcher(database).matches()) {
            throw invalid("database must match " + DATABASE.pattern(), "database", database);
        }
        if (maxPoolSize < 1 || maxPoolSize > 100) {
            throw invalid("maxPoolSize must be in 1..100", "maxPoolSize", maxPoolSize);
        }
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw invalid("connectTimeout must be at least 250ms", "connectTimeout", connectTimeout);
        }
        if (busyTimeout.isNegative()) {
            throw invalid("busyTimeout must not be negative", "busyTimeout", busyTimeout);
        }
    }

    private static CcrException invalid(String message, String key, Object value) {
        return new CcrException(ErrorCode.INVALID_CONFIG, "store config: " + message).with(key, value);
    }

    public static Builder builder(StoreKind kind) {
        return new Builder(kind);
    }

    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.sqlitePath = sqlitePath;
        b.host = host;
        b.port = port;
        b.user = user;
        b.password = password;
        b.jdbcUrl = jdbcUrl;
        b.database = database;
        b.secretKey = secretKey;
        b.maxPoolSize = maxPoolSize;
        b.connectTimeout = connectTimeout;
        b.busyTimeout = busyTimeout;
        return b;
    }

    @Override
    public String toString() {
        return "StoreConfig[kind=" + kind + ", sqlitePath=" + sqlitePath + ", host=" + host + ", port=" + port
                + ", user=" + user + ", password=" + password + ", jdbcUrl=" + jdbcUrl.orElse("-")
                + ", database=" + database + ", secretKey=" + secretKey.map(Secret::toString).orElse("-")
                + ", maxPoolSize=" + maxPoolSize + ", connectTimeout=" + connectTimeout
                + ", busyTimeout=" + busyTimeout + "]";
    }

    /** Builder with the Go syncer's defaults: ccr.db, 127.0.0.1:3306, user root, database ccr. */
    public static final class Builder {
        private final StoreKind kind;
        private Path sqlitePath = Path.of("ccr.db");
        private String host = "127.0.0.1";
        private int port = 3306;
        private String user = "root";
        private Secret password = Secret.empty();
        private Optional<String> jdbcUrl = Optional.empty();
        private String database = "ccr";
        private Optional<Secret> secretKey = Optional.empty();
        private int maxPoolSize = 4;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration busyTimeout = Duration.ofSeconds(5);

        private Builder(StoreKind kind) {
            this.kind = requireNonNull(kind, "kind is null");
            if (kind == StoreKind.POSTGRESQL) {
                port = 5432;
            }
        }

        public Builder sqlitePath(Path v) {
            sqlitePath = v;
            return this;
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder user(String v) {
            user = v;
            return this;
        }

        public Builder password(Secret v) {
            password = v;
            return this;
        }

        public Builder jdbcUrl(String v) {
            jdbcUrl = Optional.ofNullable(v);
            return this;
        }

        public Builder database(String v) {
            database = v;
            return this;
        }

        public Builder secretKey(Secret v) {
            secretKey = Optional.ofNullable(v);
            return this;
        }

        public Builder maxPoolSize(int v) {
            maxPoolSize = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder busyTimeout(Duration v) {
            busyTimeout = v;
            return this;
        }

        public StoreConfig build() {
            return new StoreConfig(kind, sqlitePath, host, port, user, password, jdbcUrl, database, secretKey,
                    maxPoolSize, connectTimeout, busyTimeout);
        }
    }
}
