package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad SQL gets a MySQL-style error and changes nothing; no input crashes the handler. */
class SqlSurfaceFuzzTest {
    private static final List<String> VALID = List.of(
            "CREATE TABLE db.t2 (k INT NOT NULL, v VARCHAR(10) DEFAULT \"x\" COMMENT 'c') UNIQUE KEY(k)"
                    + " PARTITION BY RANGE(k) (PARTITION p1 VALUES LESS THAN (\"10\")) DISTRIBUTED BY HASH(k) BUCKETS 2"
                    + " PROPERTIES (\"replication_num\" = \"1\")",
            "ALTER TABLE db.t ADD PARTITION p9 VALUES LESS THAN (\"90\") DISTRIBUTED BY HASH(k) BUCKETS 2",
            "INSERT INTO db.t (k, v) VALUES (1, 'a'), (2, NULL)",
            "DELETE FROM db.t WHERE k >= 1 AND v = 'a'",
            "SHOW PROC '/dbs/'",
            "BACKUP SNAPSHOT db.s1 TO `__keep_on_local__` ON (t) PROPERTIES (\"type\" = \"full\")",
            "ALTER TABLE db.t RENAME COLUMN v w",
            "SHOW RESTORE FROM db WHERE Label = \"x\"",
            "INSERT OVERWRITE TABLE db.t PARTITION (p1) VALUES (3, 'o')",
            "INSERT INTO db.t TEMPORARY PARTITION (tp) VALUES (4, 't')",
            "ALTER TABLE db.t ADD INDEX i1 (v) USING INVERTED PROPERTIES (\"parser\" = \"english\") COMMENT 'x'",
            "BUILD INDEX i1 ON db.t PARTITION (p1)",
            "ALTER TABLE db.t MODIFY PARTITION (p1) SET (\"storage_medium\" = \"SSD\")",
            "ALTER TABLE db.t MODIFY DISTRIBUTION DISTRIBUTED BY HASH(k) BUCKETS 4",
            "RECOVER PARTITION p1 AS p2 FROM db.t",
            "RECOVER TABLE db.t AS t3");

    private static FakeDorisCluster cluster() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("fuzz").build();
        c.sql("CREATE DATABASE db PROPERTIES (\"binlog.enable\" = \"true\")");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(10)) DUPLICATE KEY(k) PARTITION BY RANGE(k)"
                + " (PARTITION p1 VALUES LESS THAN (\"50\")) DISTRIBUTED BY HASH(k) BUCKETS 2");
        return c;
    }

    @Test
    void unknownAndMalformedStatementsAreErrorsThatChangeNothing() {
        FakeDorisCluster c = cluster();
        String before = c.sql("SHOW CREATE TABLE db.t").get(0).get(1);
        for (String bad : List.of("", "SELEC 1", "CREATE TABLE db.x (", "ALTER TABLE db.t ADD PARTITION",
                "INSERT INTO db.t VALUES (1)", "DROP TABLE db.nope", "ALTER TABLE db.t FROB", "SHOW PROC '/x'",
                "CREATE TABLE db.y (k INT) DUPLICATE KEY(z) DISTRIBUTED BY HASH(k)", "INSERT INTO db.t VALUES ('a', 'b', 'c')",
                "CREATE TABLE db.z (k INT) DISTRIBUTED BY HASH(k) BUCKETS 0",
                "INSERT OVERWRITE TABLE db.t VALUES (500, 'no partition')", "INSERT OVERWRITE TABLE db.t PARTITION (nope) VALUES (1, 'a')",
                "BUILD INDEX nope ON db.t", "RECOVER TABLE db.never", "RECOVER PARTITION nope FROM db.t",
                "ALTER TABLE db.t MODIFY PARTITION p1 SET (\"frob\" = \"1\")",
                "ALTER TABLE db.t MODIFY DISTRIBUTION DISTRIBUTED BY RANDOM BUCKETS 3",
                "ALTER TABLE db.t SET (\"distribution_type\" = \"hash\")", "ALTER TABLE db.t DROP INDEX nope",
                "ALTER TABLE db.t ADD INDEX i2 (nope) USING INVERTED")) {
            assertThatThrownBy(() -> c.sql(bad)).as(bad).isInstanceOf(SimException.class)
                    .hasMessageContaining("errCode = 2");
        }
        assertThat(c.sql("SHOW CREATE TABLE db.t").get(0).get(1)).isEqualTo(before);
        assertThat(c.rows("db", "t")).isEmpty();
        assertThat(c.tables("db")).containsExactly("t");
    }

    @Test
    void randomTruncationsAndMutationsOnlyEverGiveSimErrors() {
        long seed = 20261123L;
        System.out.println("SqlSurfaceFuzzTest seed " + seed);
        Random r = new Random(seed);
        FakeDorisCluster c = cluster();
        String junk = "()`'\",;.=<>[]-* \n\\x9";
        for (int i = 0; i < 3000; i++) {
            String s = VALID.get(r.nextInt(VALID.size()));
            StringBuilder b = new StringBuilder(s.substring(0, r.nextInt(s.length() + 1)));
            for (int m = r.nextInt(3); m > 0 && b.length() > 0; m--) {
                b.setCharAt(r.nextInt(b.length()), junk.charAt(r.nextInt(junk.length())));
            }
            String sql = b.toString();
            try {
                c.sql(sql);
            } catch (SimException e) {
                assertThat(e.getMessage()).as("seed %d: %s", seed, sql).isNotBlank();
            }
        }
    }
}
