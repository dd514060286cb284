package dev.dorisccr.testkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connector/J and raw clients against the server over real TCP. */
class MysqlProtocolServerIT {
    private ExecutorService executor;
    private SampleHandler handler;
    private MysqlProtocolServer server;

    @BeforeEach
    void start() {
        executor = Executors.newCachedThreadPool();
        handler = new SampleHandler();
        server = MysqlProtocolServer.builder()
                .users(Users.builder().add("root", "secret").add("nopass", "").build())
                .handler(handler)
                .executor(executor)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), "root", "secret");
    }

    @Test
    void connectorJQueriesTypedResultSet() throws SQLException {
        try (Connection c = connect("");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT typed")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(9);
            assertThat(md.getColumnLabel(1)).isEqualTo("big");
            assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
            assertThat(md.getColumnType(2)).isEqualTo(Types.INTEGER);
            assertThat(md.getColumnType(3)).isEqualTo(Types.DOUBLE);
            assertThat(md.getColumnType(4)).isEqualTo(Types.TIMESTAMP);
            assertThat(md.getColumnType(5)).isEqualTo(Types.DATE);
            assertThat(md.getColumnType(6)).isEqualTo(Types.DECIMAL);
            assertThat(md.getColumnType(7)).isIn(Types.BIT, Types.BOOLEAN);
            assertThat(md.getColumnType(8)).isEqualTo(Types.VARCHAR);
            assertThat(md.getColumnType(9)).isIn(Types.LONGVARCHAR, Types.VARCHAR);

            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("big")).isEqualTo(9_007_199_254_740_993L);
            assertThat(rs.getInt("small")).isEqualTo(42);
            assertThat(rs.getDouble("ratio")).isEqualTo(0.5);
            assertThat(rs.getObject("at", LocalDateTime.class))
                    .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5));
            assertThat(rs.getString("day")).isEqualTo("2026-01-02");
            assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo(new BigDecimal("12.5"));
            assertThat(rs.getBoolean("flag")).isTrue();
            assertThat(rs.getString("name")).isEqualTo("ünïcode");
            assertThat(rs.getString("body")).isEqualTo("long text");

            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= 9; i++) {
                assertThat(rs.getObject(i)).as("column %d", i).isNull();
            }
            assertThat(rs.next()).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.disconnects.get() == 1);
        assertThat(handler.connects.get()).isEqualTo(1);
        assertThat(handler.lastConnectAttributes).containsKey("_client_name");
    }

    @Test
    void updatesReportAffectedRowsAndGeneratedKeys() throws SQLException {
        try (Connection c = connect("db1"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1)", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(3);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void databaseSelectionGoesThroughTheHandler() throws SQLException {
        try (Connection c = connect("db1"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("db1");
            }
            assertThatThrownBy(() -> s.execute("USE nosuchdb"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(1049));
            c.setCatalog("information_schema");
            // A Connector/J Statement switches back to the database it was created in.
            try (Statement fresh = c.createStatement();
                    ResultSet rs = fresh.executeQuery("SELECT DATABASE()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("information_schema");
            }
        }
        assertThatThrownBy(() -> connect("nosuchdb"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(1049));
    }

    @Test
    void wrongPasswordIsAccessDenied() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "root", "nope"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(1045);
                    assertThat(e.getSQLState()).isEqualTo("28000");
                });
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "nobody", "x"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void emptyPasswordAccountLogsIn() throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(""), "nopass", "")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void unknownStatementAndHandlerFailureAreErrorsAndTheSessionLives() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("FROBNICATE everything"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(1064);
                        assertThat(e.getSQLState()).isEqualTo("42000");
                    });
            assertThatThrownBy(() -> s.execute("FAIL"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(1105));
            assertThatThrownBy(() -> s.executeQuery("SELECT @@no_such_variable"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(1193));
            try (ResultSet rs = s.executeQuery("SHOW DATABASES")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("db1");
            }
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void sessionVariablesFollowSet() throws SQLException {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("SET SESSION wait_timeout = 77, @@session.sql_mode = 'ANSI'");
            try (ResultSet rs = s.executeQuery(
                    "SELECT @@wait_timeout AS w, @@session.sql_mode, @@max_allowed_packet")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("w")).isEqualTo(77);
                assertThat(rs.getString(2)).isEqualTo("ANSI");
                assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("@@session.sql_mode");
                assertThat(rs.getLong(3)).isEqualTo(67_108_864L);
            }
            try (ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'wait%'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("Variable_name")).isEqualTo("wait_timeout");
                assertThat(rs.getString("Value")).isEqualTo("77");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void clientAskingForCachingSha2IsSwitchedToNativePassword() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            byte[] reply = client.login("root", "secret", "caching_sha2_password", 0);
            assertThat(client.serverPlugin()).isEqualTo("mysql_native_password");
            assertThat(reply[0]).isEqualTo((byte) 0x00);
        }
        try (RawClient client = new RawClient(server.port())) {
            byte[] reply = client.login("root", "wrong", "caching_sha2_password", 0);
            assertThat(reply[0] & 0xFF).isEqualTo(0xFF);
            assertThat(errorCode(reply)).isEqualTo(1045);
        }
    }

    @Test
    void unknownCommandIsAnErrorNotAHang() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            assertThat(client.login("root", "secret", "mysql_native_password", 0)[0])
                    .isEqualTo((byte) 0);
            byte[] reply = client.command(0x99, "");
            assertThat(errorCode(reply)).isEqualTo(1047);
            assertThat(new String(reply, StandardCharsets.UTF_8)).contains("#08S01");
            // COM_FIELD_LIST answers an (empty) column list terminated by EOF.
            assertThat(client.command(0x04, "t\0")[0] & 0xFF).isEqualTo(0xFE);
            // The session still works: COM_PING.
            assertThat(client.command(0x0E, "")[0]).isEqualTo((byte) 0);
        }
    }

    @Test
    void initDbResetAndMalformedCommands() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.login("root", "secret", "mysql_native_password", 0);
            assertThat(client.command(0x02, "db1")[0]).isEqualTo((byte) 0);
            assertThat(errorCode(client.command(0x02, "nosuchdb"))).isEqualTo(1049);
            assertThat(client.command(0x03, "SET wait_timeout = 9")[0]).isEqualTo((byte) 0);
            assertThat(client.command(0x1F, "")[0]).isEqualTo((byte) 0); // COM_RESET_CONNECTION
            assertThat(errorCode(client.command(0x03, "   ;"))).isEqualTo(1065);
        }
        try (RawClient client = new RawClient(server.port())) {
            client.login("root", "secret", "mysql_native_password", 0);
            // An empty command packet breaks the protocol: ERR, then the server hangs up.
            byte[] reply = client.commandBytes(new byte[0]);
            assertThat(errorCode(reply)).isEqualTo(1835);
            assertThatThrownBy(client::read).isInstanceOf(java.io.EOFException.class);
        }
    }

    @Test
    void oldEofResultSetFramingWithoutDeprecateEof() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.login("root", "secret", "mysql_native_password", 0);
            byte[] count = client.command(0x03, "SHOW DATABASES");
            assertThat(count).containsExactly(1);
            assertThat(new String(client.read(), StandardCharsets.UTF_8)).contains("Database");
            assertThat(client.read()[0] & 0xFF).isEqualTo(0xFE); // EOF after the columns
            assertThat(new PayloadReader(client.read()).lenencString()).isEqualTo("db1");
            assertThat(new PayloadReader(client.read()).lenencString())
                    .isEqualTo("information_schema");
            byte[] eof = client.read();
            assertThat(eof).hasSize(5);
            assertThat(eof[0] & 0xFF).isEqualTo(0xFE);
        }
    }

    @Test
    void closeEndsOpenSessions() throws SQLException {
        Connection c = connect("");
        try (c) {
            assertThat(c.isValid(5)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 1);
            server.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
            assertThatThrownBy(() -> c.createStatement().executeQuery("SHOW DATABASES"))
                    .isInstanceOf(SQLException.class);
        }
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("password", "secret");
        props.setProperty("connectTimeout", "2000");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), props))
                .isInstanceOf(SQLException.class);
    }

    static int errorCode(byte[] err) {
        PayloadReader r = new PayloadReader(err);
        if (r.int1() != 0xFF) {
            throw new AssertionError("not an ERR packet");
        }
        return r.int2();
    }
}
