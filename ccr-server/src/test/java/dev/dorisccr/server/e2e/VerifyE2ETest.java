package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dorisccr.core.job.VerificationSummary;
import dev.dorisccr.core.verify.PartitionCheck;
import dev.dorisccr.core.verify.TableCheck;
import dev.dorisccr.core.verify.VerifyOutcome;
import dev.dorisccr.core.verify.VerifyReport;
import dev.dorisccr.core.verify.VerifyRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consistency verification end to end: a job verified equal, a divergence made behind the
 * syncer's back named down to the partition, a target that is behind reported not aligned rather
 * than guessed, and a forced full sync that repairs what verification found.
 */
class VerifyE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE d1");
        h.src.sql("CREATE TABLE d1.orders (id INT NOT NULL, note VARCHAR(20), amount DECIMAL(10, 2)) UNIQUE KEY(id)"
                + " PARTITION BY RANGE(id) (PARTITION p1 VALUES LESS THAN (\"100\"),"
                + " PARTITION p2 VALUES LESS THAN (\"1000\")) DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("CREATE TABLE d1.events (k INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        h.src.sql("CREATE VIEW d1.big AS SELECT id, amount FROM d1.orders WHERE amount > 10");
        h.src.sql("INSERT INTO d1.orders VALUES (1, 'a', 1.50), (2, NULL, 20), (150, 'c', 300), (151, 'd', NULL)");
        h.src.sql("INSERT INTO d1.events VALUES (1, 'x'), (1, 'x'), (2, NULL)");
        h.create(h.createBody("db_job", "d1", "", "d1", ""));
        h.run(Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private VerifyReport verify(VerifyRequest r) {
        return h.syncer.verify("db_job", r, attempt -> h.run(Duration.ofSeconds(5)));
    }

    private static TableCheck table(VerifyReport r, String name) {
        return r.tables().stream().filter(t -> t.sourceTable().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aJobInSyncVerifiesEqualPartitionByPartitionAndKeepsTheOutcomeInItsStatus() {
        VerifyReport r = verify(VerifyRequest.all());
        assertThat(r.outcome()).as("%s", r).isEqualTo(VerifyOutcome.EQUAL);
        assertThat(r.tables()).extracting(TableCheck::sourceTable).containsExactlyInAnyOrder("orders", "events");
        assertThat(table(r, "orders").partitions()).extracting(PartitionCheck::partition, PartitionCheck::outcome,
                PartitionCheck::sourceRows).containsExactly(org.assertj.core.groups.Tuple.tuple("p1", VerifyOutcome.EQUAL, 2L),
                org.assertj.core.groups.Tuple.tuple("p2", VerifyOutcome.EQUAL, 2L));
        assertThat(table(r, "events").partitions()).singleElement()
                .satisfies(p -> assertThat(p.targetRows()).isEqualTo(3));

        VerificationSummary s = h.syncer.status("db_job").observed().verification().orElseThrow();
        assertThat(s.outcome()).isEqualTo("EQUAL");
        assertThat(s.partitionsEqual()).isEqualTo(3);
        // stored with the job: a status read from the store (as another syncer sees it) has it too
        h.run(Duration.ofSeconds(10));
        String stored = h.store.progress().get("db_job").orElseThrow().progress();
        assertThat(stored).contains("\"verification\"").contains("\"outcome\":\"EQUAL\"");
    }

    @Test
    void aDivergenceBehindTheSyncersBackIsNamedAndAForcedFullSyncRepairsIt() {
        // a row deleted in one partition, a value changed (same count) in another, on the target only
        h.dst.sql("DELETE FROM d1.orders WHERE id = 1");
        h.dst.sql("INSERT INTO d1.orders VALUES (150, 'changed', 300)");
        VerifyReport r = verify(VerifyRequest.all());
        assertThat(r.outcome()).isEqualTo(VerifyOutcome.DIFFERS);
        TableCheck orders = table(r, "orders");
        assertThat(orders.outcome()).isEqualTo(VerifyOutcome.DIFFERS);
        assertThat(orders.partitions()).filteredOn(p -> p.partition().equals("p1")).singleElement().satisfies(p -> {
            assertThat(p.outcome()).isEqualTo(VerifyOutcome.DIFFERS);
            assertThat(p.detail()).isEqualTo("2 row(s) on the source, 1 on the target");
        });
        assertThat(orders.partitions()).filteredOn(p -> p.partition().equals("p2")).singleElement()
                .satisfies(p -> assertThat(p.detail()).contains("different contents"));
        assertThat(table(r, "events").outcome()).isEqualTo(VerifyOutcome.EQUAL);
        assertThat(h.syncer.status("db_job").observed().verification().orElseThrow().findings())
                .contains("orders partition p1: 2 row(s) on the source, 1 on the target");

        h.syncer.forceFullSync("db_job");
        h.run(Duration.ofMinutes(3));
        assertThat(verify(VerifyRequest.all()).outcome()).isEqualTo(VerifyOutcome.EQUAL);
    }

    @Test
    void aTargetBehindTheSourceIsNotAlignedRatherThanGuessedThenEqualOnceCaughtUp() {
        h.syncer.pause("db_job");
        h.src.sql("INSERT INTO d1.orders VALUES (3, 'late', 1)");
        VerifyReport r = h.syncer.verify("db_job", new VerifyRequest(List.of("orders"), 2), attempt -> {});
        assertThat(r.outcome()).isEqualTo(VerifyOutcome.NOT_ALIGNED);
        assertThat(table(r, "orders").partitions()).allSatisfy(p -> {
            assertThat(p.outcome()).isEqualTo(VerifyOutcome.NOT_ALIGNED);
            assertThat(p.detail()).startsWith("the target has applied up to binlog");
        });
        assertThat(r.tables()).extracting(TableCheck::sourceTable).containsExactly("orders");

        h.syncer.resume("db_job");
        h.run(Duration.ofMinutes(1));
        assertThat(verify(new VerifyRequest(List.of("orders"), 2)).outcome()).isEqualTo(VerifyOutcome.EQUAL);
    }

    @Test
    void ctlVerifyAsksTheServerAndExitsFourOnADifferenceWhichStatusThenShows() throws Exception {
        try (InProcessCtl api = new InProcessCtl(h)) {
            assertThat(ctl(api, "verify", "db_job")).as(out).isZero();
            assertThat(out).startsWith("verification of job db_job: EQUAL\n").containsPattern("orders +p1 +EQUAL +2 +2");

            h.dst.sql("DELETE FROM d1.events WHERE k = 2");
            assertThat(ctl(api, "verify", "db_job", "--table", "events")).isEqualTo(4);
            assertThat(out).contains("DIFFERS").containsPattern("events +events +DIFFERS +3 +2 +3 row\\(s\\) on the source")
                    .doesNotContain("orders");
            assertThat(ctl(api, "status", "db_job")).isZero();
            assertThat(out).contains("DIFFERS at").contains("events partition events: 3 row(s) on the source, 2 on the target");
            assertThat(ctl(api, "verify", "db_job", "--attempts", "0")).isEqualTo(2);
            assertThat(ctl(api, "verify", "nope")).isEqualTo(1);
            h.syncer.forceFullSync("db_job");
            h.run(Duration.ofMinutes(3));
        }
    }

    private String out;

    private int ctl(InProcessCtl api, String... args) {
        int code = api.run(args);
        out = api.output();
        return code;
    }

    @Test
    void schemaAndSyncMarkDifferencesAreReported() {
        h.dst.sql("ALTER TABLE d1.events ADD COLUMN extra INT DEFAULT \"0\"");
        h.dst.sql("ALTER TABLE d1.orders SET (\"is_being_synced\" = \"false\")");
        h.run(Duration.ofSeconds(30));
        VerifyReport r = verify(VerifyRequest.all());
        assertThat(r.outcome()).isEqualTo(VerifyOutcome.DIFFERS);
        assertThat(table(r, "events").differences()).singleElement().asString().startsWith("columns differ");
        assertThat(table(r, "orders").differences()).containsExactly("is_being_synced is not \"true\" on the target");
        h.skipConvergenceCheck();
    }
}
