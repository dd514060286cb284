package dev.dorisccr.thrift.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One HikariCP pool to one FE query port with one user and password, used by every
 * {@link JdbcSqlClient} of those credentials. A connection is held only for one statement. The
 * password is handed to the driver only; the pool's name is {@code doris-sql-<host>:<port>-<user>}.
 */
final class SqlPool implements AutoCloseable {
    private final HikariDataSource pool;
    private final String where;
    private final String url;
    private final String user;
    private final Secret password;
    private volatile boolean verified;

    /**
     * @param housekeeper the timer of the pool's upkeep, shared by many pools (null: the pool starts its own)
     */
    SqlPool(ClusterSpec cluster, int maxConnections, Duration connectTimeout, String nameSuffix,
            ScheduledExecutorService housekeeper) {
        String host = cluster.hostMapping().map(cluster.host());
        this.where = host + ":" + cluster.port();
        this.url = "jdbc:mysql://" + where + "/?useSSL=false&allowPublicKeyRetrieval=true"
                + "&useUnicode=true&characterEncoding=UTF-8&connectTimeout=" + connectTimeout.toMillis()
                + "&socketTimeout=" + Duration.ofMinutes(10).toMillis();
        this.user = cluster.user();
        this.password = cluster.password();
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(cluster.user());
        c.setPassword(cluster.password().reveal());
        c.setMaximumPoolSize(maxConnections);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        c.setInitializationFailTimeout(-1);
        c.setPoolName("doris-sql-" + where + "-" + cluster.user() + nameSuffix);
        if (housekeeper != null) {
            c.setScheduledExecutor(housekeeper);
        }
        this.pool = new HikariDataSource(c);
    }

    String where() {
        return where;
    }

    String name() {
        return pool.getPoolName();
    }

    boolean isClosed() {
        return pool.isClosed();
    }

    /**
     * A connection from the pool. The first time, one direct connection comes first: a wrong
     * password or a closed port is then answered at once by the server's own error, instead of
     * a pool timeout that reads like a slow network.
     */
    Connection connection() throws SQLException {
        if (!verified) {
            try (Connection direct = DriverManager.getConnection(url, user, password.reveal())) {
                verified = true;
            }
        }
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
