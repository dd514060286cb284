package dev.dorisccr.thrift.sql;

import static java.util.Objects.requireNonNull;

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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link SqlClient} over MySQL Connector/J and HikariCP, to a Doris FE's query port. Rows are keyed
 * by column label, so SHOW output is read by name whatever the Doris version adds. The password is
 * handed to the driver only; it is never part of a URL, a pool name or a message.
 *
 * <p>A client from {@link SqlPools#client} shares its pool with every client of the same FE and
 * credentials, and {@link #close()} gives back its reference; one made with the public constructor
 * owns a pool of its own, which {@link #close()} closes.
 */
public final class JdbcSqlClient implements SqlClient {
    private final SqlPool pool;
    private final String where;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A client with a pool of its own, of at most {@code maxConnections}. */
    public JdbcSqlClient(ClusterSpec cluster, int maxConnections, Duration connectTimeout) {
        this(new SqlPool(requireNonNull(cluster, "cluster is null"), maxConnections,
                requireNonNull(connectTimeout, "connectTimeout is null"), "", null));
    }

    private JdbcSqlClient(SqlPool own) {
        this(own, own::close);
    }

    JdbcSqlClient(SqlPool pool, Runnable release) {
        this.pool = requireNonNull(pool, "pool is null");
        this.where = pool.where();
        this.release = requireNonNull(release, "release is null");
    }

    private Connection connection() throws SQLException {
        if (closed.get()) {
            throw new CcrException(ErrorCode.ILLEGAL_STATE, "SQL client for " + where + " is closed");
        }
        return pool.connection();
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

    /** As the default, reading only the asked columns (by label) and building no map per row. */
    @Override
    public List<String[]> query(Sql statement, List<String> columns) {
        try (Connection conn = connection(); Statement st = conn.createStatement()) {
            if (!st.execute(statement.text())) {
                return List.of();
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                int[] at = new int[columns.size()]; // 1-based position of each asked column, 0: absent
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    int k = columns.indexOf(md.getColumnLabel(i));
                    if (k >= 0 && at[k] == 0) {
                        at[k] = i;
                    }
                }
                List<String[]> rows = new ArrayList<>();
                while (rs.next()) {
                    String[] row = new String[at.length];
                    for (int k = 0; k < at.length; k++) {
                        row[k] = at[k] == 0 ? null : rs.getString(at[k]);
                    }
                    rows.add(row);
                }
                return rows;
            }
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

    /** Gives back this client's reference to its pool (closes the pool when it was the last); once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
