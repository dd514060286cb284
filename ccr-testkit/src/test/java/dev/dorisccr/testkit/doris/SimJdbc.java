package dev.dorisccr.testkit.doris;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set-up the simulator's SQL ITs share: one started cluster with database {@code db}, a
 * Connector/J connection to it and a statement, and the result readers. Closing it closes the
 * connection, then the cluster.
 */
final class SimJdbc implements AutoCloseable {
    final FakeDorisCluster cluster;
    final Connection conn;
    final Statement s;

    private SimJdbc(FakeDorisCluster cluster, Connection conn) throws SQLException {
        this.cluster = cluster;
        this.conn = conn;
        this.s = conn.createStatement();
    }

    /** A started one-backend cluster named {@code name} with {@code db} created by {@code createDatabase}. */
    static SimJdbc open(String name, String createDatabase) throws SQLException {
        return open(FakeDorisCluster.builder().name(name).backends(1), createDatabase, "db");
    }

    /**
     * The cluster {@code cluster} builds, started, with {@code createDatabase} run and the connection
     * on {@code database}.
     */
    static SimJdbc open(FakeDorisCluster.Builder cluster, String createDatabase, String database) throws SQLException {
        FakeDorisCluster started = cluster.build().start();
        try {
            started.sql(createDatabase);
            return new SimJdbc(started, DriverManager.getConnection(
                    "jdbc:mysql://127.0.0.1:" + started.mysqlPort() + "/" + database, started.user(),
                    started.password()));
        } catch (SQLException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Every row of {@code sql}, each column as {@code getString}. */
    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    /** Every row of {@code sql} as column label to {@code getString}, in column order. */
    List<Map<String, String>> maps(String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The column labels of {@code sql}'s result. */
    List<String> labels(String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnLabel(i));
            }
            return out;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            conn.close();
        } finally {
            cluster.close();
        }
    }
}
