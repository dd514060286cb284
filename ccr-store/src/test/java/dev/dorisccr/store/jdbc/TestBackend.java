package dev.dorisccr.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dorisccr.core.spi.Secret;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A place for one test's store: a temporary SQLite file, or a fresh database (MySQL) or schema
 * (PostgreSQL) named {@code ccr_it_<random>} on the servers given by {@code scripts/test-databases.sh}.
 */
abstract class TestBackend {
    abstract StoreConfig.Builder config();

    /** A plain JDBC connection where the store's tables resolve unqualified. */
    abstract Connection raw() throws SQLException;

    void drop() throws SQLException {}

    static TestBackend sqlite(Path dir) {
        Path file = dir.resolve("ccr.db");
        return new TestBackend() {
            @Override
            StoreConfig.Builder config() {
                return StoreConfig.builder(StoreKind.SQLITE3).sqlitePath(file);
            }

            @Override
            Connection raw() throws SQLException {
                return DriverManager.getConnection("jdbc:sqlite:" + file);
            }
        };
    }

    static TestBackend mysql() {
        String url = env("CCR_TEST_MYSQL_URL");
        String user = System.getenv().getOrDefault("CCR_TEST_MYSQL_USER", "root");
        String password = System.getenv().getOrDefault("CCR_TEST_MYSQL_PASSWORD", "");
        String db = uniqueName();
        return new TestBackend() {
            @Override
            StoreConfig.Builder config() {
                return StoreConfig.builder(StoreKind.MYSQL).jdbcUrl(url).user(user).password(Secret.of(password))
                        .database(db);
            }

            @Override
            Connection raw() throws SQLException {
                Connection c = DriverManager.getConnection(url, user, password);
                c.setCatalog(db);
                return c;
            }

            @Override
            void drop() throws SQLException {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS `" + db + "`");
                }
            }
        };
    }

    static TestBackend postgres() {
        String url = env("CCR_TEST_PG_URL");
        String user = System.getenv().getOrDefault("CCR_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("CCR_TEST_PG_PASSWORD", "");
        String schema = uniqueName();
        return new TestBackend() {
            @Override
            StoreConfig.Builder config() {
                return StoreConfig.builder(StoreKind.POSTGRESQL).jdbcUrl(url).user(user)
                        .password(Secret.of(password)).database(schema);
            }

            @Override
            Connection raw() throws SQLException {
                Connection c = DriverManager.getConnection(url, user, password);
                c.setSchema(schema);
                return c;
            }

            @Override
            void drop() throws SQLException {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                }
            }
        };
    }

    private static String uniqueName() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return "ccr_it_" + HexFormat.of().formatHex(b);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            String why = name + " is not set: start the test databases with `source scripts/test-databases.sh &&"
                    + " start_test_databases` (CI sets it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        return v;
    }
}
