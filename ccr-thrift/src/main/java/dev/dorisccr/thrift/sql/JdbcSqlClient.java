package dev.dorisccr.thrift.sql;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dorisccr.core.ddl.render.Sql;
import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.error.ErrorCode;
import dev.dorisccr.core.spi.ClusterSpec;
import dev.dorisccr.core.spi.SqlClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SqlClient} over MySQL Connector/J with a small HikariCP pool, to a Doris FE's query port.
 * Rows are keyed by column label, so SHOW output is read by name whatever the Doris version adds.
 * The password is handed to the driver only; it is never part of a URL or a message.
 */
public final class JdbcSqlClient implements SqlClient {
    private final HikariDataSource pool;
    private final String where;
    private final String url;
    private final String user;
    private final dev.dorisccr.core.spi.Secret password;
    private volatile boolean verified;

    public JdbcSqlClient(ClusterSpec cluster, int maxConnections, Duration connectTimeout) {
        requireNonNull(cluster, "cluster is null");
        String host = cluster.hostMapping().map(cluster.host());
        this.where = host + ":" + cluster.port();
        HikariConfig c = new HikariConfig();
        this.url = "jdbc:mysql://" + where + "/?useSSL=false&allowPublicKeyRetrieval=true"
                + "&useUnicode=true&characterEncoding=UTF-8&connectTimeout=" + connectTimeout.toMillis()
                + "&socketTimeout=" + Duration.ofMinutes(10).toMillis();
        this.user = cluster.user();
        this.password = cluster.password();
        c.setJdbcUrl(url);
        c.setUsername(cluster.user());
        c.setPassword(cluster.password().reveal());
        c.setMaximumPoolSize(maxConnections);
        c.setMinimumIdle(0);
        c.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        c.setInitializationFailTimeout(-1);
        c.setPoolName("doris-sql-" + where);
        this.pool = new HikariDataSource(c);
    }

    /**
     * A connection from the pool. The first time, one direct connection comes first: a wrong
     * password or a closed port is then answered at once by the server's own error, instead of
     * a pool timeout that reads like a slow network.
     */
    private Connection connection() throws SQLException {
        if (!verified) {
            try (Connection direct = java.sql.DriverManager.getConnection(url, user, password.reveal())) {
                verified = true;
            }
        }
        return pool.getConnection();
    }

    @Override
    public void execute(Sql statement) {
        try (Connection conn = connection(); Statement st = conn.createStatement()) {
            st.execute(statement.text());
        } catch (SQLException e) {
            throw failure(statement, e);
        }
    }

    @Override
    public List<Map<String, String>> query(Sql statement) {
        try (Connection conn = connection(); Statement st = conn.createStatement()) {
            // execute(), not executeQuery(): the driver must not guess from the first keyword
            // whether a Doris statement (SHOW PROC, ADMIN SHOW ...) returns rows
            if (!st.execute(statement.text())) {
                return List.of();
            }
            return rows(st.getResultSet());
        } catch (SQLException e) {
            throw failure(statement, e);
        }
    }

    private static List<Map<String, String>> rows(ResultSet result) throws SQLException {
        try (ResultSet rs = result) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(md.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private CcrException failure(Sql statement, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        ErrorCode code = state.startsWith("08") || state.equals("HY000") && e.getErrorCode() == 0
                ? ErrorCode.DORIS_CONNECTION_FAILED : ErrorCode.DORIS_SQL_FAILED;
        // the pool answers a timeout whose cause is the server's refusal: name the refusal
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getErrorCode() == 1045) {
                return new CcrException(ErrorCode.NOT_AUTHORIZED, "access denied on " + where
                        + " (wrong user or password): " + s.getMessage(), e).with("sql", abbreviate(statement.text()));
            }
        }
        return new CcrException(code, "SQL on " + where + " failed (" + e.getErrorCode() + "/" + state + "): "
                + e.getMessage(), e).with("sql", abbreviate(statement.text()));
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        pool.close();
    }
}
