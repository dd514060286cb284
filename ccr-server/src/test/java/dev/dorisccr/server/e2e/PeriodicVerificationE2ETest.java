package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.VerificationSummary;
import dev.dorisccr.core.sync.PeriodicVerification;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periodic verification over the simulator: off until started, then every interval each running
 * job is verified and the outcome kept in its status like a {@code /verify}; a row deleted on the
 * target behind the syncer's back is named at the next round, a paused job is left alone, and after
 * a forced full sync the next round finds the job equal again.
 */
class PeriodicVerificationE2ETest {
    @TempDir Path dir;

    private static VerificationSummary last(E2eHarness h) {
        return h.syncer.status("db_job").observed().verification().orElseThrow();
    }

    @Test
    void everyRunningJobIsVerifiedEachIntervalAndADivergenceIsNamed() throws Exception {
        try (E2eHarness h = new E2eHarness(dir)) {
            h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
            h.dst.sql("CREATE DATABASE d1");
            h.src.sql("CREATE TABLE d1.orders (id INT NOT NULL, note VARCHAR(20)) UNIQUE KEY(id)"
                    + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"100\"),"
                    + " PARTITION p2 VALUES LESS THAN (\"1000\")) DISTRIBUTED BY HASH(id) BUCKETS 2");
            h.src.sql("INSERT INTO d1.orders VALUES (1, 'a'), (2, 'b'), (150, 'c')");
            h.create(h.createBody("db_job", "d1", "", "d1", ""));
            h.run(Duration.ofMinutes(2));
            assertThat(h.syncer.status("db_job").observed().verification()).as("nothing verified yet").isEmpty();

            PeriodicVerification periodic = new PeriodicVerification(h.syncer, h.time, Duration.ofMinutes(10));
            periodic.start();
            h.run(Duration.ofMinutes(9));
            assertThat(h.syncer.status("db_job").observed().verification()).as("not before the interval").isEmpty();
            h.run(Duration.ofMinutes(2));
            VerificationSummary first = last(h);
            assertThat(first.outcome()).isEqualTo("EQUAL");
            assertThat(first.partitionsEqual()).isEqualTo(2);

            h.dst.sql("DELETE FROM d1.orders WHERE id = 1");
            h.run(Duration.ofMinutes(10));
            VerificationSummary second = last(h);
            assertThat(second.atMs()).isGreaterThan(first.atMs());
            assertThat(second.outcome()).isEqualTo("DIFFERS");
            assertThat(second.findings()).contains("orders partition p1: 2 row(s) on the source, 1 on the target");

            h.syncer.pause("db_job");
            h.run(Duration.ofMinutes(10));
            assertThat(last(h).atMs()).as("a paused job is not verified").isEqualTo(second.atMs());

            h.syncer.resume("db_job");
            h.syncer.forceFullSync("db_job");
            h.run(Duration.ofMinutes(10));
            VerificationSummary repaired = last(h);
            assertThat(repaired.atMs()).isGreaterThan(second.atMs());
            assertThat(repaired.outcome()).isEqualTo("EQUAL");
            periodic.close();

            h.assertSameTable("d1", "orders", "d1", "orders");
        }
    }
}
