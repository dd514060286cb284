package dev.dorisccr.store.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.Secret;
import dev.dorisccr.core.spi.MetadataStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a metadata store: prepares the database (file, database or schema), starts the pool,
 * applies the schema migrations and returns the ports. Fails with {@code STORE_UNAVAILABLE} when
 * the store cannot be reached, {@code STORE_SCHEMA_TOO_NEW} when a newer syncer upgraded it, and
 * {@code INVALID_CONFIG} for bad credentials or a bad secret key.
 */
public final class Stores {
    private static final Logger log = LoggerFactory.getLogger(Stores.class);

    private Stores() {}

    /** Opens with the system clock; the secret key comes from the config, else {@code CCR_SECRET_KEY}. */
    public static MetadataStore open(StoreConfig config) {
        return open(config, System.getenv(), InstantSource.system());
    }

    /** Opens with an explicit environment (for {@code CCR_SECRET_KEY}) and clock. */
    public static MetadataStore open(StoreConfig config, Map<String, String> env, InstantSource clock) {
        requireNonNull(config, "config is null");
        requireNonNull(env, "env is null");
        requireNonNull(clock, "clock is null");
        Dialect dialect = Dialect.of(config.kind());
        String where = dialect.describe(config);
        SecretCodec codec = codec(config, env);
        try {
            dialect.prepare(config);
        } catch (SQLException e) {
            throw SqlErrors.toCcr("prepare the store (is it running and reachable?)", where, e);
        }
        HikariDataSource pool = startPool(config, dialect, where);
        try (Connection c = pool.getConnection()) {
            Migrations.apply(c, dialect, clock, where);
        } catch (SQLException e) {
            pool.close();
            throw SqlErrors.toCcr("apply schema migrations", where, e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        if (!codec.encrypts()) {
            log.warn("No {} configured: job secrets are stored unencrypted in {}", SecretCodec.ENV_KEY, where);
        }
        log.info("Opened metadata store {} (schema version {})", where, Migrations.LATEST);
        return new JdbcMetadataStore(pool, dialect, codec, clock, where);
    }

    /**
     * Re-encrypts every job secret of the store: reads each with the store's current key ({@code
     * config}'s, else {@code CCR_SECRET_KEY} in {@code env}; plaintext values are read too) and
     * writes it under {@code newKey}, or as plaintext when {@code newKey} is empty, all in one
     * transaction. Every syncer on the store must be stopped first and restarted with the new key:
     * a running one keeps writing with the old key. A value the current key cannot read stops the
     * whole run with {@code SECRET_UNREADABLE} and changes nothing.
     *
     * @return how many secrets were rewritten
     */
    public static int reencrypt(StoreConfig config, Map<String, String> env, Optional<Secret> newKey) {
        requireNonNull(newKey, "newKey is null");
        SecretCodec to = newKey.map(SecretCodec::withKey).orElseGet(SecretCodec::plaintext);
        try (MetadataStore store = open(config, env, InstantSource.system())) {
            return ((JdbcMetadataStore) store).reencrypt(to);
        }
    }

    /**
     * The names of the jobs in the store, read without creating or migrating anything (for a dry
     * run): empty when the store, its database, schema or tables do not exist yet.
     */
    public static SortedSet<String> existingJobNames(StoreConfig config) {
        requireNonNull(config, "config is null");
        String where = Dialect.of(config.kind()).describe(config);
        SortedSet<String> names = new TreeSet<>();
        Optional<Connection> c = ReadOnlyConnection.open(config, where);
        if (c.isEmpty()) {
            return names;
        }
        try (Connection conn = c.get()) {
            if (!ReadOnlyConnection.tableExists(conn, config, "ccr_jobs")) {
                return names;
            }
            try (PreparedStatement ps = conn.prepareStatement(StoreSql.SELECT_STATES);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw SqlErrors.toCcr("list the jobs", where, e);
        }
    }

    private static SecretCodec codec(StoreConfig config, Map<String, String> env) {
        Optional<Secret> key = config.secretKey();
        if (key.isEmpty()) {
            String fromEnv = env.get(SecretCodec.ENV_KEY);
            if (fromEnv != null && !fromEnv.isBlank()) {
                key = Optional.of(Secret.of(fromEnv));
            }
        }
        return key.map(SecretCodec::withKey).orElseGet(SecretCodec::plaintext);
    }

    private static HikariDataSource startPool(StoreConfig config, Dialect dialect, String where) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("ccr-store");
        hc.setJdbcUrl(dialect.poolUrl(config));
        hc.setDataSourceProperties(dialect.driverProperties(config));
        hc.setConnectionTimeout(config.connectTimeout().toMillis());
        hc.setInitializationFailTimeout(1);
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        dialect.configurePool(hc, config);
        try {
            return new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw SqlErrors.toCcr("connect (is it running and reachable?)", where, sql);
            }
            throw new CcrException(ErrorCode.STORE_UNAVAILABLE, "cannot connect to the metadata store", e)
                    .with("store", where);
        }
    }
}
