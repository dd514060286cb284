package dev.dorisccr.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dorisccr.core.error.CcrException;
import dev.dorisccr.core.job.PlanStep;
import dev.dorisccr.core.job.ReplayPlan;
import dev.dorisccr.core.json.SyncProgressJson;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay dry run end to end: a paused job's next binlogs planned by its own state machine (a
 * load, a column added, a table created, each with the rewritten SQL), nothing changed on the
 * target or in the progress, then the job resumed does exactly that.
 */
class DryRunE2ETest {
    @TempDir Path dir;
    private E2eHarness h;

    @BeforeEach
    void start() {
        h = new E2eHarness(dir);
        h.src.sql("CREATE DATABASE d1 PROPERTIES (\"binlog.enable\" = \"true\")");
        h.dst.sql("CREATE DATABASE d1");
        h.src.sql("CREATE TABLE d1.t (id INT NOT NULL, v VARCHAR(20)) UNIQUE KEY(id) PARTITION BY RANGE(id)"
                + " (PARTITION p1 VALUES LESS THAN (\"100\"), PARTITION p2 VALUES LESS THAN (\"1000\"))"
                + " DISTRIBUTED BY HASH(id) BUCKETS 2");
        h.src.sql("INSERT INTO d1.t VALUES (1, 'a')");
        h.create(h.createBody("db_job", "d1", "", "d1", ""));
        h.run(Duration.ofMinutes(2));
        h.syncer.pause("db_job");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    @Test
    void theNextBinlogsArePlannedWithTheirSqlAndNothingChangesUntilTheJobRuns() {
        h.src.sql("INSERT INTO d1.t VALUES (2, 'b'), (150, 'c')");
        h.src.sql("ALTER TABLE d1.t ADD COLUMN n INT DEFAULT \"7\"");
        h.src.sql("CREATE TABLE d1.u (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
        String progressBefore = h.store.progress().get("db_job").orElseThrow().progress();

        ReplayPlan plan = h.syncer.plan("db_job", 10);
        assertThat(plan.fromCommitSeq()).isEqualTo(h.syncer.progress("db_job").prevCommitSeq());
        assertThat(plan.end()).isEqualTo("caught up");
        assertThat(plan.steps()).extracting(PlanStep::type).containsSubsequence("UPSERT", "MODIFY_TABLE_ADD_OR_DROP_COLUMNS",
                "CREATE_TABLE");
        PlanStep load = plan.steps().stream().filter(s -> s.type().equals("UPSERT")).findFirst().orElseThrow();
        assertThat(load.action()).isEqualTo("LOAD");
        assertThat(load.detail()).startsWith("load into t: 2 partition(s) (label ccrj-db_job-")
                // the ingests the real apply would make: 2 partitions x 2 buckets, one replica each
                .containsPattern("\\); 4 tablet ingest\\(s\\) on [1-9] target BE\\(s\\)$");
        PlanStep add = plan.steps().stream().filter(s -> s.type().startsWith("MODIFY_TABLE_ADD")).findFirst().orElseThrow();
        assertThat(add.action()).isEqualTo("REPLAY");
        assertThat(add.statements()).singleElement().asString().contains("ALTER TABLE `d1`.`t`").contains("ADD COLUMN");
        PlanStep create = plan.steps().stream().filter(s -> s.type().equals("CREATE_TABLE")).findFirst().orElseThrow();
        assertThat(create.statements()).singleElement().asString().startsWith("CREATE TABLE").contains("`u`");
        assertThat(plan.steps()).extracting(PlanStep::commitSeq).isSorted();

        // nothing happened: the target, the progress
        assertThat(h.dst.rows("d1", "t")).hasSize(1);
        assertThat(h.dst.tables("d1")).containsExactly("t");
        assertThat(h.dst.tableDef("d1", "t").columns()).hasSize(2);
        assertThat(h.store.progress().get("db_job").orElseThrow().progress()).isEqualTo(progressBefore);
        assertThat(SyncProgressJson.read(progressBefore).prevCommitSeq()).isEqualTo(plan.fromCommitSeq());

        // a plan of one binlog stops there
        ReplayPlan one = h.syncer.plan("db_job", 1);
        assertThat(one.steps()).hasSize(1).first().isEqualTo(plan.steps().get(0));
        assertThat(one.end()).isEqualTo("1 binlog(s) planned");
        assertThatThrownBy(() -> h.syncer.plan("db_job", 0)).isInstanceOf(CcrException.class)
                .hasMessageContaining("count must be 1 to 1000");

        // over HTTP and ctl
        try (InProcessCtl ctl = new InProcessCtl(h)) {
            assertThat(ctl.run("plan", "db_job", "--count", "5")).as(ctl.output()).isZero();
            assertThat(ctl.output()).startsWith("plan of job db_job from commit seq " + plan.fromCommitSeq())
                    .containsPattern("UPSERT +LOAD +load into t").contains("CREATE_TABLE").contains("  CREATE TABLE")
                    .endsWith("then: caught up\n");
            assertThat(ctl.run("plan", "db_job", "--count", "0")).isEqualTo(2);
        }
        assertThat(h.dst.tables("d1")).containsExactly("t");

        // the job does what the plan said
        h.syncer.resume("db_job");
        h.run(Duration.ofMinutes(1));
        assertThat(h.dst.tables("d1")).containsExactlyInAnyOrder("t", "u");
        assertThat(h.dst.rows("d1", "t")).hasSize(3);
        assertThat(h.syncer.plan("db_job", 5).steps()).isEmpty();
    }
}
