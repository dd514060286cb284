package dev.dorisccr.thrift.sql;

import static java.util.Objects.requireNonNull;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL connection pools of one syncer: one per FE query endpoint and credentials (dialed host,
 * port, user, password), shared by every job that reaches that FE as that user, and counted by
 * reference. {@link #client} takes a reference, the client's {@code close()} gives it back, and the
 * pool closes when its last client is closed. Another password (an update_job that changed it)
 * gets another pool; the old one closes with its last client. The pools share one upkeep thread.
 *
 * <p>A job holds a connection only while one statement runs, so a pool of a few connections
 * serves many jobs; a job that needs one while all are busy waits up to the connect timeout. A
 * connection that broke is evicted by the pool, never handed to another job. Thread-safe.
 */
public final class SqlPools implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqlPools.class);

    /** The default of connections per endpoint, the server's {@code -max_sql_connections_per_cluster}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /** The largest value of connections per endpoint. */
    public static final int MAX_CONNECTIONS = 1024;

    /** What a pool is shared by; its {@code toString} masks the password ({@link Secret}). */
    private record Key(String host, int port, String user, Secret password) {}

    private static final class Entry {
        final SqlPool pool;
        int refs;

        Entry(SqlPool pool) {
            this.pool = pool;
        }
    }

    private final int maxConnections;
    private final Duration connectTimeout;
    private final Map<Key, Entry> pools = new HashMap<>();
    private final ScheduledThreadPoolExecutor housekeeper;
    private final AtomicInteger created = new AtomicInteger();
    private boolean closed;

    /**
     * @param maxConnections connections per endpoint and credentials, 1..{@value #MAX_CONNECTIONS}
     * @param connectTimeout to open a connection, and the longest wait for a free one
     * @throws IllegalArgumentException when {@code maxConnections} is out of range
     */
    public SqlPools(int maxConnections, Duration connectTimeout) {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be in 1.." + MAX_CONNECTIONS + ": "
                    + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.housekeeper = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "ccr-sql-housekeeper");
            t.setDaemon(true);
            return t;
        });
        housekeeper.setRemoveOnCancelPolicy(true);
        housekeeper.setKeepAliveTime(30, TimeUnit.SECONDS);
        housekeeper.allowCoreThreadTimeOut(true);
    }

    public int maxConnections() {
        return maxConnections;
    }

    /**
     * A client of the shared pool of {@code cluster}'s FE and credentials (opened now when there
     * is none); its {@code close()} gives the reference back.
     *
     * @throws CcrException {@link ErrorCode#ILLEGAL_STATE} when these pools are closed
     */
    public JdbcSqlClient client(ClusterSpec cluster) {
        requireNonNull(cluster, "cluster is null");
        Key key = new Key(cluster.hostMapping().map(cluster.host()), cluster.port(), cluster.user(),
                cluster.password());
        Entry e;
        synchronized (this) {
            if (closed) {
                throw new CcrException(ErrorCode.ILLEGAL_STATE, "the SQL pools are closed");
            }
            e = pools.get(key);
            if (e == null) {
                // the suffix tells two pools of one user apart (an old and a new password) without the password
                e = new Entry(new SqlPool(cluster, maxConnections, connectTimeout, "#" + created.incrementAndGet(),
                        housekeeper));
                pools.put(key, e);
                log.debug("opened SQL pool {} (at most {} connections)", e.pool.name(), maxConnections);
            }
            e.refs++;
        }
        Entry entry = e;
        return new JdbcSqlClient(entry.pool, () -> release(key, entry));
    }

    private void release(Key key, Entry entry) {
        synchronized (this) {
            entry.refs--;
            if (entry.refs > 0) {
                return;
            }
            if (pools.get(key) == entry) {
                pools.remove(key);
            }
        }
        log.debug("closing SQL pool {}: its last client is closed", entry.pool.name());
        entry.pool.close();
    }

    /** The pools open now. */
    public synchronized int openPools() {
        return pools.size();
    }

    /** The names of the pools open now (no password in them). */
    public synchronized List<String> poolNames() {
        List<String> names = new ArrayList<>();
        pools.values().forEach(e -> names.add(e.pool.name()));
        names.sort(null);
        return names;
    }

    /** Closes every pool, whoever still holds a client (whose calls then fail), and the upkeep thread. */
    @Override
    public void close() {
        List<Entry> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(pools.values());
            pools.clear();
        }
        all.forEach(e -> e.pool.close());
        housekeeper.shutdownNow();
    }
}
