package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A db job whose first full copy holds a view with a column list (over a join) and a
 * merge-on-write table; after the copy, partial column updates in a MySQL session (existing keys,
 * a new key in non-strict mode, the delete sign, a DELETE), a view created incrementally, join and
 * subquery checks on both sides, and ALTER VIEW with a new column list. The harness compares every
 * table at close; the views are compared here by their SHOW CREATE VIEW and their rows.
 */
class ViewsAndPartialUpdatesE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE w PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE w");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private void sameOnBothSides(String query) {
        assertThat(h.dst.sql(query)).as(query).isEqualTo(h.src.sql(query)).isNotEmpty();
    }

    private void sameView(String view) {
        assertThat(h.dst.sql("SHOW CREATE VIEW w." + view)).as("SHOW CREATE VIEW %s", view)
                .isEqualTo(h.src.sql("SHOW CREATE VIEW w." + view));
        sameOnBothSides("SELECT * FROM w." + view + " ORDER BY 1");
    }

    @Test
    void viewsWithColumnListsAndPartialUpdatesReplicate() throws Exception {
        h.src.sql("CREATE TABLE w.users (id INT NOT NULL, name VARCHAR(20), score INT, city VARCHAR(10) DEFAULT \"nowhere\")"
                + " UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 3"
                + " PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")");
        h.src.sql("CREATE TABLE w.orders (oid INT NOT NULL, uid INT, amount INT) DUPLICATE KEY(oid)"
                + " DISTRIBUTED BY HASH(oid) BUCKETS 2");
        h.src.sql("INSERT INTO w.users VALUES (1, 'ann', 1, 'oslo'), (2, 'bob', 2, 'rome'), (3, 'cid', 3, 'lima'),"
                + " (4, 'dan', 4, 'kyiv')");
        h.src.sql("INSERT INTO w.orders VALUES (10, 1, 5), (11, 1, 7), (12, 2, 1), (13, 9, 4)");
        h.src.sql("CREATE VIEW w.per_user (user_name COMMENT 'who', total) COMMENT 'totals per user' AS"
                + " SELECT u.name, sum(o.amount) FROM w.users u JOIN w.orders o ON u.id = o.uid GROUP BY u.name");
        h.create(h.createBody("w_job", "w", "", "w", ""));
        h.run(Duration.ofMinutes(2));

        assertThat(h.dst.isView("w", "per_user")).isTrue();
        sameView("per_user");
        sameOnBothSides("SHOW FULL COLUMNS FROM w.per_user"); // the column comment came with the snapshot
        assertThat(h.dst.sql("SELECT user_name, total FROM w.per_user ORDER BY user_name"))
                .containsExactly(List.of("ann", "12"), List.of("bob", "1"));

        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + h.src.mysqlPort() + "/w",
                h.src.user(), h.src.password()); Statement s = c.createStatement()) {
            s.execute("SET enable_unique_key_partial_update = true");
            s.execute("INSERT INTO users (id, score) VALUES (1, 100), (2, 200)");
            s.execute("SET enable_insert_strict = false");
            s.execute("INSERT INTO users (id, name) VALUES (5, 'eve'), (1, 'ann2')");
            s.execute("INSERT INTO users (id, __DORIS_DELETE_SIGN__) VALUES (3, 1)");
            s.execute("DELETE FROM users WHERE id = 4");
            s.execute("INSERT INTO orders VALUES (14, 5, 9), (15, 2, 3)");
        }
        h.src.sql("CREATE VIEW w.big (uid, biggest) COMMENT 'largest order' AS SELECT uid, max(amount) FROM w.orders"
                + " GROUP BY uid");
        h.run(Duration.ofMinutes(2));

        assertThat(h.src.sql("SELECT * FROM w.users ORDER BY id")).containsExactly(
                List.of("1", "ann2", "100", "oslo"), List.of("2", "bob", "200", "rome"),
                java.util.Arrays.asList("5", "eve", null, "nowhere"));
        h.assertSameTable("w", "users", "w", "users");
        sameOnBothSides("SELECT u.id, u.name, u.score, sum(o.amount) AS spent FROM w.users u LEFT JOIN w.orders o"
                + " ON u.id = o.uid GROUP BY u.id, u.name, u.score ORDER BY u.id");
        sameOnBothSides("SELECT id, city FROM w.users WHERE id IN (SELECT uid FROM w.orders WHERE amount > 2)"
                + " AND score IS NULL OR score > (SELECT min(amount) FROM w.orders) ORDER BY id");
        sameView("per_user");
        sameView("big");

        h.src.sql("ALTER VIEW w.per_user (user_name, orders, biggest) AS SELECT u.name, count(*), max(o.amount)"
                + " FROM w.users u JOIN w.orders o ON u.id = o.uid GROUP BY u.name");
        h.run(Duration.ofMinutes(2));
        sameView("per_user");
        assertThat(h.dst.sql("SELECT user_name, orders, biggest FROM w.per_user ORDER BY user_name")).containsExactly(
                List.of("ann2", "2", "7"), List.of("bob", "2", "3"), List.of("eve", "1", "9"));
    }
}
