package dev.dorisccr.testkit.doris;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The functions a consistency check runs on both clusters: {@code murmur_hash3_64} with the values
 * Doris documents, and an order-independent partition checksum (count and a LARGEINT sum of row
 * hashes) that tells a changed, missing or extra row apart.
 */
class ChecksumFunctionsTest {
    private static List<String> row(String... v) {
        return Arrays.asList(v);
    }

    @Test
    void murmurHash3With64BitsGivesDorisDocumentedValues() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("h").build();
        assertThat(c.sql("SELECT murmur_hash3_64('hello'), murmur_hash3_64('hello', 'world'), murmur_hash3_64(NULL)"))
                .containsExactly(row("-3215607508166160593", "3583109472027628045", null));
        assertThat(c.sql("SELECT murmur_hash3_64('')")).hasSize(1);
        assertThat(c.sql("SELECT murmur_hash3_64('a longer string of more than sixteen bytes')").get(0).get(0))
                .isNotEqualTo(c.sql("SELECT murmur_hash3_64('a longer string of more than sixteen byteS')").get(0).get(0));
    }

    @Test
    void partitionChecksumIsOrderIndependentAndSeesEveryChange() {
        FakeDorisCluster c = FakeDorisCluster.builder().name("h").build();
        c.sql("CREATE DATABASE db");
        c.sql("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(k) PARTITION BY RANGE(k)"
                + " (PARTITION p1 VALUES LESS THAN (\"10\"), PARTITION p2 VALUES LESS THAN (\"100\"))"
                + " DISTRIBUTED BY HASH(k) BUCKETS 2");
        c.sql("INSERT INTO db.t VALUES (1, 'a'), (2, NULL), (10, 'b')");
        String q = "SELECT count(*), sum(cast(murmur_hash3_64(ifnull(cast(k AS STRING), 'ccr:null'),"
                + " ifnull(cast(v AS STRING), 'ccr:null')) AS LARGEINT)) FROM db.t PARTITION (p1)";
        List<List<String>> before = c.sql(q);
        assertThat(before.get(0).get(0)).isEqualTo("2");
        c.sql("TRUNCATE TABLE db.t PARTITION (p1)");
        c.sql("INSERT INTO db.t VALUES (2, NULL), (1, 'a')");
        assertThat(c.sql(q)).isEqualTo(before);
        c.sql("INSERT INTO db.t VALUES (3, 'c')");
        assertThat(c.sql(q)).isNotEqualTo(before);
        // a LARGEINT sum does not wrap: two large hashes add up exactly
        c.sql("INSERT INTO db.t VALUES (20, 'x'), (30, 'y')");
        java.math.BigInteger hx = new java.math.BigInteger(c.sql("SELECT murmur_hash3_64('x')").get(0).get(0));
        java.math.BigInteger hy = new java.math.BigInteger(c.sql("SELECT murmur_hash3_64('y')").get(0).get(0));
        assertThat(c.sql("SELECT sum(cast(murmur_hash3_64(v) AS LARGEINT)) FROM db.t PARTITION (p2) WHERE k >= 20"))
                .containsExactly(row(hx.add(hy).toString()));
    }
}
